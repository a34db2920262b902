import { fail, isFailure, type Failure } from '@shared/core/result';
import type { PointsContract } from '@shared/points/points.contract';
import type { AccountDoc, CommunitySettingsDoc, LedgerDoc, PersonDoc, PointsStatsDoc } from '../core/runtime/documents';
import { loadByIds } from '../core/runtime/lookup';
import type { Ctx, Handlers } from '../core/runtime/router';
import { postEntry } from './ledger';
import { pointsSettingsOf } from './settings';

async function entryViews(ctx: Ctx, entries: LedgerDoc[]) {
  // A credit is reversible until a reversal keyed on it exists: one query finds those of the page.
  const reversals = await loadByIds(ctx.store, 'ledger', entries.filter((e) => e.kind === 'credit').map((e) => `rev~${e._id}`));
  return entries.map((e) => ({ id: e._id, kind: e.kind, amount: e.amount, reason: e.reason, at: e.at, balanceAfter: e.balanceAfter, reversible: e.kind === 'credit' && !reversals.has(`rev~${e._id}`) }));
}

async function history(ctx: Ctx, openid: string, input: { cursor?: string; limit: number }) {
  const [account, page] = await Promise.all([
    ctx.store.get<AccountDoc>('accounts', openid),
    ctx.store.find<LedgerDoc>('ledger', { where: { openid }, orderBy: [['seq', 'desc']], limit: input.limit, after: input.cursor ?? null }),
  ]);
  return { balance: account?.balance ?? 0, items: await entryViews(ctx, page.items), next: page.next };
}

export const myPoints: Handlers<PointsContract>['myPoints'] = async (input, ctx) => history(ctx, ctx.caller.openid, input);

function stationCommunity(ctx: Ctx): string | null {
  return ctx.caller.grants.find((g) => g.role === 'stationAdmin')?.scopeId ?? null;
}

/** The station looks a member up by phone to see (and correct) their entries. */
export const memberEntries: Handlers<PointsContract>['memberEntries'] = async (input, ctx) => {
  const communityId = stationCommunity(ctx);
  const found = await ctx.store.find<PersonDoc>('people', { where: { phone: input.phone }, limit: 5 });
  const person = found.items.find((p) => p.communityId === communityId);
  if (!person) return fail('NOT_FOUND', '本社区没有该手机号的党员');
  return { memberName: person.name ?? '', ...(await history(ctx, person._id, input)) };
};

/** A mistaken credit is corrected by a reversing entry that names it; the credit itself is never edited. */
export const reverseEntry: Handlers<PointsContract>['reverseEntry'] = async (input, ctx) => {
  const communityId = stationCommunity(ctx);
  const outcome = await ctx.store.transaction(async (tx): Promise<Failure | { balance: number }> => {
    const entry = await tx.get<LedgerDoc>('ledger', input.entryId);
    if (!entry) return fail('NOT_FOUND');
    if (entry.communityId !== communityId) return fail('AUTH.OUT_OF_SCOPE');
    if (entry.kind !== 'credit') return fail('POINTS.NOT_REVERSIBLE');
    if (await tx.get('ledger', `rev~${entry._id}`)) return fail('POINTS.NOT_REVERSIBLE');
    const posted = await postEntry(ctx, tx, { key: `rev~${entry._id}`, openid: entry.openid, communityId: entry.communityId, kind: 'reversal', amount: -entry.amount, reason: `更正：${input.reason}`, ref: entry._id });
    return isFailure(posted) ? posted : { balance: posted.balance };
  });
  return outcome;
};

/** The community's rate and cap (changed when given), and the points issued and redeemed so far. */
export const pointsSettings: Handlers<PointsContract>['pointsSettings'] = async (input, ctx) => {
  const communityId = stationCommunity(ctx);
  if (!communityId) return fail('AUTH.FORBIDDEN');
  if (input.pointsPerHour !== undefined || input.maxHoursPerRecord !== undefined) {
    const before = await ctx.store.get<CommunitySettingsDoc>('communitySettings', communityId);
    const next: CommunitySettingsDoc = {
      ...(before ?? { _id: communityId }),
      ...(input.pointsPerHour !== undefined ? { pointsPerHour: input.pointsPerHour } : {}),
      ...(input.maxHoursPerRecord !== undefined ? { maxHoursPerRecord: input.maxHoursPerRecord } : {}),
    };
    await ctx.store.transaction(async (tx) => {
      await tx.set('communitySettings', next);
      await ctx.audit({ action: 'settings.points', entity: 'communitySettings', entityId: communityId, before, after: next }, tx);
    });
  }
  const [settings, stats] = await Promise.all([pointsSettingsOf(ctx.store, communityId), ctx.store.get<PointsStatsDoc>('pointsStats', communityId)]);
  return { ...settings, issued: stats?.issued ?? 0, redeemed: stats?.redeemed ?? 0 };
};
