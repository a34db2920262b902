import { fail, isFailure } from '@shared/core/result';
import { beijingDate, beijingInstant } from '@shared/core/time';
import type { PairingContract } from '@shared/org/pairing.contract';
import { PAIRING_REMIND_HOURS, PAIRING_WORKDAYS } from '@shared/org/pairing.rules';
import { feedbackDeadline } from '@shared/whistle/deadline';
import { ownScope } from '../access/access';
import { create, createThen, creationNotices, transitionThen, type Notice } from '../core/runtime/change';
import { keyedId } from '../core/runtime/ids';
import { eachLimited } from '../core/runtime/parallel';
import { ownPhotos, photoFields } from '../core/runtime/photos';
import type { Ctx, Handlers } from '../core/runtime/router';
import { StoreConflictError } from '../core/store/store.port';
import { deliver } from '../messages/messages.port';
import { isActive, type CommunityDoc, type OrgDoc } from './org.documents';
import { workCalendar } from './org.port';
import type { PairingDoc, PairingNoticeDoc, PairingVisitDoc } from './pairing.documents';
import { pairingEntity, visitEntity } from './pairing.entities';
import { noticeViewOf, pairingViewOf, visitViewOf } from './pairing.view';

/**
 * 结对共建's changes: the district issues a notice (one pairing per organisation in use), an organisation asks
 * a community, the station accepts or declines, the organisation logs its visits.
 */

/**
 * The district's notice. The deadline is the end of the 5th working day after its date (the district's
 * holiday calendar); each organisation of the district in use gets its pairing and is told. Retried, the same
 * request makes nothing twice (the notice and each pairing are keyed).
 */
export const issuePairingNotice: Handlers<PairingContract>['issuePairingNotice'] = async (input, ctx) => {
  const districtId = ownScope(ctx.caller, 'districtAdmin');
  if (!districtId) return fail('AUTH.FORBIDDEN');
  const start = beijingInstant(input.date);
  const year = Number(input.date.slice(0, 4));
  const [calendar, orgs] = await Promise.all([
    workCalendar(ctx.store, [year, year + 1]),
    ctx.store.find<OrgDoc>('orgs', { where: { districtId }, orderBy: [['name', 'asc']], limit: 1000 }),
  ]);
  const deadlineAt = feedbackDeadline(start, { kind: 'workdays', days: PAIRING_WORKDAYS }, calendar);
  const notice: PairingNoticeDoc = {
    _id: keyedId(ctx.caller.openid, input.requestId, 16),
    districtId,
    title: input.title,
    date: input.date,
    deadlineAt: deadlineAt.toISOString(),
    issuedBy: ctx.caller.openid,
    issuedAt: ctx.now.toISOString(),
  };
  try {
    await ctx.store.insert('pairingNotices', notice);
  } catch (error) {
    if (!(error instanceof StoreConflictError)) throw error;
  }
  const notices: Notice[] = [];
  const remindAt = new Date(deadlineAt.getTime() - PAIRING_REMIND_HOURS * 3600_000).toISOString();
  await eachLimited(orgs.items.filter(isActive), 25, async (org) => {
    const pairing: Omit<PairingDoc, 'history'> = {
      _id: `${notice._id}~${org._id}`,
      noticeId: notice._id,
      noticeTitle: notice.title,
      districtId,
      orgId: org._id,
      orgName: org.name,
      communityId: null,
      communityName: null,
      status: 'waiting',
      open: true,
      deadlineAt: notice.deadlineAt,
      remindAt,
      reminded: false,
      escalated: false,
      requestedAt: null,
      pairedAt: null,
      reason: null,
    };
    try {
      notices.push(...(await create(ctx, pairingEntity, pairing, { event: 'open' })).notices);
    } catch (error) {
      if (!(error instanceof StoreConflictError)) throw error;
      // A retry: the pairing is there; its notice was keyed by the pairing and goes once.
      notices.push(...creationNotices(ctx, pairingEntity, 'open', pairing as PairingDoc));
    }
  });
  await deliver(ctx.rt, notices);
  const stored = (await ctx.store.get<PairingNoticeDoc>('pairingNotices', notice._id)) ?? notice;
  return { notice: await noticeViewOf(ctx, stored) };
};

