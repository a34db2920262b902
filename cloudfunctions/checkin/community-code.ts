import { fail, type Failure } from '@shared/core/result';
import { verifyCommunityToken } from '../core/runtime/codes';
import type { CommunityDoc } from '../org/org.port';
import type { Ctx } from '../core/runtime/router';

/** The community a scanned code names, or CHECKIN.CODE_INVALID for a forged, altered or stale code. */
export async function communityOfToken(ctx: Ctx, token: string): Promise<CommunityDoc | Failure> {
  const id = verifyCommunityToken(ctx.rt.secret, token);
  const community = id ? await ctx.store.get<CommunityDoc>('communities', id) : null;
  return community ?? fail('CHECKIN.CODE_INVALID');
}

/**
 * The page a community code opens. It is the 报到 page's first path, which every released version of the
 * mini-program has (a code made with a path a released version lacks would open nothing), and which
 * forwards to the 报到 (enrolment) form at pages/checkin/enrol/index. Printed codes carry it: it stays.
 */
export const ENROL_PAGE = 'pages/checkin/report/index';
