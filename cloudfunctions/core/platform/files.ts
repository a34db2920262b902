import { createHmac } from 'node:crypto';

/**
 * Cloud storage as the functions use it: photos people attach to wishes and problem reports, and the
 * mini-program codes. No client reads storage (README, 部署到云开发: the storage rule); a view turns the
 * ids it may show into short-lived URLs, one batch for the page.
 */
export type FileServices = {
  /**
   * A short-lived URL for each stored id that names a file of this platform; an id without a file (or of
   * another platform) gets none. One round trip for the whole batch (CloudBase takes 50 ids a request:
   * more go out at once, in parallel).
   */
  urls(ids: readonly string[]): Promise<Map<string, string>>;
  /** Of these ids, the ones that name no file in this platform's storage (one round trip). */
  missing(ids: readonly string[]): Promise<string[]>;
  /**
   * The bytes of a stored file (a spreadsheet a person uploaded to import), or null when there is none or it
   * is larger than `maxBytes`. Absent where nothing imports (a test's stand-in storage).
   */
  read?(id: string, maxBytes: number): Promise<Buffer | null>;
  /**
   * Stores a file a function made (an export) in `folder` (the person's key, as their uploads) and answers
   * its id, which `urls` turns into a short-lived download link.
   */
  write?(folder: string, name: string, bytes: Buffer): Promise<string>;
  /**
   * Deletes stored files (a closed account's photos); an id without a file is no error. Absent where nothing
   * is ever deleted (a test's stand-in storage).
   */
  remove?(ids: readonly string[]): Promise<void>;
};

/** How long a URL a view hands out keeps working (seconds); a page shown again gets fresh ones. */
export const FILE_URL_TTL_S = 15 * 60;

/** The most file ids CloudBase turns into URLs in one request. */
export const FILES_PER_REQUEST = 50;

export function inChunks<T>(list: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < list.length; i += size) chunks.push(list.slice(i, i + size));
  return chunks;
}

/**
 * The uploader a photo's path carries: a key made from the person's OPENID with the deployment's secret.
 * Not the OPENID itself: a photo's URL shows its path, and whoever sees the photo (a department the
 * reporter's identity is withheld from, a member on the wish wall) must not learn who took it.
 */
export function uploaderKey(secret: string, openid: string): string {
  return createHmac('sha256', secret).update(`photo-uploader|${openid}`).digest('hex').slice(0, 20);
}

/** The folder of cloud storage a person's photos are uploaded to (the mini-program asks for it: `uploadSlot`). */
export function photoFolder(secret: string, openid: string): string {
  return `photos/${uploaderKey(secret, openid)}/`;
}

/** A photo's id in CloudBase storage (`cloud://<env>.<bucket>/photos/<uploader>/<name>`) or in the local run. */
const uploadedIds = [
  /^cloud:\/\/[A-Za-z0-9._-]+\/photos\/([a-f0-9]{20})\/[A-Za-z0-9_-]{8,64}\.(?:jpg|png)$/,
  /^\/uploads\/([a-f0-9]{20})\/[a-f0-9]{32}\.(?:jpg|png)$/,
];

/** The uploader key a photo id carries, or null (not a photo id of either form, or one from before uploaders). */
export function uploaderOf(id: string): string | null {
  for (const form of uploadedIds) {
    const key = form.exec(id)?.[1];
    if (key) return key;
  }
  return null;
}
