import { verifyBalances } from '../../../cloudfunctions/points/ledger';
import type { TxStore } from '../../../cloudfunctions/core/store/store.port';
import { functions } from '../../../cloudfunctions/deployed';
import {
  activityInput,
  addMembers,
  createHarness,
  errorCode,
  expectRace,
  ok,
  snapshot,
  type Harness,
} from '../../support/harness';

/** Logs `hours` in the unit leader's unit for each member and has the unit leader confirm them all. */
async function credit(h: Harness, members: string[], hours = 1) {
  const ids: string[] = [];
  for (const m of members)
    ids.push(
      ok(
        await h.call('points', m, 'logService', {
          description: '楼道清洁',
          unitId: 'huazhongg1u1',
          date: '2026-11-25',
          hours,
        }),
      ).service.id,
    );
  for (let i = 0; i < ids.length; i += 50)
    ok(
      await h.call('points', 'demo-unitleader', 'reviewServices', {
        serviceIds: ids.slice(i, i + 50),
        decision: 'confirm',
      }),
    );
  return ids;
}

async function item(h: Harness, overrides: Record<string, unknown> = {}) {
  return ok(
    await h.call('points', 'demo-station', 'saveItem', {
      name: '洗衣液',
      description: '2kg装',
      price: 10,
      stock: 1000,
      perMemberLimit: 100,
      ...overrides,
    }),
  ).item.id as string;
}

async function balanced(h: Harness) {
  const check = await verifyBalances({ store: h.store });
  expect(check.mismatches).toEqual([]);
  return check;
}

