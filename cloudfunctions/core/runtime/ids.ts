import { randomBytes } from 'node:crypto';

/** A sortable, unique id: time in base36 then random bits. */
export function newId(now: Date = new Date()): string {
  return `${now.getTime().toString(36)}${randomBytes(6).toString('hex')}`;
}
