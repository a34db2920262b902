import type { CheckinContract } from '@shared/checkin/checkin.contract';
import { fail, isFailure } from '@shared/core/result';
import { communityToken, miniCodeImage } from '../core/runtime/codes';
import type { CommunityDoc } from '../core/runtime/documents';
import type { Handlers } from '../core/runtime/router';

export const REPORT_PAGE = 'pages/checkin/report/index';

/** The station admin's community code: a signed token the mini-program code (or an H5 QR) carries. */
export const communityCode: Handlers<CheckinContract>['communityCode'] = async (input, ctx) => {
  const communityId = input.communityId ?? ctx.caller.grants.find((g) => g.role === 'stationAdmin')?.scopeId;
  if (!communityId) return fail('AUTH.FORBIDDEN');
  const allowed = ctx.scope(['stationAdmin'], { communityId });
  if (isFailure(allowed)) return allowed;
  const community = await ctx.store.get<CommunityDoc>('communities', communityId);
  if (!community) return fail('ORG.COMMUNITY_UNKNOWN');
  const token = communityToken(ctx.rt.secret, community._id);
  return {
    token, communityId: community._id, communityName: community.name, path: `${REPORT_PAGE}?scene=${token}`,
    image: await miniCodeImage(ctx.rt, REPORT_PAGE, token),
  };
};
