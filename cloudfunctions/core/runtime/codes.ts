import type { Runtime } from './runtime';
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

/**
 * Activity code (活动签到码): `A` + mode (`r` rotating, `f` fixed) + the 10-character activity id,
 * for a rotating code `~` + the minute slot in base 36, then `.` + 12 characters of HMAC-SHA256.
 * At most 32 characters. A rotating code names the minute it was shown, so a screenshot forwarded
 * later is refused once its slot is older than the grace period.
 */
export type ActivityCode = { activityId: string; mode: 'rotating' | 'fixed'; slot: number | null };
const ACTIVITY_SIG = 12;

export function activityToken(secret: string, code: ActivityCode): string {
  if (!/^[a-z0-9]{10}$/.test(code.activityId)) throw new Error(`activity id ${code.activityId} does not fit a code`);
  const payload =
    code.mode === 'rotating' ? `Ar${code.activityId}~${(code.slot ?? 0).toString(36)}` : `Af${code.activityId}`;
  return `${payload}.${signature(secret, payload).slice(0, ACTIVITY_SIG)}`;
}

export function verifyActivityToken(secret: string, token: string): ActivityCode | null {
  const match = /^(A([rf])([a-z0-9]{10})(?:~([a-z0-9]{1,7}))?)\.([A-Za-z0-9_-]{12})$/.exec(token);
  if (!match) return null;
  const [, payload, mode, activityId, slot, sig] = match as unknown as [
    string,
    string,
    string,
    string,
    string | undefined,
    string,
  ];
  if ((mode === 'r') !== (slot !== undefined)) return null;
  const expected = Buffer.from(signature(secret, payload).slice(0, ACTIVITY_SIG));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return {
    activityId,
    mode: mode === 'r' ? 'rotating' : 'fixed',
    slot: slot === undefined ? null : parseInt(slot, 36),
  };
}

/**
 * Invitation code (身份邀请码): `I` + the 10-character invite id + `.` + 16 characters of HMAC-SHA256: 28
 * characters, within a mini-program code's 32-character scene. The signature stops guessing ids; what the
 * code grants, until when, and whether it was spent are read from the invite's record.
 */
const INVITE_ID = /^[a-z0-9]{10}$/;

export function inviteToken(secret: string, inviteId: string): string {
  if (!INVITE_ID.test(inviteId)) throw new Error(`invite id ${inviteId} does not fit a code`);
  const payload = `I${inviteId}`;
  return `${payload}.${signature(secret, payload)}`;
}

/** The invite id of a valid invitation code, or null. */
export function verifyInviteToken(secret: string, token: string): string | null {
  const match = /^I([a-z0-9]{10})\.([A-Za-z0-9_-]{16})$/.exec(token);
  if (!match) return null;
  const expected = Buffer.from(signature(secret, `I${match[1]}`));
  const given = Buffer.from(match[2] as string);
  return expected.length === given.length && timingSafeEqual(expected, given) ? (match[1] as string) : null;
}

/**
 * A short-lived URL of the mini-program code image for a page and scene (deployed build; no client reads
 * cloud storage), or null: locally, or when WeChat refuses (an unpublished page, a missing permission) or
 * storage gives no URL, in which case the page shows the code as text.
 */
export async function miniCodeImage(rt: Runtime, page: string, scene: string): Promise<string | null> {
  if (!rt.wechat) return null;
  try {
    const fileID = await rt.wechat.miniCode(page, scene);
    return (await rt.files?.urls([fileID]))?.get(fileID) ?? null;
  } catch (error) {
    rt.log({ level: 'warn', fn: 'miniCode', page, error: error instanceof Error ? error.message : String(error) });
    return null;
  }
}
