import Taro from '@tarojs/taro';
import { messageFor } from '@shared/core/errors';
import { CallError } from './call';
import { sessionToken } from './session';

/**
 * Uploads a chosen photo and returns what the wish stores: a CloudBase file id in the mini-program,
 * a `/uploads/…` path of the local server in H5.
 */
export async function uploadPhoto(tempPath: string): Promise<string> {
  if (process.env.TARO_ENV === 'weapp') {
    const ext = tempPath.toLowerCase().endsWith('.png') ? 'png' : 'jpg';
    const res = await Taro.cloud.uploadFile({
      cloudPath: `photos/${Date.now()}-${Math.random().toString(36).slice(2, 10)}.${ext}`,
      filePath: tempPath,
    });
    return res.fileID;
  }
  const blob = await (await fetch(tempPath)).blob();
  const res = await fetch('/api/upload', {
    method: 'POST',
    headers: { authorization: `Bearer ${sessionToken() ?? ''}` },
    body: blob,
  });
  const body = (await res.json()) as {
    ok: boolean;
    data?: { url: string };
    error?: { code: 'INPUT.INVALID'; message: string };
  };
  if (!body.ok || !body.data) throw new CallError(body.error ?? { code: 'NETWORK', message: messageFor('NETWORK') });
  return body.data.url;
}
