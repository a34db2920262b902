import { createHash, randomBytes } from 'node:crypto';

/** A sortable, unique id: time in base36 then random bits. */
export function newId(now: Date = new Date()): string {
  return `${now.getTime().toString(36)}${randomBytes(6).toString('hex')}`;
}

/** A 10-character id (time in base 36 + 2 random characters) for documents whose id travels in a code. */
export function shortId(now: Date = new Date()): string {
  const random = randomBytes(2).readUInt16BE(0) % 1296;
  return `${now.getTime().toString(36).padStart(8, '0')}${random.toString(36).padStart(2, '0')}`;
}

/**
 * The id of a record created for a client's request id: the same request always gets the same id (so a
 * retry meets the first record), and the id does not reveal who asked. Hex, so it also fits a code.
 */
export function keyedId(openid: string, requestId: string, length = 24): string {
  return createHash('sha256').update(`${openid}~${requestId}`).digest('hex').slice(0, length);
}
