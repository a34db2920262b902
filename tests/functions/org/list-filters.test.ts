import {
  createHarness,
  errorCode,
  ok,
  problemInput,
  validReport,
  wishInput,
  type Harness,
  recount,
} from '../../support/harness';

/**
 * Issue 15, part 6: the admin lists narrowed by a name, a whole phone, a grid or unit, and a date range, with
 * the district choosing the community. The date range joins the list's indexed query; the rest is matched as
 * the list is read, a batch at a time, and 加载更多 continues where the reading stopped.
 */

const names = (items: Array<{ name?: string; title?: string }>) => items.map((i) => i.name ?? i.title).sort();

async function submit(h: Harness, openid: string, name: string, phone: string, unitId = 'huazhongg1u1') {
  return ok(
    await h.call('checkin', openid, 'submitReport', {
      token: h.token('huazhong'),
      ...validReport,
      name,
      phone,
      unitId,
    }),
  ).report;
}

describe('筛选: the station’s and the district’s lists', () => {
  test('报到审核 by a part of a name, a whole phone, a grid, a date range; the district by community', async () => {
    const h = createHarness();
    await submit(h, 'n-1', '李华', '13912345678');
    h.clock.advance(2 * 86_400_000);
    await submit(h, 'n-2', '李明亮', '13912340000', 'huazhongg2u1');
    await submit(h, 'n-3', '王芳', '13700001111');
    const list = async (filter: Record<string, unknown>, who = 'demo-station') =>
      names(ok(await h.call('checkin', who, 'listReports', { status: 'pending', ...filter })).items);

    expect(await list({})).toEqual(expect.arrayContaining(['李华', '李明亮', '王芳']));
    expect(await list({ q: '李' })).toEqual(['李华', '李明亮']);
    expect(await list({ q: '明亮' })).toEqual(['李明亮']);
    expect(await list({ q: '13700001111' })).toEqual(['王芳']);
    // Part of a number finds nothing: a masked number cannot be completed digit by digit.
    expect(await list({ q: '1111' })).toEqual([]);
    // The demo's own pending 报到 of 林小燕 is in the second grid too.
    expect(await list({ gridId: 'huazhongg2' })).toEqual(['李明亮', '林小燕']);
    expect(await list({ unitId: 'huazhongg1u1', from: '2026-11-26' })).toEqual(['李华', '王芳']);
    // 26 November (Beijing) holds the first; 28 November the other two.
    expect(await list({ from: '2026-11-26', to: '2026-11-26' })).toEqual(['李华']);
    expect(await list({ from: '2026-11-27' })).toEqual(['李明亮', '王芳']);
    expect(await list({ to: '2026-11-27', q: '李' })).toEqual(['李华']);
    const backwards = await h.call('checkin', 'demo-station', 'listReports', { from: '2026-11-28', to: '2026-11-01' });
    expect(backwards).toMatchObject({ error: { code: 'INPUT.INVALID', fields: { to: '结束日期不能早于开始日期' } } });
    expect(errorCode(await h.call('checkin', 'demo-station', 'listReports', { from: '2026-13-01' }))).toBe(
      'INPUT.INVALID',
    );
    // The district narrows by community, then by name.
    expect(await list({ communityId: 'huazhong', q: '王' }, 'demo-district')).toEqual(['王芳']);
    expect(await list({ communityId: 'xiaosu' }, 'demo-district')).toEqual([]);
    // An organisation's receipts take the same filters.
    expect(
      names(ok(await h.call('checkin', 'demo-orgadmin', 'orgReceipts', { status: 'pending', q: '李明' })).items),
    ).toEqual(['李明亮']);
  });

  test('a rare match in a long list: each page reads at most 1,000, and 加载更多 finds the rest', async () => {
    const h = createHarness();
    const template = await submit(h, 'n-0', '模板', '13900000000');
    const stored = h.store.dump('reports').find((r) => r._id === template.id)!;
    const base = Date.parse('2026-11-20T00:00:00.000Z');
    h.store.insertMany(
      'reports',
      Array.from({ length: 1500 }, (_, i) => ({
        ...stored,
        _id: `bulk-${i}`,
        openid: `bulk-${i}`,
        name: [10, 1200, 1450].includes(i) ? `目标${i}` : `居民${i}`,
        submittedAt: new Date(base - i * 60_000).toISOString(),
      })),
    );
    await recount(h);
    const first = ok(
      await h.call('checkin', 'demo-station', 'listReports', { status: 'pending', q: '目标', limit: 20 }),
    );
    expect(names(first.items)).toEqual(['目标10']);
    expect(first.next).not.toBeNull();
    const second = ok(
      await h.call('checkin', 'demo-station', 'listReports', {
        status: 'pending',
        q: '目标',
        limit: 20,
        cursor: first.next,
      }),
    );
    expect(names(second.items)).toEqual(['目标1200', '目标1450']);
    expect(second.next).toBeNull();
    // A full page stops at its last match, and the next one starts after it.
    const one = ok(await h.call('checkin', 'demo-station', 'listReports', { status: 'pending', q: '目标', limit: 1 }));
    expect(names(one.items)).toEqual(['目标10']);
    // The next 1,000 read hold no match: an empty page that still says there is more.
    const empty = ok(
      await h.call('checkin', 'demo-station', 'listReports', {
        status: 'pending',
        q: '目标',
        limit: 1,
        cursor: one.next,
      }),
    );
    expect(empty).toMatchObject({ items: [], next: expect.any(String) });
    const after = ok(
      await h.call('checkin', 'demo-station', 'listReports', {
        status: 'pending',
        q: '目标',
        limit: 1,
        cursor: empty.next,
      }),
    );
    expect(names(after.items)).toEqual(['目标1200']);
  });

  test('心愿, 问题台账, 兑换订单 and 待确认服务 take the same filters', async () => {
    const h = createHarness();
    ok(await h.call('wish', 'demo-resident', 'postWish', wishInput));
    ok(
      await h.call('wish', 'demo-resident', 'postWish', {
        ...wishInput,
        title: '陪老人去医院复诊',
        unitId: 'huazhongg2u1',
      }),
    );
    const wishes = async (filter: Record<string, unknown>) =>
      names(ok(await h.call('wish', 'demo-station', 'listWishes', { status: 'pending_review', ...filter })).items);
    expect(await wishes({ q: '医院' })).toEqual(['陪老人去医院复诊']);
    expect(await wishes({ q: wishInput.phone })).toHaveLength(2);
    expect(await wishes({ gridId: 'huazhongg1' })).toEqual([wishInput.title]);

    ok(await h.call('report', 'demo-resident', 'submitProblem', problemInput));
    const problems = async (q: string) =>
      ok(await h.call('report', 'demo-station', 'stationProblems', { status: 'submitted', q })).items.length;
    expect(await problems('垃圾')).toBe(1);
    expect(await problems('路灯')).toBe(0);
    expect(await problems(problemInput.phone)).toBe(1);

    const orders = ok(await h.call('points', 'demo-station', 'stationOrders', { status: 'placed', q: '不存在的商品' }));
    expect(orders.items).toEqual([]);
    const services = ok(await h.call('points', 'demo-unitleader', 'pendingServices', { q: '不存在的人' }));
    expect(services.items).toEqual([]);
    const backwards = await h.call('points', 'demo-station', 'stationOrders', { from: '2026-11-28', to: '2026-11-01' });
    expect(errorCode(backwards)).toBe('INPUT.INVALID');
  });
});
