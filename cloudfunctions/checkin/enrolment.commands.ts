import { check } from '../access/access';
import type { CheckinContract } from '@shared/checkin/checkin.contract';
import { enrolmentId, planSubmission } from '@shared/checkin/enrolment.rules';
import { fail, isFailure, type Failure } from '@shared/core/result';
import { create, record, transition, type Changer, type Notice } from '../core/runtime/change';
import type { GrantDoc, PersonDoc } from '../core/runtime/identity';
import type { Ctx, Handlers } from '../core/runtime/router';
import { StoreConflictError, type TxStore } from '../core/store/store.port';
import { deliver } from '../messages/messages.port';
import { isActive, type CommunityDoc, type OrgDoc, type UnitDoc } from '../org/org.port';
import { verifyCommunityToken } from '../core/runtime/codes';
import type { EnrolmentDoc } from './checkin.documents';
import { enrolmentEntity } from './checkin.entities';
import { homeOf, placeMember } from './half-year.stats';
import { enrolmentView } from './enrolment.view';

/** The caller's 报到 (read after the new one is written, so two submissions at once see each other). */
function myEnrolments(ctx: Ctx): Promise<EnrolmentDoc[]> {
  return ctx.store
    .find<EnrolmentDoc>('reports', {
      where: { openid: ctx.caller.openid },
      orderBy: [['submittedAt', 'desc']],
      limit: 20,
    })
    .then((page) => page.items);
}

/** A new 报到 replaces the caller's pending 报到 to another community (they moved house). */
async function withdrawPendingElsewhere(ctx: Ctx, mine: EnrolmentDoc[], keepId: string): Promise<void> {
  await Promise.all(
    mine
      .filter((r) => r._id !== keepId && r.status === 'pending')
      .map((other) => transition(ctx, enrolmentEntity, other, 'withdraw', { as: 'owner', note: '改报到其他社区' })),
  );
}

/** 报到: create the enrolment, or resubmit a rejected one; submitting again while pending or approved changes nothing. */
export const submitEnrolment: Handlers<CheckinContract>['submitReport'] = async (input, ctx) => {
  const { store, caller } = ctx;
  // The code names the community: it, the unit, the organisation and any earlier 报到 are read together.
  const communityId = verifyCommunityToken(ctx.rt.secret, input.token);
  if (!communityId) return fail('CHECKIN.CODE_INVALID');
  const id = enrolmentId(caller.openid, communityId);
  const [community, unit, org, existing] = await Promise.all([
    store.get<CommunityDoc>('communities', communityId),
    store.get<UnitDoc>('units', input.unitId),
    store.get<OrgDoc>('orgs', input.orgId),
    store.get<EnrolmentDoc>('reports', id),
  ]);
  if (!community) return fail('CHECKIN.CODE_INVALID');
  if (!unit || unit.communityId !== community._id)
    return fail('CHECKIN.UNIT_NOT_IN_COMMUNITY', { unitId: '请选择本社区的单元' });
  if (!org || org.districtId !== community.districtId) return fail('CHECKIN.ORG_UNKNOWN', { orgId: '请选择报到单位' });
  // A retired place takes no new 报到 (the ones it already has keep showing it).
  if (!isActive(unit)) return fail('CHECKIN.UNIT_NOT_IN_COMMUNITY', { unitId: '该单元已停用，请选择其他单元' });
  if (!isActive(org)) return fail('CHECKIN.ORG_UNKNOWN', { orgId: '该报到单位已停用，请选择其他单位' });

  const plan = planSubmission(existing);
  if (plan.kind === 'unchanged')
    return { report: await enrolmentView(store, existing as EnrolmentDoc, 'owner'), changed: false };

  const fields = {
    name: input.name,
    phone: input.phone,
    orgId: org._id,
    unitId: unit._id,
    gridId: unit.gridId,
    submittedAt: ctx.now.toISOString(),
  };
  let saved: EnrolmentDoc;
  let notices: Notice[] = [];
  let others: EnrolmentDoc[] | null = null;
  let view: Awaited<ReturnType<typeof enrolmentView>> | null = null;
  if (plan.kind === 'create') {
    try {
      // (Its notices go out alongside its audit record: nothing is left to deliver after.)
      ({ doc: saved } = await create(
        ctx,
        enrolmentEntity,
        {
          _id: id,
          openid: caller.openid,
          status: 'pending',
          districtId: community.districtId,
          communityId: community._id,
          ...fields,
          reviewedAt: null,
          reviewedBy: null,
          reason: null,
        },
        {
          event: 'submit',
          detail: { status: 'pending', ...fields },
          // The caller's other 报到, read once this one is written, the station told and the answer read,
          // alongside its audit record.
          alongside: async (created) => {
            [others, , view] = await Promise.all([
              myEnrolments(ctx),
              deliver(ctx.rt, created.notices),
              enrolmentView(store, created.doc, 'owner'),
            ]);
          },
        },
      ));
    } catch (error) {
      if (!(error instanceof StoreConflictError)) throw error;
      // A concurrent submission by the same person won; answer with its enrolment.
      const winner = (await store.get<EnrolmentDoc>('reports', id)) as EnrolmentDoc;
      return { report: await enrolmentView(store, winner, 'owner'), changed: false };
    }
  } else {
    const moved = await transition(ctx, enrolmentEntity, existing as EnrolmentDoc, 'resubmit', {
      as: 'owner',
      changes: { ...fields, reviewedAt: null, reviewedBy: null, reason: null },
    });
    // Another request moved it first: answer with what it is now.
    saved = isFailure(moved) ? ((await store.get<EnrolmentDoc>('reports', id)) as EnrolmentDoc) : moved.doc;
    notices = isFailure(moved) ? [] : moved.notices;
  }
  const [, , report] = await Promise.all([
    withdrawPendingElsewhere(ctx, others ?? (await myEnrolments(ctx)), id),
    deliver(ctx.rt, notices),
    view ?? enrolmentView(store, saved, 'owner'),
  ]);
  return { report, changed: true };
};

