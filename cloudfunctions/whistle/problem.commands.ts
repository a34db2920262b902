import { check, ownScope } from '../access/access';
import { fail, isFailure, type Failure } from '@shared/core/result';
import { calendarYears, defaultDeadlineRule, feedbackDeadline, uncoveredYears } from '@shared/whistle/deadline';
import type { WhistleContract } from '@shared/whistle/whistle.contract';
import type { Party } from '@shared/core/transitions';
import { REMIND_BEFORE_HOURS, problemTransitions, type ProblemEvent } from '@shared/whistle/whistle.rules';
import { creationNotices, record, transition, type Moved, type Notice, createThen } from '../core/runtime/change';
import { bumpCountersInTx, mergeDeltas, type CounterDelta } from '../core/runtime/counters';
import { loadByIds } from '../core/runtime/lookup';
import { allPages } from '../core/runtime/pages';
import { keyedId } from '../core/runtime/ids';
import { ownPhotos, photoFields } from '../core/runtime/photos';
import type { Ctx, Handlers } from '../core/runtime/router';
import { StoreConflictError, type TxStore } from '../core/store/store.port';
import { deliver, primeRecipients, type RecipientCache } from '../messages/messages.port';
import { isActive, placeOfUnit, workCalendar, settingsOf, type DepartmentDoc, type UnitDoc } from '../org/org.port';
import type { ProblemDoc, WhistleDoc } from './whistle.documents';
import { problemEntity, whistledNotices } from './whistle.entities';
import { problemView } from './problem.view';
import { newWhistleDeltas, outcomeDeltas, outcomesMayChange } from './whistle.stats';

/** The problem, if the caller runs the station of its community. */
async function stationProblem(ctx: Ctx, id: string): Promise<ProblemDoc | Failure> {
  const p = await ctx.store.get<ProblemDoc>('problems', id);
  if (!p) return fail('NOT_FOUND');
  return check(ctx.caller, 'problem.manage', { communityId: p.communityId }) ?? p;
}

type ProblemMove = {
  as: Party;
  changes?: Partial<ProblemDoc>;
  note?: string | null;
  detail?: Record<string, unknown>;
  /** Other writes that commit with the move (by id), and what they add to the counters. */
  also?: (tx: TxStore, next: ProblemDoc) => Promise<CounterDelta[]>;
};

/**
 * A problem's move in a transaction of its own, with what it changes in its whistles' counts: their
 * resolution and rating follow the problem (whistle.stats.ts). The whistles are read after the problem, so
 * they are as it was; the move goes ahead only if it still is (in the same state and round).
 */
async function moveProblem(
  ctx: Ctx,
  p: ProblemDoc,
  event: ProblemEvent,
  { also, ...options }: ProblemMove,
): Promise<Moved<ProblemDoc> | Failure> {
  const whistles = outcomesMayChange(p, event, problemTransitions[event].to)
    ? await allPages<WhistleDoc>(ctx.store, 'whistles', { where: { problemId: p._id } })
    : null;
  return ctx.store.transaction(async (tx) => {
    const before = await tx.get<ProblemDoc>('problems', p._id);
    if (!before) return fail('NOT_FOUND');
    if (whistles && (before.status !== p.status || before.round !== p.round)) return fail('REPORT.BAD_STATE');
    const moved = await transition(ctx, problemEntity, before, event, { ...options, tx });
    if (isFailure(moved)) return moved;
    const more = also ? await also(tx, moved.doc) : [];
    await bumpCountersInTx(tx, mergeDeltas([...outcomeDeltas(whistles ?? [], before, moved.doc), ...more]));
    return moved;
  });
}

/** Sends what a move implies and answers with the problem as the caller sees it. */
async function answer(ctx: Ctx, moved: Moved<ProblemDoc> | Failure, extra: Notice[] = []) {
  if (isFailure(moved)) return moved;
  const [, problem] = await Promise.all([deliver(ctx.rt, [...moved.notices, ...extra]), problemView(ctx, moved.doc)]);
  return { problem };
}

