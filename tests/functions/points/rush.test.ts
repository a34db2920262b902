import { functions } from '../../../cloudfunctions/deployed';
import { StoreBusyError } from '../../../cloudfunctions/core/store/store.port';
import type { ShopItemDoc } from '../../../cloudfunctions/points/points.documents';
import { returnUnit, takeUnit } from '../../../cloudfunctions/points/stock';
import {
  activityInput,
  addMembers,
  cloudbaseFake,
  createHarness,
  errorCode,
  ok,
  type Harness,
} from '../../support/harness';
import { seedPoints } from '../../support/seed';

/**
 * Issue 13, a rush: an item of stock 50 put on the shelf at 9:00 and 500 members redeeming it at the same
 * moment; 300 members checking in to one activity within a second. On the CloudBase run
 * (`npm run test:cloudbase`) this goes through the fake's conflict model, where transactions writing one
 * document conflict until they give up (BUSY): nobody may be told to try again later.
 */
jest.setTimeout(180_000);

async function shelve(h: Harness, stock: number, perMemberLimit = 1): Promise<string> {
  const saved = await h.call('points', 'demo-station', 'saveItem', {
    name: '限量水杯',
    description: '九点上架',
    price: 30,
    stock,
    perMemberLimit,
    active: true,
  });
  return ok(saved).item.id as string;
}

const item = (h: Harness, id: string) => h.store.dump('shopItems').find((i) => i._id === id) as Record<string, unknown>;

function tally(answers: Array<Awaited<ReturnType<Harness['call']>>>) {
  const codes = answers.map((a) => errorCode(a) ?? 'ok');
  const count = (c: string) => codes.filter((x) => x === c).length;
  return { ok: count('ok'), soldOut: count('POINTS.OUT_OF_STOCK'), busy: count('BUSY'), internal: count('INTERNAL') };
}

test('500 members, stock 50, at the same moment: 50 orders, 450 sold out, 0 BUSY, 0 INTERNAL', async () => {
  const h = createHarness();
  const members = addMembers(h, 500);
  seedPoints(h.store, members, 100);
  const itemId = await shelve(h, 50);
  const answers = await Promise.all(
    members.map((m) => h.call('points', m, 'redeem', { itemId, requestId: `rush-${m}-0001` })),
  );
  expect(tally(answers)).toEqual({ ok: 50, soldOut: 450, busy: 0, internal: 0 });
  expect(h.store.dump('orders')).toHaveLength(50);
  expect(item(h, itemId)).toMatchObject({ stock: 0, takers: [], reserved: 0 });
});

test('300 members check in to one activity within a second: 300 attendances, 0 BUSY', async () => {
  const h = createHarness();
  const members = addMembers(h, 300);
  const activityId = ok(await h.call('checkin', 'demo-station', 'createActivity', activityInput(h))).activity.id;
  h.clock.advance(15 * 60_000);
  const token = ok(await h.call('checkin', 'demo-station', 'activityCode', { activityId, mode: 'fixed' })).token;
  const answers = await Promise.all(members.map((m) => h.call('checkin', m, 'checkIn', { token })));
  expect(answers.filter((a) => !a.ok).map(errorCode)).toEqual([]);
  expect(h.store.dump('attendance')).toHaveLength(300);
});

test('two requests of one member at once with a limit of 1: one order, the other unit back on the shelf', async () => {
  const h = createHarness();
  const [m] = addMembers(h, 1);
  seedPoints(h.store, [m as string], 100);
  const itemId = await shelve(h, 5);
  const answers = await Promise.all(
    ['a', 'b', 'c'].map((r) => h.call('points', m as string, 'redeem', { itemId, requestId: `twice-${r}-000001` })),
  );
  expect(answers.filter((a) => a.ok)).toHaveLength(1);
  expect(answers.filter((a) => !a.ok).map(errorCode)).toEqual(['POINTS.LIMIT_REACHED', 'POINTS.LIMIT_REACHED']);
  expect(item(h, itemId)).toMatchObject({ stock: 4, takers: [], reserved: 0 });
});

