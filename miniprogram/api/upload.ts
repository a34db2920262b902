import Taro from '@tarojs/taro';
import { messageFor } from '@shared/core/errors';
import { call, CallError } from './call';
import { sessionToken } from './session';

/** The caller's upload folder in cloud storage, asked once per launch (it is the same for every photo). */
let folder: Promise<string> | null = null;

function uploadFolder(): Promise<string> {
  folder ??= call('report', 'uploadSlot', {}).then(
    (slot) => slot.folder,
    (error: unknown) => {
      folder = null;
      throw error;
    },
  );
  return folder;
}

/** What each uploaded photo looks like on this device: no client may read storage, so not its id. */
const previews = new Map<string, string>();

/** The local picture a photo was uploaded from, shown before the wish or report is sent. */
export function previewOf(id: string): string | null {
  return previews.get(id) ?? null;
}

/**
 * Uploads a chosen photo and returns what the action takes: a CloudBase file id in the mini-program (in
 * the caller's own folder, which the functions check), an upload id of the local server in H5. Neither can
 * be shown: views carry short-lived URLs, and the preview is the picture on this device.
 */
export async function uploadPhoto(tempPath: string): Promise<string> {
  let id: string;
  if (process.env.TARO_ENV === 'weapp') {
    const ext = tempPath.toLowerCase().endsWith('.png') ? 'png' : 'jpg';
    const name = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
    const res = await Taro.cloud.uploadFile({ cloudPath: `${await uploadFolder()}${name}.${ext}`, filePath: tempPath });
    id = res.fileID;
  } else {
    const blob = await (await fetch(tempPath)).blob();
    const res = await fetch('/api/upload', {
      method: 'POST',
      headers: { authorization: `Bearer ${sessionToken() ?? ''}` },
      body: blob,
    });
    const body = (await res.json()) as {
      ok: boolean;
      data?: { id: string };
      error?: { code: 'INPUT.INVALID'; message: string };
    };
    if (!body.ok || !body.data) throw new CallError(body.error ?? { code: 'NETWORK', message: messageFor('NETWORK') });
    id = body.data.id;
  }
  previews.set(id, tempPath);
  return id;
}
