import type { HistoryEntry, WishDoc } from '../core/runtime/documents';
import type { Runtime } from '../core/runtime/runtime';

/**
 * Returns stale claims to `open` (a claim unfulfilled after the community's claim days). Each wish
 * moves with a conditional update on the claim it read, so running twice, or alongside a member who
 * fulfils at that moment, changes nothing twice. One run handles at most `max` claims so it stays
 * well inside a cloud function's time limit; the next run takes the rest.
 */
export async function expireClaims(rt: Runtime, max = 500): Promise<number> {
  const now = rt.now();
  const at = now.toISOString();
  let expired = 0;
  for (;;) {
    const page = await rt.store.find<WishDoc>('wishes', { where: { status: 'claimed', claimExpiresAt: { $lt: at } }, orderBy: [['claimExpiresAt', 'asc']], limit: Math.min(200, max - expired) });
    let movedThisPage = 0;
    for (const wish of page.items) {
      const entry: HistoryEntry = { at, by: 'system', from: 'claimed', to: 'open', note: '认领超时未完成，自动释放' };
      const changed = await rt.store.update(
        'wishes',
        { _id: wish._id, status: 'claimed', claimedAt: wish.claimedAt },
        { status: 'open', claimedBy: null, claimedAt: null, claimExpiresAt: null, history: { $push: entry } },
      );
      if (!changed) continue;
      movedThisPage++;
      await rt.store.insert('audit', {
        _id: rt.newId(), requestId: 'timer', actor: 'system', action: 'wish.expire', entity: 'wishes', entityId: wish._id,
        before: { status: 'claimed', claimedBy: wish.claimedBy }, after: { status: 'open' }, at,
      });
    }
    expired += movedThisPage;
    if (expired >= max || page.items.length < Math.min(200, max) || movedThisPage === 0) return expired;
  }
}
