import { fail, type Failure } from '@shared/core/result';
import { canMove } from '@shared/core/transitions';
import { isOpenProblem, problemTransitions, type ProblemEvent } from '@shared/report/report.rules';
import type { HistoryEntry, ProblemDoc } from '../core/runtime/documents';
import type { Ctx } from '../core/runtime/router';
import type { TxStore } from '../core/store/store.port';

/** One move of the table, made in a transaction on the state just read, with history and audit. */
export async function moveProblem(ctx: Ctx, id: string, event: ProblemEvent, changes: Partial<ProblemDoc>, note: string | null, extra?: (tx: TxStore, p: ProblemDoc) => Promise<void>): Promise<ProblemDoc | Failure> {
  return ctx.store.transaction(async (tx) => {
    const p = await tx.get<ProblemDoc>('problems', id);
    if (!p) return fail('NOT_FOUND');
    if (!canMove(problemTransitions, event, p.status)) return fail('REPORT.BAD_STATE');
    const to = problemTransitions[event].to;
    const entry: HistoryEntry = { at: ctx.now.toISOString(), by: ctx.caller.openid, from: p.status, to, note };
    const next: ProblemDoc = { ...p, ...changes, status: to, open: isOpenProblem(to), history: [...p.history, entry] };
    await tx.set('problems', next);
    if (extra) await extra(tx, next);
    await ctx.audit({ action: `problem.${event}`, entity: 'problems', entityId: id, before: { status: p.status }, after: { status: to, ...changes } }, tx);
    return next;
  });
}