export const submitProblem: Handlers<WhistleContract>['submitProblem'] = async (input, ctx) => {
  const [unit, notYours] = await Promise.all([
    ctx.store.get<UnitDoc>('units', input.unitId),
    ownPhotos(ctx, photoFields('photos', input.photos)),
  ]);
  if (!unit) return fail('NOT_FOUND', { unitId: '请选择问题所在的单元' });
  // A retired unit takes no new problem (those it has keep naming it).
  if (!isActive(unit)) return fail('INPUT.INVALID', { unitId: '该单元已停用，请选择其他单元' });
  if (notYours) return notYours;
  const id = input.requestId ? keyedId(ctx.caller.openid, input.requestId) : ctx.rt.newId();
  const draft: Omit<ProblemDoc, 'history'> = {
    _id: id,
    ...placeOfUnit(unit),
    openid: ctx.caller.openid,
    reporterName: ctx.caller.person?.name ?? null,
    reporterPhone: input.phone,
    category: input.category,
    description: input.description,
    photos: input.photos,
    status: 'submitted',
    open: true,
    shareIdentity: false,
    mergedInto: null,
    meToo: 0,
    round: 0,
    result: null,
    resultPhotos: [],
    rating: null,
    ratingComment: null,
    createdAt: ctx.now.toISOString(),
  };
  // The station's staff are looked up while the report is written.
  const recipients: RecipientCache = new Map();
  primeRecipients(ctx.rt, creationNotices(ctx, problemEntity, 'submit', draft as ProblemDoc), recipients);
  // Once the report is written, its notice and the answer's view go alongside its audit record.
  return createThen(
    ctx,
    problemEntity,
    draft,
    {
      event: 'submit',
      detail: { category: input.category, unitId: unit._id },
      mine: (d) => d.openid === ctx.caller.openid,
    },
    async ({ doc, notices }) => {
      const [, problem] = await Promise.all([deliver(ctx.rt, notices, recipients), problemView(ctx, doc)]);
      return { problem };
    },
  );
};

/** Blows the whistle: the problem moves and each department's whistle of the new round is written with it. */
async function whistle(
  ctx: Ctx,
  p: ProblemDoc,
  input: { departments?: string[]; leadDepartment?: string; shareIdentity: boolean; reason?: string },
) {
  const ids = input.departments ?? [];
  const departments = await loadByIds<DepartmentDoc>(ctx.store, 'departments', ids);
  if (departments.size !== ids.length || [...departments.values()].some((d) => d.districtId !== p.districtId))
    return fail('INPUT.INVALID', { departments: '请选择本区的职能部门' });
  if ([...departments.values()].some((d) => !isActive(d)))
    return fail('INPUT.INVALID', { departments: '所选职能部门已停用，请重新选择' });
  // The community's rule and the holiday calendar of this year and the next (entered over the package's).
  const [settings, calendar] = await Promise.all([
    settingsOf(ctx.store, p.communityId),
    workCalendar(ctx.store, calendarYears(ctx.now)),
  ]);
  const rule = settings.deadlineRule ?? defaultDeadlineRule;
  const deadlineAt = feedbackDeadline(ctx.now, rule, calendar);
  // A working-day deadline through a year no calendar covers counted Monday to Friday: the whistle says so.
  const fallback = uncoveredYears(ctx.now, deadlineAt, rule, calendar).length > 0;
  const remindHours = settings.remindHours ?? REMIND_BEFORE_HOURS;
  const remindAt = new Date(Math.max(ctx.now.getTime(), deadlineAt.getTime() - remindHours * 3600_000));
  const round = p.round + 1;
  const whistles: WhistleDoc[] = [...departments.values()].map((d) => ({
    _id: `${p._id}~${d._id}~${round}`,
    problemId: p._id,
    departmentId: d._id,
    communityId: p.communityId,
    districtId: p.districtId,
    lead: d._id === input.leadDepartment,
    round,
    whistledAt: ctx.now.toISOString(),
    deadlineAt: deadlineAt.toISOString(),
    remindAt: remindAt.toISOString(),
    open: true,
    reminded: false,
    overdue: false,
    acknowledgedAt: null,
    respondedAt: null,
    ...(fallback ? { deadlineFallback: true } : {}),
  }));
  const moved = await moveProblem(ctx, p, 'whistle', {
    as: 'stationAdmin',
    changes: { round, shareIdentity: input.shareIdentity, result: null },
    note: input.reason ?? null,
    detail: { round, departments: ids, lead: input.leadDepartment, deadlineAt: deadlineAt.toISOString() },
    // The round's whistles are part of this move: they are written, audited and counted with it.
    also: async (tx, next) => {
      for (const w of whistles) await tx.insert('whistles', w);
      return newWhistleDeltas(whistles, next);
    },
  });
  return answer(ctx, moved, isFailure(moved) ? [] : whistles.flatMap((w) => whistledNotices(ctx, moved.doc, w)));
}

