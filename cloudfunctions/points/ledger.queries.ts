import { stationCommunity } from '../access/access';
import { fail } from '@shared/core/result';
import type { PointsContract } from '@shared/points/points.contract';
import type { PersonDoc } from '../core/runtime/identity';
import { loadByIds } from '../core/runtime/lookup';
import type { Ctx, Handlers } from '../core/runtime/router';
import type { AccountDoc, LedgerDoc } from './points.documents';

async function entryViews(ctx: Ctx, entries: LedgerDoc[]) {
  // A credit is reversible until a reversal keyed on it exists: one query finds those of the page.
  const reversals = await loadByIds(
    ctx.store,
    'ledger',
    entries.filter((e) => e.kind === 'credit').map((e) => `rev~${e._id}`),
  );
  return entries.map((e) => ({
    id: e._id,
    kind: e.kind,
    amount: e.amount,
    reason: e.reason,
    at: e.at,
    balanceAfter: e.balanceAfter,
    reversible: e.kind === 'credit' && !reversals.has(`rev~${e._id}`),
  }));
}

async function history(ctx: Ctx, openid: string, input: { cursor?: string; limit: number }) {
  const [account, page] = await Promise.all([
    ctx.store.get<AccountDoc>('accounts', openid),
    ctx.store.find<LedgerDoc>('ledger', {
      where: { openid },
      orderBy: [['seq', 'desc']],
      limit: input.limit,
      after: input.cursor ?? null,
    }),
  ]);
  return { balance: account?.balance ?? 0, items: await entryViews(ctx, page.items), next: page.next };
}

export const myPoints: Handlers<PointsContract>['myPoints'] = async (input, ctx) =>
  history(ctx, ctx.caller.openid, input);

/** The station looks a member up by phone to see (and correct) their entries. */
export const memberEntries: Handlers<PointsContract>['memberEntries'] = async (input, ctx) => {
  const communityId = stationCommunity(ctx.caller);
  const found = await ctx.store.find<PersonDoc>('people', { where: { phone: input.phone }, limit: 5 });
  const person = found.items.find((p) => p.communityId === communityId);
  if (!person) return fail('POINTS.MEMBER_UNKNOWN');
  return { memberName: person.name ?? '', ...(await history(ctx, person._id, input)) };
};
