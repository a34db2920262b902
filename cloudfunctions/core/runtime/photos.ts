import { messageFor } from '@shared/core/errors';
import type { PhotoContract } from '@shared/core/photos';
import { fail, type Failure } from '@shared/core/result';
import { photoFolder, uploaderKey, uploaderOf } from '../platform/files';
import type { Ctx, Handlers } from './router';
import type { Runtime } from './runtime';

/**
 * The photos an action is given, by input field (`photo`, `photos.0`…): each must be the caller's own, under
 * the folder their uploads go to (the key the functions derive from their OPENID) and an existing file there.
 * Anything else (an id another person uploaded and this one learned, a mini-program code, an id from before
 * uploads carried their uploader, a file never uploaded) is refused with PHOTO.NOT_YOURS. Only an action
 * with photos asks storage (one round trip).
 */
export async function ownPhotos(ctx: Ctx, photos: Record<string, string | null | undefined>): Promise<Failure | null> {
  const given = Object.entries(photos).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  if (!given.length) return null;
  const mine = uploaderKey(ctx.rt.secret, ctx.caller.openid);
  const files = ctx.rt.files;
  let refused = files ? given.filter(([, id]) => uploaderOf(id) !== mine) : given;
  if (files && !refused.length) {
    const missing = new Set(await files.missing(given.map(([, id]) => id)));
    refused = given.filter(([, id]) => missing.has(id));
  }
  if (!refused.length) return null;
  return fail('PHOTO.NOT_YOURS', Object.fromEntries(refused.map(([field]) => [field, messageFor('PHOTO.NOT_YOURS')])));
}

/** The `photos.<i>` fields of a list of photos, for `ownPhotos`. */
export function photoFields(name: string, ids: readonly string[]): Record<string, string> {
  return Object.fromEntries(ids.map((id, i) => [`${name}.${i}`, id]));
}

/**
 * The short-lived URLs of every photo a page of views shows, made in one batch (call it once per page,
 * for readers the view already lets see the records). A photo with no file shows nothing; so does every
 * photo when storage cannot be reached (logged): a list still answers.
 */
export async function photoUrls(
  rt: Runtime,
  ids: Iterable<string | null | undefined>,
): Promise<(id: string | null | undefined) => string | null> {
  const wanted = [...new Set([...ids].filter((id): id is string => typeof id === 'string' && id.length > 0))];
  if (!wanted.length || !rt.files) return () => null;
  let urls = new Map<string, string>();
  try {
    urls = await rt.files.urls(wanted);
  } catch (error) {
    rt.log({ level: 'warn', fn: 'files.urls', count: wanted.length, error: errorText(error) });
  }
  return (id) => (id ? (urls.get(id) ?? null) : null);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The upload folder the mini-program puts the caller's photos in (the local server chooses it itself). */
export const photoHandlers: Handlers<PhotoContract> = {
  uploadSlot: async (_input, ctx) => ({ folder: photoFolder(ctx.rt.secret, ctx.caller.openid) }),
};