/**
 * Approval is the receipt (回执): in one transaction the enrolment becomes approved, the person joins the
 * community (leaving the previous one, whose enrolment becomes `moved`) and holds the member role there.
 */
async function approve(c: Changer, tx: TxStore, enrolment: EnrolmentDoc): Promise<Failure | Notice[]> {
  const now = c.now.toISOString();
  const moved = await transition(c, enrolmentEntity, enrolment, 'approve', {
    tx,
    as: 'stationAdmin',
    changes: { reviewedAt: now, reviewedBy: c.actor, reason: null },
    detail: {},
  });
  if (isFailure(moved)) return moved;
  const person = await tx.get<PersonDoc>('people', enrolment.openid);
  const previous = person?.communityId && person.communityId !== enrolment.communityId ? person.communityId : null;
  const joined: PersonDoc = {
    _id: enrolment.openid,
    createdAt: person?.createdAt ?? now,
    name: enrolment.name,
    phone: enrolment.phone,
    communityId: enrolment.communityId,
    orgId: enrolment.orgId,
    unitId: enrolment.unitId,
  };
  await tx.set('people', joined);
  const grant: GrantDoc = {
    _id: `${enrolment.openid}~member`,
    openid: enrolment.openid,
    role: 'member',
    scope: 'community',
    scopeId: enrolment.communityId,
    grantedBy: c.actor,
    at: now,
    districtId: enrolment.districtId,
    communityId: enrolment.communityId,
  };
  await tx.set('grants', grant);
  const notices = [...moved.notices];
  if (previous) {
    const old = await tx.get<EnrolmentDoc>('reports', enrolmentId(enrolment.openid, previous));
    if (old?.status === 'approved') {
      const left = await transition(c, enrolmentEntity, old, 'move', {
        tx,
        as: 'stationAdmin',
        note: '已报到到新社区',
      });
      if (!isFailure(left)) notices.push(...left.notices);
    }
  }
  await record(
    c,
    { action: 'person.join', entity: 'people', entityId: enrolment.openid, before: person ?? null, after: joined },
    tx,
  );
  // The member's half-year tally counts here from now on (every half they met moves with them).
  await placeMember(tx, enrolment.openid, homeOf(moved.doc));
  return notices;
}

/** The station approves a pending enrolment, or rejects it with a reason. Only one review wins a race. */
export const reviewEnrolment: Handlers<CheckinContract>['reviewReport'] = async (input, ctx) => {
  const found = await ctx.store.get<EnrolmentDoc>('reports', input.reportId);
  if (!found) return fail('NOT_FOUND');
  const refused = check(ctx.caller, 'enrolment.review', { communityId: found.communityId });
  if (refused) return refused;
  const outcome = await ctx.store.transaction(async (tx): Promise<Failure | Notice[]> => {
    const enrolment = await tx.get<EnrolmentDoc>('reports', input.reportId);
    if (!enrolment) return fail('NOT_FOUND');
    if (input.decision === 'approve') return approve(ctx, tx, enrolment);
    const reason = input.reason ?? '';
    const changes = { reviewedAt: ctx.now.toISOString(), reviewedBy: ctx.caller.openid, reason };
    const moved = await transition(ctx, enrolmentEntity, enrolment, 'reject', {
      tx,
      as: 'stationAdmin',
      changes,
      note: reason,
      detail: { reason },
    });
    return isFailure(moved) ? moved : moved.notices;
  });
  if (isFailure(outcome)) return outcome;
  const [, saved] = await Promise.all([
    deliver(ctx.rt, outcome),
    ctx.store.get<EnrolmentDoc>('reports', input.reportId) as Promise<EnrolmentDoc>,
  ]);
  return { report: await enrolmentView(ctx.store, saved, 'stationAdmin') };
};
