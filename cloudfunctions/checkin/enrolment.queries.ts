import { can, check, ownScope, scopeWhere, stationCommunity } from '../access/access';
import type { CheckinContract } from '@shared/checkin/checkin.contract';
import { enrolmentId } from '@shared/checkin/enrolment.rules';
import type { Viewer } from '@shared/core/privacy';
import { fail, isFailure } from '@shared/core/result';
import { communityToken, miniCodeImage } from '../core/runtime/codes';
import type { Handlers } from '../core/runtime/router';
import type { Where } from '../core/store/store.port';
import {
  isActive,
  type CommunityDoc,
  type DistrictDoc,
  type GridDoc,
  type OrgDoc,
  type UnitDoc,
} from '../org/org.port';
import type { EnrolmentDoc } from './checkin.documents';
import { communityOfToken, ENROL_PAGE } from './community-code';
import { enrolmentView, enrolmentViews } from './enrolment.view';
import { filterProblems, findFiltered } from '../core/runtime/filter';

/** The station admin's community code: a signed token the mini-program code (or an H5 QR) carries. */
export const communityCode: Handlers<CheckinContract>['communityCode'] = async (input, ctx) => {
  const communityId = input.communityId ?? stationCommunity(ctx.caller);
  if (!communityId) return fail('AUTH.FORBIDDEN');
  const refused = check(ctx.caller, 'enrolment.review', { communityId });
  if (refused) return refused;
  const community = await ctx.store.get<CommunityDoc>('communities', communityId);
  if (!community) return fail('ORG.COMMUNITY_UNKNOWN');
  const token = communityToken(ctx.rt.secret, community._id);
  return {
    token,
    communityId: community._id,
    communityName: community.name,
    path: `${ENROL_PAGE}?scene=${token}`,
    image: await miniCodeImage(ctx.rt, ENROL_PAGE, token),
  };
};

/** What the 报到 page needs after a scan: the community, its grids, the employer organisations, the caller's own 报到. */
export const enrolmentForm: Handlers<CheckinContract>['reportForm'] = async (input, ctx) => {
  const community = await communityOfToken(ctx, input.token);
  if (isFailure(community)) return community;
  const { store, caller } = ctx;
  const [district, grids, orgs, mine, current] = await Promise.all([
    store.get<DistrictDoc>('districts', community.districtId),
    store.find<GridDoc>('grids', { where: { communityId: community._id }, orderBy: [['seq', 'asc']], limit: 1000 }),
    store.find<OrgDoc>('orgs', {
      where: { districtId: community.districtId },
      orderBy: [['name', 'asc']],
      limit: 1000,
    }),
    store.get<EnrolmentDoc>('reports', enrolmentId(caller.openid, community._id)),
    caller.person?.communityId && caller.person.communityId !== community._id
      ? store.get<CommunityDoc>('communities', caller.person.communityId)
      : Promise.resolve(null),
  ]);
  return {
    community: { id: community._id, name: community.name, districtName: district?.name ?? '' },
    // Retired places are not offered (org.port `isActive`).
    grids: grids.items.filter(isActive).map((g) => ({ id: g._id, name: g.name })),
    orgs: orgs.items.filter(isActive).map((o) => ({ id: o._id, name: o.name })),
    mine: mine ? await enrolmentView(store, mine, 'owner') : null,
    currentCommunityName: current?.name ?? null,
  };
};

export const gridUnits: Handlers<CheckinContract>['gridUnits'] = async (input, ctx) => {
  const community = await communityOfToken(ctx, input.token);
  if (isFailure(community)) return community;
  const grid = await ctx.store.get<GridDoc>('grids', input.gridId);
  if (!grid || grid.communityId !== community._id) return fail('NOT_FOUND');
  const units = await ctx.store.find<UnitDoc>('units', {
    where: { gridId: grid._id },
    orderBy: [['seq', 'asc']],
    limit: 1000,
  });
  return { units: units.items.filter(isActive).map((u) => ({ id: u._id, name: u.name })) };
};

/** The caller's own 报到, newest first. */
export const myEnrolments: Handlers<CheckinContract>['myReports'] = async (_input, ctx) => {
  const page = await ctx.store.find<EnrolmentDoc>('reports', {
    where: { openid: ctx.caller.openid },
    orderBy: [['submittedAt', 'desc']],
    limit: 20,
  });
  return { items: await enrolmentViews(ctx.store, page.items, () => ['owner']) };
};

/**
 * The station's review list for its community (full phone numbers: the station calls members back);
 * the district reads it too, with phones masked.
 */
/** What an enrolment list's search reads: the member's name and phone. */
const enrolmentSearch = { text: (r: EnrolmentDoc) => [r.name], phones: (r: EnrolmentDoc) => [r.phone] };

export const listEnrolments: Handlers<CheckinContract>['listReports'] = async (input, ctx) => {
  const { caller, store } = ctx;
  const bad = filterProblems(input);
  if (bad) return bad;
  const communityId = input.communityId ?? stationCommunity(caller);
  let where: Where;
  if (communityId) {
    const community = await store.get<CommunityDoc>('communities', communityId);
    if (!community) return fail('ORG.COMMUNITY_UNKNOWN');
    const refused = check(caller, 'enrolment.read', { communityId, districtId: community.districtId });
    if (refused) return refused;
    where = { communityId, status: input.status };
  } else {
    const district = scopeWhere(caller, ['districtAdmin']);
    if (!district) return fail('AUTH.FORBIDDEN');
    where = { ...district, status: input.status };
  }
  const page = await findFiltered<EnrolmentDoc>(
    store,
    'reports',
    { where, orderBy: [['submittedAt', 'desc']], limit: input.limit, after: input.cursor },
    input,
    enrolmentSearch,
  );
  const viewersOf = (r: EnrolmentDoc): Viewer[] =>
    can(caller, 'enrolment.review', { communityId: r.communityId }) ? ['stationAdmin'] : ['districtAdmin'];
  return { items: await enrolmentViews(store, page.items, viewersOf), next: page.next };
};

/** 回执: the employer organisation sees whether and where each of its members reported (phones masked). */
export const orgReceipts: Handlers<CheckinContract>['orgReceipts'] = async (input, ctx) => {
  const { caller, store } = ctx;
  const bad = filterProblems(input);
  if (bad) return bad;
  const orgId = input.orgId ?? ownScope(caller, 'orgAdmin');
  let where: Where;
  if (orgId) {
    const org = await store.get<OrgDoc>('orgs', orgId);
    if (!org) return fail('NOT_FOUND');
    const refused = check(caller, 'org.read', { orgId, districtId: org.districtId });
    if (refused) return refused;
    where = { orgId };
  } else {
    const district = scopeWhere(caller, ['districtAdmin']);
    if (!district) return fail('AUTH.FORBIDDEN');
    where = { ...district };
  }
  if (input.status) where.status = input.status;
  const page = await findFiltered<EnrolmentDoc>(
    store,
    'reports',
    { where, orderBy: [['submittedAt', 'desc']], limit: input.limit, after: input.cursor },
    input,
    enrolmentSearch,
  );
  return { items: await enrolmentViews(store, page.items, () => ['orgAdmin', 'districtAdmin']), next: page.next };
};
