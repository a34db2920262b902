import { ownScope } from '../access/access';
import { fail, isFailure, type Failure } from '@shared/core/result';
import type { WhistleContract } from '@shared/whistle/whistle.contract';
import {
  transition,
  transitionById,
  transitionThen,
  type Changer,
  type Moved,
  type Notice,
} from '../core/runtime/change';
import { ownPhotos, photoFields } from '../core/runtime/photos';
import type { Ctx, Handlers } from '../core/runtime/router';
import type { TxStore } from '../core/store/store.port';
import { deliver } from '../messages/messages.port';
import type { ProblemDoc, WhistleDoc } from './whistle.documents';
import { problemEntity, whistleEntity } from './whistle.entities';
import { problemView } from './problem.view';

type Round = { p: ProblemDoc; whistles: WhistleDoc[]; mine: WhistleDoc };

/** The problem, the whistles of its current round, and the caller's department's own among them. */
async function myRound(ctx: Ctx, problemId: string): Promise<Round | Failure> {
  const departmentId = ownScope(ctx.caller, 'department');
  const p = await ctx.store.get<ProblemDoc>('problems', problemId);
  if (!departmentId || !p) return fail('NOT_FOUND');
  const round = await ctx.store.find<WhistleDoc>('whistles', {
    where: { problemId: p._id, round: p.round },
    limit: 10,
  });
  const mine = round.items.find((w) => w.departmentId === departmentId);
  return mine ? { p, whistles: round.items, mine } : fail('AUTH.OUT_OF_SCOPE');
}

/**
 * Inside the problem's move, every other whistle of the round still waiting closes with it (by id): on the
 * lead's answer a department that reported in is answered with it, one that never did is closed unanswered.
 * Each is read again in the transaction: what it counts (acknowledged, overdue) may have changed since.
 */
async function closeRound(
  c: Changer,
  tx: TxStore,
  round: Round,
  outcome: 'answer' | 'notOurs',
  note: string | null = null,
): Promise<Notice[]> {
  const at = c.now.toISOString();
  const notices: Notice[] = [];
  for (const { _id } of round.whistles) {
    const w = await tx.get<WhistleDoc>('whistles', _id);
    if (!w?.open) continue;
    const tookPart = w._id === round.mine._id || !!w.acknowledgedAt;
    const step =
      outcome === 'notOurs'
        ? transition(c, whistleEntity, w, 'notOurs', { tx, as: 'lead', changes: { returnedAt: at }, note })
        : tookPart
          ? transition(c, whistleEntity, w, 'answer', { tx, as: 'lead', changes: { respondedAt: at }, note })
          : transition(c, whistleEntity, w, 'close', { tx, as: 'lead', note });
    const moved = await step;
    if (isFailure(moved)) throw new Error(`whistle ${w._id} could not ${outcome}: ${moved.failure}`);
    notices.push(...moved.notices);
  }
  return notices;
}

async function answer(ctx: Ctx, moved: Moved<ProblemDoc> | Failure, notices: Notice[] = []) {
  if (isFailure(moved)) return moved;
  const [, problem] = await Promise.all([deliver(ctx.rt, [...moved.notices, ...notices]), problemView(ctx, moved.doc)]);
  return { problem };
}

/** 报到: the department acknowledges the whistle; the lead department's acknowledgement moves the problem. */
export const acknowledge: Handlers<WhistleContract>['acknowledge'] = async (input, ctx) => {
  const round = await myRound(ctx, input.problemId);
  if (isFailure(round)) return round;
  const changes = { acknowledgedAt: ctx.now.toISOString() };
  if (!round.mine.lead) {
    const acked = await transition(ctx, whistleEntity, round.mine, 'acknowledge', { as: 'department', changes });
    return isFailure(acked) ? acked : { problem: await problemView(ctx, round.p) };
  }
  // The lead's whistle and the problem move in one transaction: a retry finds both done, or neither.
  const moved = await ctx.store.transaction(async (tx): Promise<Moved<ProblemDoc> | Failure> => {
    const w = await tx.get<WhistleDoc>('whistles', round.mine._id);
    const p = await tx.get<ProblemDoc>('problems', round.p._id);
    if (!w || !p) return fail('NOT_FOUND');
    const acked = await transition(ctx, whistleEntity, w, 'acknowledge', { tx, as: 'department', changes });
    if (isFailure(acked)) return acked;
    return transition(ctx, problemEntity, p, 'acknowledge', { tx, as: 'lead', department: w.departmentId });
  });
  return answer(ctx, moved);
};

/** The lead department feeds back the handling; every whistle of the round stops waiting. */
export const respond: Handlers<WhistleContract>['respond'] = async (input, ctx) => {
  const [round, notYours] = await Promise.all([
    myRound(ctx, input.problemId),
    ownPhotos(ctx, photoFields('photos', input.photos)),
  ]);
  if (isFailure(round)) return round;
  if (!round.mine.lead) return fail('REPORT.NOT_LEAD');
  if (notYours) return notYours;
  let closed: Notice[] = [];
  const moved = await transitionById(ctx, problemEntity, round.p._id, 'respond', {
    as: 'lead',
    department: round.mine.departmentId,
    changes: { result: input.result, resultPhotos: input.photos },
    note: input.result,
    // The lead answers for every department of the round: all stop waiting at the same time.
    also: async (tx) => void (closed = await closeRound(ctx, tx, round, 'answer')),
  });
  return answer(ctx, moved, closed);
};

/** A department says the problem is not theirs (and whose it is): the lead's word returns it to the station. */
export const notOurs: Handlers<WhistleContract>['notOurs'] = async (input, ctx) => {
  const round = await myRound(ctx, input.problemId);
  if (isFailure(round)) return round;
  if (!round.mine.open) return fail('REPORT.BAD_STATE');
  const note = `非本部门职责，建议由${input.belongsTo}处理`;
  if (!round.mine.lead) {
    return transitionThen(
      ctx,
      whistleEntity,
      round.mine,
      'notOurs',
      { as: 'department', note, detail: { note } },
      async (m) => {
        const [, problem] = await Promise.all([deliver(ctx.rt, m.notices), problemView(ctx, round.p)]);
        return { problem };
      },
    );
  }
  let closed: Notice[] = [];
  const moved = await transitionById(ctx, problemEntity, round.p._id, 'notOurs', {
    as: 'lead',
    department: round.mine.departmentId,
    note,
    also: async (tx) => void (closed = await closeRound(ctx, tx, round, 'notOurs', note)),
  });
  // The station hears it once, from the lead's own whistle.
  return answer(
    ctx,
    moved,
    closed.filter((n) => n.key.startsWith(`whistle.notOurs~${round.mine._id}~`)),
  );
};
