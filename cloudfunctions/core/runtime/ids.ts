import { randomBytes } from 'node:crypto';

/** A sortable, unique id: time in base36 then random bits. */
export function newId(now: Date = new Date()): string {
  return `${now.getTime().toString(36)}${randomBytes(6).toString('hex')}`;
}

/** A 10-character id (time in base 36 + 2 random characters) for documents whose id travels in a code. */
export function shortId(now: Date = new Date()): string {
  const random = randomBytes(2).readUInt16BE(0) % 1296;
  return `${now.getTime().toString(36).padStart(8, '0')}${random.toString(36).padStart(2, '0')}`;
}
