import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Community code (社区报到码): `R` + community id + `.` + 16 characters of HMAC-SHA256.
 * At most 32 characters, so it fits the `scene` of a mini-program code; a forged or altered
 * token fails the signature check.
 */
const COMMUNITY_ID = /^[a-z0-9]{1,14}$/;
const SIG_LENGTH = 16;

function signature(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url').slice(0, SIG_LENGTH);
}

export function communityToken(secret: string, communityId: string): string {
  if (!COMMUNITY_ID.test(communityId)) throw new Error(`community id ${communityId} does not fit a code`);
  const payload = `R${communityId}`;
  return `${payload}.${signature(secret, payload)}`;
}

/** The community id of a valid token, or null. */
export function verifyCommunityToken(secret: string, token: string): string | null {
  const match = /^R([a-z0-9]{1,14})\.([A-Za-z0-9_-]{16})$/.exec(token);
  if (!match) return null;
  const expected = Buffer.from(signature(secret, `R${match[1]}`));
  const given = Buffer.from(match[2] as string);
  return expected.length === given.length && timingSafeEqual(expected, given) ? (match[1] as string) : null;
}