describe('志愿服务积分 points', () => {
  let h: Harness;
  beforeEach(() => (h = createHarness()));

  test('log → unit leader confirms → credit at the rate; the same confirmation twice credits once', async () => {
    const [id] = await credit(h, ['demo-member'], 1.5);
    const again = ok(
      await h.call('points', 'demo-unitleader', 'reviewServices', { serviceIds: [id], decision: 'confirm' }),
    );
    expect(again.results).toEqual([{ id, ok: false, code: 'POINTS.ALREADY_REVIEWED', points: null }]);
    const mine = ok(await h.call('points', 'demo-member', 'myPoints', {}));
    expect(mine.balance).toBe(15);
    expect(mine.items).toEqual([
      expect.objectContaining({ kind: 'credit', amount: 15, reason: '楼道清洁', balanceAfter: 15, reversible: true }),
    ]);
    const twice = await Promise.all(
      [1, 2, 3].map(() =>
        h.call('points', 'demo-unitleader', 'reviewServices', { serviceIds: [id], decision: 'confirm' }),
      ),
    );
    expect(twice.every((r) => r.ok)).toBe(true);
    expect(h.store.dump('ledger')).toHaveLength(1);
    await balanced(h);
  });

  test('nobody confirms their own hours; only the unit leader of the unit or the activity organiser', async () => {
    await h.store.insert('grants', {
      _id: 'demo-member~unitLeader',
      openid: 'demo-member',
      role: 'unitLeader',
      scope: 'unit',
      scopeId: 'huazhongg1u1',
      grantedBy: 't',
      at: 't',
    });
    const id = ok(
      await h.call('points', 'demo-member', 'logService', {
        description: '楼道清洁',
        unitId: 'huazhongg1u1',
        date: '2026-11-25',
        hours: 1,
      }),
    ).service.id;
    expect(
      ok(await h.call('points', 'demo-member', 'reviewServices', { serviceIds: [id], decision: 'confirm' })).results[0]
        .code,
    ).toBe('POINTS.SELF_CONFIRM');
    const other = ok(
      await h.call('points', 'demo-member', 'logService', {
        description: '帮扶',
        unitId: 'huazhongg2u1',
        date: '2026-11-25',
        hours: 1,
      }),
    ).service.id;
    expect(
      ok(await h.call('points', 'demo-unitleader', 'reviewServices', { serviceIds: [other], decision: 'confirm' }))
        .results[0].code,
    ).toBe('AUTH.OUT_OF_SCOPE');
    expect(h.store.dump('ledger')).toHaveLength(0);
  });

  test('an activity attendance is confirmed by its organiser; a confirmed wish credits its own points', async () => {
    const { activity } = ok(await h.call('checkin', 'demo-station', 'createActivity', activityInput(h, {}, 0)));
    const token = ok(
      await h.call('checkin', 'demo-station', 'activityCode', { activityId: activity.id, mode: 'fixed' }),
    ).token;
    ok(await h.call('checkin', 'demo-member', 'checkIn', { token }));
    h.clock.advance(2 * 3600_000);
    ok(await h.call('checkin', 'demo-member', 'checkOut', { token }));
    const pending = ok(await h.call('points', 'demo-station', 'pendingServices', {}));
    expect(pending.items).toEqual([expect.objectContaining({ source: 'activity', hours: 2, memberName: '张明' })]);
    expect(
      ok(
        await h.call('points', 'demo-station', 'reviewServices', {
          serviceIds: [pending.items[0].id],
          decision: 'confirm',
        }),
      ).results[0],
    ).toMatchObject({ ok: true, points: 20 });

    const wish = ok(
      await h.call('wish', 'demo-resident', 'postWish', {
        title: '修水龙头',
        description: '厨房水龙头滴水',
        category: '维修服务',
        unitId: 'huazhongg1u1',
        phone: '13600001111',
      }),
    ).wish;
    ok(await h.call('wish', 'demo-station', 'reviewWish', { wishId: wish.id, decision: 'approve', points: 30 }));
    ok(await h.call('wish', 'demo-member', 'claimWish', { wishId: wish.id }));
    ok(await h.call('wish', 'demo-member', 'fulfilWish', { wishId: wish.id, note: '已修好' }));
    ok(await h.call('wish', 'demo-resident', 'confirmWish', { wishId: wish.id, fulfilled: true }));
    const unitPending = ok(await h.call('points', 'demo-unitleader', 'pendingServices', {}));
    expect(unitPending.items).toEqual([expect.objectContaining({ source: 'wish', points: 30 })]);
    ok(
      await h.call('points', 'demo-unitleader', 'reviewServices', {
        serviceIds: [unitPending.items[0].id],
        decision: 'confirm',
      }),
    );
    expect(ok(await h.call('points', 'demo-member', 'myPoints', {})).balance).toBe(50);
    await balanced(h);
  });

  test('a rejection needs a reason and credits nothing', async () => {
    const id = ok(
      await h.call('points', 'demo-member', 'logService', {
        description: '楼道清洁',
        unitId: 'huazhongg1u1',
        date: '2026-11-25',
        hours: 1,
      }),
    ).service.id;
    expect(
      errorCode(await h.call('points', 'demo-unitleader', 'reviewServices', { serviceIds: [id], decision: 'reject' })),
    ).toBe('INPUT.INVALID');
    ok(
      await h.call('points', 'demo-unitleader', 'reviewServices', {
        serviceIds: [id],
        decision: 'reject',
        reason: '当天未见到',
      }),
    );
    expect(ok(await h.call('points', 'demo-member', 'myServices', {})).items[0]).toMatchObject({
      status: 'rejected',
      reason: '当天未见到',
    });
    expect(h.store.dump('ledger')).toHaveLength(0);
  });

  test('100 concurrent redemptions by one member whose balance covers 10: exactly 10 orders, balance 0', async () => {
    ok(await h.call('points', 'demo-station', 'pointsSettings', { pointsPerHour: 100 }));
    await credit(h, ['demo-member'], 1);
    const itemId = await item(h);
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        h.call('points', 'demo-member', 'redeem', { itemId, requestId: `req-${String(i).padStart(4, '0')}` }),
      ),
    );
    const won = expectRace(results, 10, 'POINTS.INSUFFICIENT');
    expect(ok(await h.call('points', 'demo-member', 'myPoints', {})).balance).toBe(100 - 10 * won);
    expect(h.store.dump('orders')).toHaveLength(won);
    // A try answered BUSY (CloudBase) leaves its unit with its order id for the client's retry; the periodic
    // sweep returns the units no order came of.
    h.clock.advance(16 * 60_000);
    ok(await functions.timer(() => h.runtime)({}, { TRIGGER_SRC: 'timer' }));
    expect(h.store.dump('shopItems').find((i) => i._id === itemId)).toMatchObject({ stock: 1000 - won, reserved: 0 });
    await balanced(h);
  });

  test('100 members racing for stock 5: exactly 5 orders, stock 0', async () => {
    const members = addMembers(h, 100);
    await credit(h, members, 1);
    const itemId = await item(h, { stock: 5 });
    const results = await Promise.all(
      members.map((m) => h.call('points', m, 'redeem', { itemId, requestId: `req-${m}-0001` })),
    );
    const won = expectRace(results, 5, 'POINTS.OUT_OF_STOCK');
    expect(h.store.dump('orders')).toHaveLength(won);
    expect(h.store.dump('shopItems').find((i) => i._id === itemId)).toMatchObject({ stock: 5 - won });
    await balanced(h);
  });

  test('a retried redemption places one order; per-member limit; cancel refunds and returns stock', async () => {
    await credit(h, ['demo-member'], 3);
    const itemId = await item(h, { perMemberLimit: 2 });
    const first = ok(await h.call('points', 'demo-member', 'redeem', { itemId, requestId: 'req-aaaa-0001' }));
    const retry = ok(await h.call('points', 'demo-member', 'redeem', { itemId, requestId: 'req-aaaa-0001' }));
    expect(retry).toMatchObject({
      changed: false,
      order: { id: first.order.id, pickupCode: first.order.pickupCode },
      balance: 20,
    });
    ok(await h.call('points', 'demo-member', 'redeem', { itemId, requestId: 'req-aaaa-0002' }));
    const third = await h.call('points', 'demo-member', 'redeem', { itemId, requestId: 'req-aaaa-0003' });
    expect(errorCode(third)).toBe('POINTS.LIMIT_REACHED');
    expect(third.ok ? '' : third.error.message).toBe('该商品每人限兑2件');
    const cancelled = ok(await h.call('points', 'demo-member', 'cancelOrder', { orderId: first.order.id }));
    expect(cancelled).toMatchObject({ balance: 20, order: { status: 'cancelled' } });
    expect(errorCode(await h.call('points', 'demo-member', 'cancelOrder', { orderId: first.order.id }))).toBe(
      'POINTS.ORDER_NOT_OPEN',
    );
    expect(ok(await h.call('points', 'demo-member', 'redeem', { itemId, requestId: 'req-aaaa-0004' })).balance).toBe(
      10,
    );
    expect(h.store.dump('shopItems').find((i) => i._id === itemId)).toMatchObject({ stock: 998 });
    expect(
      ok(await h.call('points', 'demo-member', 'myPoints', {})).items.map(
        (e: { kind: string; amount: number }) => `${e.kind}${e.amount}`,
      ),
    ).toEqual(['redeem-10', 'refund10', 'redeem-10', 'redeem-10', 'credit30']);
    await balanced(h);
  });

  test('a failure injected inside a redemption loses and creates nothing', async () => {
    await credit(h, ['demo-member'], 1);
    const itemId = await item(h);
    const before = await snapshot(h.store, [
      'ledger',
      'accounts',
      'orders',
      'itemHolds',
      'pickupCodes',
      'pointsStats',
      'audit',
    ]);
    const real = h.store.transaction.bind(h.store);
    jest.spyOn(h.store, 'transaction').mockImplementationOnce(
      (fn) =>
        real(async (tx: TxStore) =>
          fn({
            ...tx,
            insert: async (c, doc) => {
              if (c === 'pickupCodes') throw new Error('injected fault');
              return tx.insert(c, doc);
            },
          }),
        ) as never,
    );
    expect(errorCode(await h.call('points', 'demo-member', 'redeem', { itemId, requestId: 'req-fail-0001' }))).toBe(
      'INTERNAL',
    );
    expect(
      await snapshot(h.store, ['ledger', 'accounts', 'orders', 'itemHolds', 'pickupCodes', 'pointsStats', 'audit']),
    ).toBe(before);
    // The unit taken before the transaction stays with the order id (the outcome of a fault may be unknown)
    // and still shows as stock; the client's retry finds it instead of taking another.
    const orderId = 'demo-member~req-fail-0001';
    expect(h.store.dump('shopItems').find((i) => i._id === itemId)).toMatchObject({
      stock: 999,
      takers: [orderId],
      reserved: 1,
    });
    expect(ok(await h.call('points', 'demo-member', 'listItems', {})).items).toContainEqual(
      expect.objectContaining({ id: itemId, stock: 1000 }),
    );
    expect(ok(await h.call('points', 'demo-member', 'redeem', { itemId, requestId: 'req-fail-0001' })).balance).toBe(0);
    expect(h.store.dump('shopItems').find((i) => i._id === itemId)).toMatchObject({
      stock: 999,
      takers: [],
      reserved: 0,
    });
    await balanced(h);
  });

  test('the station hands over by pickup code once; a wrong code is refused', async () => {
    await credit(h, ['demo-member'], 1);
    const itemId = await item(h);
    const { order } = ok(await h.call('points', 'demo-member', 'redeem', { itemId, requestId: 'req-hand-0001' }));
    expect(ok(await h.call('points', 'demo-station', 'stationOrders', {})).items[0]).toMatchObject({
      id: order.id,
      pickupCode: null,
    });
    expect(errorCode(await h.call('points', 'demo-station', 'handOver', { pickupCode: 'ZZZZZZZZ' }))).toBe(
      'POINTS.PICKUP_UNKNOWN',
    );
    expect(
      ok(await h.call('points', 'demo-station', 'handOver', { pickupCode: order.pickupCode.toLowerCase() })).order,
    ).toMatchObject({ status: 'picked_up' });
    expect(errorCode(await h.call('points', 'demo-station', 'handOver', { pickupCode: order.pickupCode }))).toBe(
      'POINTS.ORDER_NOT_OPEN',
    );
    expect(errorCode(await h.call('points', 'demo-member', 'cancelOrder', { orderId: order.id }))).toBe(
      'POINTS.ORDER_NOT_OPEN',
    );
  });

  test('a mistaken credit is reversed by a new entry, once, and never below zero', async () => {
    await credit(h, ['demo-member'], 2);
    const found = ok(await h.call('points', 'demo-station', 'memberEntries', { phone: '13805560001' }));
    expect(found).toMatchObject({ memberName: '张明', balance: 20 });
    // A phone of nobody in the community says so in words the station understands.
    const unknown = await h.call('points', 'demo-station', 'memberEntries', { phone: '13900000000' });
    expect(unknown).toMatchObject({
      ok: false,
      error: { code: 'POINTS.MEMBER_UNKNOWN', message: '本社区没有该手机号的党员' },
    });
    const entryId = found.items[0].id;
    expect(
      ok(await h.call('points', 'demo-station', 'reverseEntry', { entryId, reason: '时长登记错误' })).balance,
    ).toBe(0);
    expect(errorCode(await h.call('points', 'demo-station', 'reverseEntry', { entryId, reason: '再次更正' }))).toBe(
      'POINTS.NOT_REVERSIBLE',
    );
    const mine = ok(await h.call('points', 'demo-member', 'myPoints', {}));
    expect(
      mine.items.map((e: { kind: string; amount: number; reversible: boolean }) => [e.kind, e.amount, e.reversible]),
    ).toEqual([
      ['reversal', -20, false],
      ['credit', 20, false],
    ]);
    await credit(h, ['demo-member'], 1);
    const itemId = await item(h);
    ok(await h.call('points', 'demo-member', 'redeem', { itemId, requestId: 'req-rev-0001' }));
    const credit2 = ok(await h.call('points', 'demo-station', 'memberEntries', { phone: '13805560001' })).items.find(
      (e: { kind: string; reversible: boolean }) => e.kind === 'credit' && e.reversible,
    );
    expect(
      errorCode(await h.call('points', 'demo-station', 'reverseEntry', { entryId: credit2.id, reason: '错误' })),
    ).toBe('POINTS.INSUFFICIENT');
    const stats = ok(await h.call('points', 'demo-station', 'pointsSettings', {}));
    expect(stats).toEqual({ pointsPerHour: 10, maxHoursPerRecord: 8, issued: 10, redeemed: 10 });
    await balanced(h);
  });

  test.each([
    ['reviewServices', 'demo-member'],
    ['reviewServices', 'demo-resident'],
    ['reviewServices', 'demo-orgadmin'],
    ['saveItem', 'demo-member'],
    ['saveItem', 'demo-grid'],
    ['handOver', 'demo-member'],
    ['handOver', 'demo-unitleader'],
    ['reverseEntry', 'demo-member'],
    ['reverseEntry', 'demo-district'],
    ['pointsSettings', 'demo-member'],
    ['memberEntries', 'demo-grid'],
    ['redeem', 'demo-resident'],
    ['redeem', 'demo-station'],
    ['logService', 'demo-resident'],
    ['myPoints', 'demo-newmember'],
  ])('%s is refused to %s and changes nothing', async (action, openid) => {
    const before = await snapshot(h.store, ['ledger', 'accounts', 'orders', 'shopItems', 'services', 'audit']);
    const data = {
      serviceIds: ['x'],
      decision: 'confirm',
      name: '洗衣液',
      price: 10,
      stock: 1,
      pickupCode: 'ABCDEFGH',
      entryId: 'x',
      reason: '原因',
      itemId: 'x',
      requestId: 'req-0000-0001',
      description: '清洁',
      unitId: 'huazhongg1u1',
      date: '2026-11-25',
      hours: 1,
      phone: '13805560001',
      pointsPerHour: 50,
    };
    expect(errorCode(await h.call('points', openid, action, data))).toBe('AUTH.FORBIDDEN');
    expect(await snapshot(h.store, ['ledger', 'accounts', 'orders', 'shopItems', 'services', 'audit'])).toBe(before);
  });

  test.each([
    ['logService', { hours: 0.7 }, 'hours'],
    ['logService', { hours: 0 }, 'hours'],
    ['logService', { date: '2026-02-30x' }, 'date'],
    ['saveItem', { price: -1 }, 'price'],
    ['saveItem', { stock: 1.5 }, 'stock'],
    ['redeem', { requestId: 'x' }, 'requestId'],
  ])('%s with bad %p is refused on %s and nothing changes', async (action, patch, field) => {
    const base = {
      description: '清洁',
      unitId: 'huazhongg1u1',
      date: '2026-11-25',
      hours: 1,
      name: '洗衣液',
      price: 10,
      stock: 1,
      itemId: 'x',
      requestId: 'req-0000-0001',
    };
    const openid = action === 'saveItem' ? 'demo-station' : 'demo-member';
    const before = await snapshot(h.store, ['ledger', 'services', 'shopItems', 'orders']);
    const res = await h.call('points', openid, action, { ...base, ...patch });
    expect(errorCode(res)).toBe('INPUT.INVALID');
    expect(res.ok ? {} : res.error.fields).toHaveProperty(field);
    expect(await snapshot(h.store, ['ledger', 'services', 'shopItems', 'orders'])).toBe(before);
  });

  test('hours over the community cap are refused', async () => {
    const res = await h.call('points', 'demo-member', 'logService', {
      description: '清洁',
      unitId: 'huazhongg1u1',
      date: '2026-11-25',
      hours: 9,
    });
    expect(res.ok ? '' : res.error.message).toBe('单次服务时长不能超过8小时');
  });
});

/** Issue 12, defect 9: a service is logged for a day that has happened, and not too long ago. */
test('a service date in the future, or older than the community allows, is refused and writes nothing', async () => {
  const h = createHarness(); // the clock stands at 2026-11-26 10:00 Beijing
  const log = (date: string) =>
    h.call('points', 'demo-member', 'logService', { description: '楼道清洁', unitId: 'huazhongg1u1', date, hours: 1 });
  const before = await snapshot(h.store, ['services', 'audit']);
  const future = await log('2026-11-27');
  expect(future).toMatchObject({
    ok: false,
    error: { code: 'INPUT.INVALID', fields: { date: '服务日期不能晚于今天' } },
  });
  const old = await log('2026-10-26');
  expect(old).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID', fields: { date: '只能登记30天内的服务' } } });
  expect(await snapshot(h.store, ['services', 'audit'])).toBe(before);
  ok(await log('2026-11-26'));
  ok(await log('2026-10-27'));
});
