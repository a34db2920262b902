import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Development login sessions for the local server only: `openid.expiry.signature`.
 * Nothing in cloudfunctions/ imports this file, so it can never reach a deployed bundle.
 */
const TTL_MS = 7 * 24 * 3600 * 1000;

function sign(secret: string, body: string): string {
  return createHmac('sha256', `session:${secret}`).update(body).digest('base64url');
}

export function issueSession(secret: string, openid: string, now = Date.now()): string {
  const body = `${Buffer.from(openid).toString('base64url')}.${(now + TTL_MS).toString(36)}`;
  return `${body}.${sign(secret, body)}`;
}

export function verifySession(secret: string, token: string, now = Date.now()): string | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [id, exp, sig] = parts as [string, string, string];
  const expected = Buffer.from(sign(secret, `${id}.${exp}`));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  if (parseInt(exp, 36) < now) return null;
  return Buffer.from(id, 'base64url').toString();
}