/** The pairing, if the caller is its organisation's admin. */
async function ownPairing(ctx: Ctx, pairingId: string) {
  const pairing = await ctx.store.get<PairingDoc>('pairings', pairingId);
  if (!pairing) return fail('NOT_FOUND');
  if (ownScope(ctx.caller, 'orgAdmin') !== pairing.orgId) return fail('AUTH.OUT_OF_SCOPE');
  return pairing;
}

/** The organisation asks a community of its district (in use) to pair; its station is told. */
export const requestPairing: Handlers<PairingContract>['requestPairing'] = async (input, ctx) => {
  const [pairing, community] = await Promise.all([
    ownPairing(ctx, input.pairingId),
    ctx.store.get<CommunityDoc>('communities', input.communityId),
  ]);
  if (isFailure(pairing)) return pairing;
  if (!community || !isActive(community) || community.districtId !== pairing.districtId)
    return fail('ORG.COMMUNITY_UNKNOWN');
  return transitionThen(
    ctx,
    pairingEntity,
    pairing,
    'request',
    {
      as: 'orgAdmin',
      changes: {
        communityId: community._id,
        communityName: community.name,
        requestedAt: ctx.now.toISOString(),
        reason: null,
      },
      detail: { communityId: community._id },
    },
    async (m) => {
      await deliver(ctx.rt, m.notices);
      return { pairing: await pairingViewOf(ctx, m.doc) };
    },
  );
};

/** The station asked accepts (paired: the deadline no longer runs) or declines with a reason (waiting again). */
export const decidePairing: Handlers<PairingContract>['decidePairing'] = async (input, ctx) => {
  const pairing = await ctx.store.get<PairingDoc>('pairings', input.pairingId);
  if (!pairing) return fail('NOT_FOUND');
  const station = ownScope(ctx.caller, 'stationAdmin');
  if (!station || pairing.communityId !== station) return fail('AUTH.OUT_OF_SCOPE');
  const accept = input.decision === 'accept';
  const reason = accept ? null : (input.reason ?? '');
  return transitionThen(
    ctx,
    pairingEntity,
    pairing,
    accept ? 'accept' : 'decline',
    {
      as: 'stationAdmin',
      changes: accept
        ? { open: false, pairedAt: ctx.now.toISOString() }
        : { communityId: null, communityName: null, reason },
      note: reason,
      detail: accept ? {} : { reason },
    },
    async (m) => {
      await deliver(ctx.rt, m.notices);
      return { pairing: await pairingViewOf(ctx, m.doc) };
    },
  );
};

/** The organisation logs a visit to its paired community: on or after the pairing, not in the future. */
export const logVisit: Handlers<PairingContract>['logVisit'] = async (input, ctx) => {
  const pairing = await ownPairing(ctx, input.pairingId);
  if (isFailure(pairing)) return pairing;
  if (pairing.status !== 'paired' || !pairing.communityId) return fail('PAIRING.BAD_STATE');
  const today = beijingDate(ctx.now);
  const pairedOn = beijingDate(new Date(pairing.pairedAt ?? ctx.now.toISOString()));
  if (input.date > today || input.date < pairedOn)
    return fail('PAIRING.VISIT_DATE', { date: '服务日期应在结对之后、不晚于今天' });
  const refused = await ownPhotos(ctx, photoFields('photos', input.photos));
  if (refused) return refused;
  const visit: PairingVisitDoc = {
    _id: keyedId(ctx.caller.openid, input.requestId),
    pairingId: pairing._id,
    orgId: pairing.orgId,
    orgName: pairing.orgName,
    communityId: pairing.communityId,
    districtId: pairing.districtId,
    year: Number(input.date.slice(0, 4)),
    date: input.date,
    membersPresent: input.membersPresent,
    problemsSolved: input.problemsSolved,
    note: input.note,
    photos: input.photos,
    loggedBy: ctx.caller.openid,
    loggedByName: ctx.caller.person?.name ?? pairing.orgName,
    at: ctx.now.toISOString(),
  };
  return createThen(
    ctx,
    visitEntity,
    visit,
    { event: 'log', mine: (earlier) => earlier.loggedBy === ctx.caller.openid },
    async (m) => {
      const [view] = await Promise.all([visitViewOf(ctx, [m.doc]), deliver(ctx.rt, m.notices)]);
      return { pairing: await pairingViewOf(ctx, pairing), visit: view[0]! };
    },
  );
};
