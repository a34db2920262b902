import { collections } from '../../cloudfunctions/deployed/storage';
import { createHarness, ok } from '../support/harness';
import { injected, injectFaults, random, retried } from '../support/faults';

/**
 * Issue 12: faults on the CloudBase path. The fake CloudBase fails requests at random — before they take
 * effect (server errors, write conflicts) and after (the reply lost once a write or a commit succeeded) —
 * and the client retries each action with the same input and request id, as the mini-program does. Every
 * action then takes effect exactly once: nothing lost, nothing doubled; the invariants (balances, service
 * credits, counters) are checked after every test.
 */
// Transactions back off between conflicts, so a run under faults takes a few seconds.
jest.setTimeout(60_000);

describe.each([1, 2, 3, 4, 5, 6, 7, 8])('faults on the CloudBase path, run %i', (run) => {
  test('each action takes effect exactly once', async () => {
    const h = createHarness({ store: 'cloudbase' });
    const rand = random(20261127 + run);
    const stop = injectFaults(rand, 0.12, 0.08);
    const expectOnce = (collection: string, match: (d: Record<string, unknown>) => boolean) =>
      expect(h.store.dump(collection).filter(match)).toHaveLength(1);

    // A member logs a service; the unit leader confirms it: one credit of 10 points.
    const logged = ok(
      await retried(h, stop, () =>
        h.call('points', 'demo-member', 'logService', {
          description: '楼道清洁',
          unitId: 'huazhongg1u1',
          date: '2026-11-25',
          hours: 2,
          requestId: `log-${run}-abcdef`,
        }),
      ),
    ).service;
    expectOnce('services', (s) => s.description === '楼道清洁');
    await retried(h, injectFaults(rand, 0.12, 0.08), () =>
      h.call('points', 'demo-unitleader', 'reviewServices', { serviceIds: [logged.id], decision: 'confirm' }),
    );
    expectOnce('ledger', (e) => e.ref === logged.id);
    expect(h.store.dump('accounts').find((a) => a._id === 'demo-member')).toMatchObject({ balance: 20 });

    // The member redeems a 20-point item: one order, one debit, one unit of stock.
    const stock = Number(h.store.dump('shopItems').find((i) => i._id === 'demoitem01')?.stock);
    await retried(h, injectFaults(rand, 0.12, 0.08), () =>
      h.call('points', 'demo-member', 'redeem', { itemId: 'demoitem01', requestId: `redeem-${run}-abcdef` }),
    );
    expectOnce('orders', (o) => o.openid === 'demo-member');
    expect(h.store.dump('accounts').find((a) => a._id === 'demo-member')).toMatchObject({ balance: 0 });
    expect(h.store.dump('shopItems').find((i) => i._id === 'demoitem01')).toMatchObject({ stock: stock - 1 });

    // A resident posts a wish and reports a problem: one of each.
    await retried(h, injectFaults(rand, 0.12, 0.08), () =>
      h.call('wish', 'demo-resident', 'postWish', {
        title: '帮忙修理水龙头',
        description: '厨房水龙头漏水',
        category: '维修服务',
        unitId: 'huazhongg1u1',
        phone: '13600002222',
        requestId: `wish-${run}-abcdef`,
      }),
    );
    expectOnce('wishes', (w) => w.title === '帮忙修理水龙头');
    await retried(h, injectFaults(rand, 0.12, 0.08), () =>
      h.call('report', 'demo-resident', 'submitProblem', {
        category: '环境卫生',
        description: '3栋楼下垃圾堆放多日无人清运',
        unitId: 'huazhongg1u1',
        phone: '13600002222',
        requestId: `problem-${run}-abcdef`,
      }),
    );
    expectOnce('problems', (p) => p.description === '3栋楼下垃圾堆放多日无人清运');

    // The resident closes her account (注销): done once and wholly, whatever failed on the way (it resumes).
    ok(
      await retried(h, injectFaults(rand, 0.12, 0.08), () =>
        h.call('org', 'demo-resident', 'closeAccount', { confirm: '确认注销' }),
      ),
    );
    expect(h.store.dump('closures')).toEqual([]);
    expectOnce('audit', (a) => a.action === 'account.close');
    expect(JSON.stringify(collections.map((c) => h.store.dump(c)))).not.toMatch(/王秀英|13600002222|"demo-resident"/);
    stop();
  });
});

afterAll(() => {
  // The runs met faults of both kinds (the figures in the issue note come from here).
  expect(injected.before).toBeGreaterThan(20);
  expect(injected.after).toBeGreaterThan(10);
});
