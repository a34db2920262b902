import { stationCommunity } from '../access/access';
import { fail, isFailure, type Failure } from '@shared/core/result';
import type { PointsContract } from '@shared/points/points.contract';
import { record } from '../core/runtime/change';
import type { Handlers } from '../core/runtime/router';
import type { CommunitySettingsDoc } from '../org/org.port';
import { postEntry } from './ledger';
import { statsIds, type LedgerDoc, type PointsStatsDoc } from './points.documents';
import { loadByIds } from '../core/runtime/lookup';
import { pointsSettingsOf } from './settings';

/** A mistaken credit is corrected by a reversing entry that names it; the credit itself is never edited. */
export const reverseEntry: Handlers<PointsContract>['reverseEntry'] = async (input, ctx) => {
  const communityId = stationCommunity(ctx.caller);
  return ctx.store.transaction(async (tx): Promise<Failure | { balance: number }> => {
    const entry = await tx.get<LedgerDoc>('ledger', input.entryId);
    if (!entry) return fail('NOT_FOUND');
    if (entry.communityId !== communityId) return fail('AUTH.OUT_OF_SCOPE');
    if (entry.kind !== 'credit') return fail('POINTS.NOT_REVERSIBLE');
    if (await tx.get('ledger', `rev~${entry._id}`)) return fail('POINTS.NOT_REVERSIBLE');
    const posted = await postEntry(ctx, tx, {
      key: `rev~${entry._id}`,
      openid: entry.openid,
      communityId: entry.communityId,
      kind: 'reversal',
      amount: -entry.amount,
      reason: `更正：${input.reason}`,
      ref: entry._id,
    });
    return isFailure(posted) ? posted : { balance: posted.balance };
  });
};

/** The community's rate and cap (changed when given), and the points issued and redeemed so far. */
export const pointsSettings: Handlers<PointsContract>['pointsSettings'] = async (input, ctx) => {
  const communityId = stationCommunity(ctx.caller);
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
      await record(
        ctx,
        { action: 'settings.points', entity: 'communitySettings', entityId: communityId, before, after: next },
        tx,
      );
    });
  }
  const [settings, shards] = await Promise.all([
    pointsSettingsOf(ctx.store, communityId),
    loadByIds<PointsStatsDoc>(ctx.store, 'pointsStats', statsIds(communityId)),
  ]);
  const sum = (f: 'issued' | 'redeemed') => [...shards.values()].reduce((n, s) => n + s[f], 0);
  return { ...settings, issued: sum('issued'), redeemed: sum('redeemed') };
};
