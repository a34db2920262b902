import Taro from '@tarojs/taro';
import { messageFor } from '@shared/core/errors';
import { call, CallError } from './call';
import { sessionToken } from './session';

/**
 * Spreadsheets (the organisation tree's xlsx): picked and uploaded for an import, opened after an export.
 * In the mini-program the file comes from a chat (`chooseMessageFile`: WeChat has no other file picker) and is
 * uploaded to the caller's own folder in cloud storage, which the function checks; in H5 the browser's file
 * picker and the local server's upload.
 */

const cancelled = (e: unknown) => /cancel/i.test((e as { errMsg?: string })?.errMsg ?? String(e));

/** The file id of a spreadsheet the person picked and uploaded, or null when they cancelled. */
export async function pickAndUploadSheet(): Promise<string | null> {
  if (process.env.TARO_ENV === 'weapp') {
    let path: string;
    try {
      const picked = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx'] });
      path = picked.tempFiles[0]?.path ?? '';
    } catch (e) {
      if (cancelled(e)) return null;
      throw e;
    }
    if (!path) return null;
    const { folder } = await call('report', 'uploadSlot', {});
    const name = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
    const res = await Taro.cloud.uploadFile({ cloudPath: `${folder}${name}.xlsx`, filePath: path });
    return res.fileID;
  }
  const file = await browserPick();
  if (!file) return null;
  const res = await fetch('/api/upload', {
    method: 'POST',
    headers: { authorization: `Bearer ${sessionToken() ?? ''}` },
    body: file,
  });
  const body = (await res.json()) as {
    ok: boolean;
    data?: { id: string };
    error?: { code: 'INPUT.INVALID'; message: string };
  };
  if (!body.ok || !body.data) throw new CallError(body.error ?? { code: 'NETWORK', message: messageFor('NETWORK') });
  return body.data.id;
}

/** The browser's file picker, for one .xlsx (null when the person closes it). */
function browserPick(): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    input.style.display = 'none';
    input.setAttribute('data-testid', 'sheet-input');
    input.addEventListener('change', () => {
      resolve(input.files?.[0] ?? null);
      input.remove();
    });
    input.addEventListener('cancel', () => {
      resolve(null);
      input.remove();
    });
    document.body.appendChild(input);
    input.click();
  });
}

/** Opens an exported spreadsheet: WeChat's document viewer (share or save from its menu), or a download in H5. */
export async function openSheet(url: string, fileName: string): Promise<void> {
  if (process.env.TARO_ENV === 'weapp') {
    const { tempFilePath, statusCode } = await Taro.downloadFile({ url });
    if (statusCode !== 200) throw new CallError({ code: 'NETWORK', message: messageFor('NETWORK') });
    await Taro.openDocument({ filePath: tempFilePath, fileType: 'xlsx', showMenu: true });
    return;
  }
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
}