/** The station decides: solve in the station, merge into an open report, decline with a reason, or whistle. */
export const triage: Handlers<WhistleContract>['triage'] = async (input, ctx) => {
  const p = await stationProblem(ctx, input.problemId);
  if (isFailure(p)) return p;
  const as = 'stationAdmin';
  if (input.action === 'whistle') return whistle(ctx, p, input);
  if (input.action === 'merge') {
    const target = await ctx.store.get<ProblemDoc>('problems', input.mergeInto ?? '');
    if (!target || target.communityId !== p.communityId || !target.open || target._id === p._id)
      return fail('INPUT.INVALID', { mergeInto: '请选择本社区仍在处理的问题' });
    return answer(
      ctx,
      await moveProblem(ctx, p, 'merge', {
        as,
        changes: { mergedInto: target._id },
        note: `合并到 ${target._id}`,
        also: async (tx) => {
          await tx.update('problems', target._id, { meToo: { $inc: 1 } });
          return [];
        },
      }),
    );
  }
  return answer(ctx, await moveProblem(ctx, p, input.action, { as, note: input.reason ?? null, detail: {} }));
};

export const stationRespond: Handlers<WhistleContract>['stationRespond'] = async (input, ctx) => {
  const [p, notYours] = await Promise.all([
    stationProblem(ctx, input.problemId),
    ownPhotos(ctx, photoFields('photos', input.photos)),
  ]);
  if (isFailure(p)) return p;
  if (notYours) return notYours;
  const changes = { result: input.result, resultPhotos: input.photos };
  return answer(ctx, await moveProblem(ctx, p, 'stationRespond', { as: 'stationAdmin', changes, note: input.result }));
};

/** The station confirms the result before the resident is told (结果在站内反馈). */
export const confirmResult: Handlers<WhistleContract>['confirmResult'] = async (input, ctx) => {
  const p = await stationProblem(ctx, input.problemId);
  if (isFailure(p)) return p;
  return answer(ctx, await moveProblem(ctx, p, 'confirm', { as: 'stationAdmin' }));
};

/** The resident rates; not satisfied reopens the problem for the station. */
export const rate: Handlers<WhistleContract>['rate'] = async (input, ctx) => {
  const p = await ctx.store.get<ProblemDoc>('problems', input.problemId);
  if (!p) return fail('NOT_FOUND');
  if (p.openid !== ctx.caller.openid) return fail('AUTH.FORBIDDEN');
  const changes = {
    rating: input.satisfied ? ('satisfied' as const) : ('unsatisfied' as const),
    ratingComment: input.comment ?? null,
  };
  const event = input.satisfied ? 'rateSatisfied' : 'rateUnsatisfied';
  // Rated once: a second rating finds it moved. The round's whistles count the rating with it.
  return answer(ctx, await moveProblem(ctx, p, event, { as: 'owner', changes, note: input.comment ?? null }));
};

/** Another resident has the same problem: counted once per person. */
export const meToo: Handlers<WhistleContract>['meToo'] = async (input, ctx) => {
  const p = await ctx.store.get<ProblemDoc>('problems', input.problemId);
  if (!p) return fail('NOT_FOUND');
  if (!p.open || p.openid === ctx.caller.openid) return fail('REPORT.BAD_STATE');
  try {
    await ctx.store.insert('meToos', { _id: `${p._id}~${ctx.caller.openid}`, at: ctx.now.toISOString() });
  } catch (error) {
    if (error instanceof StoreConflictError) return { problem: await problemView(ctx, p), changed: false };
    throw error;
  }
  // The person's mark is in: the count, its audit record and the answer's view follow together.
  const [, , problem] = await Promise.all([
    ctx.store.update('problems', { _id: p._id }, { meToo: { $inc: 1 } }),
    record(ctx, {
      action: 'problem.meToo',
      entity: 'problems',
      entityId: p._id,
      before: { meToo: p.meToo },
      after: { meToo: p.meToo + 1 },
    }),
    problemView(ctx, { ...p, meToo: p.meToo + 1 }),
  ]);
  return { problem, changed: true };
};

/** A progress note on the timeline, from a whistled department or the station; the state stays. */
export const addProgress: Handlers<WhistleContract>['addProgress'] = async (input, ctx) => {
  const p = await ctx.store.get<ProblemDoc>('problems', input.problemId);
  if (!p) return fail('NOT_FOUND');
  const station = !check(ctx.caller, 'problem.manage', { communityId: p.communityId });
  let as: 'stationAdmin' | 'department' = 'stationAdmin';
  let department: string | undefined;
  if (!station) {
    const departmentId = ownScope(ctx.caller, 'department');
    const whistled = departmentId
      ? await ctx.store.get<WhistleDoc>('whistles', `${p._id}~${departmentId}~${p.round}`)
      : null;
    if (!whistled?.open) return fail(whistled ? 'REPORT.BAD_STATE' : 'AUTH.OUT_OF_SCOPE');
    as = 'department';
    department = whistled.departmentId;
  }
  const moved = await transition(ctx, problemEntity, p, 'progress', {
    as,
    department,
    note: input.note,
    detail: { note: input.note },
  });
  return isFailure(moved) ? moved : { problem: await problemView(ctx, moved.doc) };
};