describe('on CloudBase, a take whose reply was lost', () => {
  test('the retry finds its unit instead of taking a second one', async () => {
    const h = createHarness({ store: 'cloudbase' });
    const [m] = addMembers(h, 1);
    seedPoints(h.store, [m as string], 100);
    const itemId = await shelve(h, 5);
    const fake = cloudbaseFake();
    let lost = 0;
    fake.failAfter = (r) => {
      if (lost === 0 && r.body.queryType === 'WHERE' && r.body.collectionName === 'shopItems') {
        lost++;
        return { code: 'REQUEST_TIMEOUT', message: 'the reply was lost' };
      }
      return undefined;
    };
    const input = { itemId, requestId: 'lost-reply-000001' };
    expect(errorCode(await h.call('points', m as string, 'redeem', input))).toBe('INTERNAL');
    fake.failAfter = null;
    expect(item(h, itemId)).toMatchObject({ stock: 4, takers: [`${m}~lost-reply-000001`], reserved: 1 });
    expect(ok(await h.call('points', m as string, 'redeem', input)).changed).toBe(true);
    expect(ok(await h.call('points', m as string, 'redeem', input)).changed).toBe(false);
    expect(item(h, itemId)).toMatchObject({ stock: 4, takers: [], reserved: 0 });
    expect(h.store.dump('orders')).toHaveLength(1);
  });

  test('abandoned, the periodic sweep puts the unit back once nothing was taken for 15 minutes', async () => {
    const h = createHarness({ store: 'cloudbase' });
    const [m, n] = addMembers(h, 2);
    seedPoints(h.store, [m as string, n as string], 100);
    const itemId = await shelve(h, 5);
    const fake = cloudbaseFake();
    // m's take succeeds but its reply is lost, and m never tries again; n's order is placed but the
    // settling update fails, so the item still holds n's order id.
    fake.failAfter = (r) =>
      r.body.queryType === 'WHERE' &&
      r.body.collectionName === 'shopItems' &&
      JSON.stringify(r.query ?? null).includes(`${m}~`)
        ? { code: 'REQUEST_TIMEOUT', message: 'the reply was lost' }
        : undefined;
    expect(errorCode(await h.call('points', m as string, 'redeem', { itemId, requestId: 'gone-00000001' }))).toBe(
      'INTERNAL',
    );
    fake.failAfter = null;
    fake.failWith = (r) =>
      r.body.queryType === 'WHERE' && JSON.stringify(r.data ?? null).includes('$pull')
        ? { code: 'SYS_ERR', message: 'internal server error' }
        : undefined;
    ok(await h.call('points', n as string, 'redeem', { itemId, requestId: 'placed-000001' }));
    fake.failWith = null;
    expect(item(h, itemId)).toMatchObject({ stock: 3, reserved: 2 });
    const timer = () => functions.timer(() => h.runtime)({}, { TRIGGER_SRC: 'timer' });
    h.clock.advance(10 * 60_000);
    expect(ok(await timer())).toMatchObject({ returnedUnits: 0 });
    h.clock.advance(6 * 60_000);
    expect(ok(await timer())).toMatchObject({ returnedUnits: 1 });
    expect(item(h, itemId)).toMatchObject({ stock: 4, takers: [], reserved: 0 });
    expect(h.store.dump('audit').filter((a) => a.action === 'shop.returnUnit')).toEqual([
      expect.objectContaining({ actor: 'system', entityId: itemId, before: { heldFor: `${m}~gone-00000001` } }),
    ]);
    expect(ok(await timer())).toMatchObject({ returnedUnits: 0 });
  });
});

describe('two tries of one order, and the station changing the item meanwhile', () => {
  test('one try fails BUSY while the other places the order: one order, its unit not given back', async () => {
    const h = createHarness();
    const [m] = addMembers(h, 1);
    seedPoints(h.store, [m as string], 100);
    const itemId = await shelve(h, 5);
    const real = h.store.transaction.bind(h.store);
    let calls = 0;
    jest.spyOn(h.store, 'transaction').mockImplementation(((fn: never) => {
      calls++;
      return calls === 1 ? Promise.reject(new StoreBusyError()) : real(fn);
    }) as never);
    const input = { itemId, requestId: 'twice-at-once-01' };
    const answers = await Promise.all([
      h.call('points', m as string, 'redeem', input),
      h.call('points', m as string, 'redeem', input),
    ]);
    expect(answers.map((a) => errorCode(a) ?? 'ok').sort()).toEqual(['BUSY', 'ok']);
    expect(h.store.dump('orders')).toHaveLength(1);
    expect(item(h, itemId)).toMatchObject({ stock: 4, takers: [], reserved: 0 });
  });

  test('the station sets the stock while a unit is held: a unit given back does not add to its figure', async () => {
    const h = createHarness();
    const [m] = addMembers(h, 1);
    seedPoints(h.store, [m as string], 100);
    const itemId = await shelve(h, 1);
    jest.spyOn(h.store, 'transaction').mockImplementationOnce((() => Promise.reject(new Error('fault'))) as never);
    expect(errorCode(await h.call('points', m as string, 'redeem', { itemId, requestId: 'held-unit-0001' }))).toBe(
      'INTERNAL',
    );
    expect(item(h, itemId)).toMatchObject({ stock: 0, reserved: 1 });
    const saved = ok(
      await h.call('points', 'demo-station', 'saveItem', {
        itemId,
        name: '限量水杯',
        description: '九点上架',
        price: 30,
        stock: 0,
        perMemberLimit: 1,
        active: true,
      }),
    );
    expect(saved.item.stock).toBe(0);
    h.clock.advance(16 * 60_000);
    expect(ok(await functions.timer(() => h.runtime)({}, { TRIGGER_SRC: 'timer' }))).toMatchObject({
      returnedUnits: 1,
    });
    expect(item(h, itemId)).toMatchObject({ stock: 0, reserved: 0, takers: [] });
    expect(errorCode(await h.call('points', m as string, 'redeem', { itemId, requestId: 'after-zero-0001' }))).toBe(
      'POINTS.OUT_OF_STOCK',
    );
  });

  test('a take at a price the station has since changed takes nothing and says so', async () => {
    const h = createHarness();
    const itemId = await shelve(h, 5);
    const stale = item(h, itemId) as unknown as ShopItemDoc;
    await h.store.update('shopItems', { _id: itemId }, { price: 40 });
    const take = await takeUnit(h.store, stale, 'someone~order-0001', new Date());
    expect(take).toEqual({ changed: expect.objectContaining({ price: 40 }) });
    expect(item(h, itemId)).toMatchObject({ stock: 5 });
    expect(await takeUnit(h.store, { ...stale, price: 40 }, 'someone~order-0001', new Date())).toBe('taken');
    await returnUnit(h.store, itemId, 'someone~order-0001');
  });
});
