import { fail, type Failure } from '@shared/core/result';
import { verifyCommunityToken } from '../core/runtime/codes';
import type { CommunityDoc } from '../core/runtime/documents';
import type { Ctx } from '../core/runtime/router';

/** The community a scanned code names, or CHECKIN.CODE_INVALID for a forged, altered or stale code. */
export async function communityOfToken(ctx: Ctx, token: string): Promise<CommunityDoc | Failure> {
  const id = verifyCommunityToken(ctx.rt.secret, token);
  const community = id ? await ctx.store.get<CommunityDoc>('communities', id) : null;
  return community ?? fail('CHECKIN.CODE_INVALID');
}
