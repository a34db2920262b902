import { activityInput, createHarness, ok, type Harness } from '../../support/harness';

/**
 * Issue 12, defect 11: every create action takes the client's request id, so a double tap or a retry
 * answers with the record the first call wrote instead of writing another.
 */
type Case = {
  fn: 'wish' | 'report' | 'points' | 'checkin';
  action: string;
  as: string;
  collection: string;
  data: (h: Harness) => object;
};

const cases: Case[] = [
  {
    fn: 'wish',
    action: 'postWish',
    as: 'demo-resident',
    collection: 'wishes',
    data: () => ({
      title: '帮忙修理水龙头',
      description: '厨房水龙头漏水',
      category: '维修服务',
      unitId: 'huazhongg1u1',
      phone: '13600002222',
    }),
  },
  {
    fn: 'report',
    action: 'submitProblem',
    as: 'demo-resident',
    collection: 'problems',
    data: () => ({
      category: '环境卫生',
      description: '3栋楼下垃圾堆放多日无人清运',
      unitId: 'huazhongg1u1',
      phone: '13600002222',
    }),
  },
  {
    fn: 'points',
    action: 'logService',
    as: 'demo-member',
    collection: 'services',
    data: () => ({ description: '楼道清洁', unitId: 'huazhongg1u1', date: '2026-11-25', hours: 1 }),
  },
  {
    fn: 'checkin',
    action: 'createPost',
    as: 'demo-station',
    collection: 'posts',
    data: () => ({ name: '楼栋长', duty: '联系本楼住户', capacity: 2, startDate: '2026-11-26', endDate: '2026-12-31' }),
  },
  {
    fn: 'checkin',
    action: 'createActivity',
    as: 'demo-station',
    collection: 'activities',
    data: (h) => activityInput(h),
  },
  {
    fn: 'points',
    action: 'saveItem',
    as: 'demo-station',
    collection: 'shopItems',
    data: () => ({ name: '毛巾', description: '纯棉', price: 20, stock: 10, perMemberLimit: 1, active: true }),
  },
];

describe.each(cases)('$fn.$action', ({ fn, action, as, collection, data }) => {
  test('30 identical requests at once write one record, and all answer with it', async () => {
    const h = createHarness();
    const before = h.store.dump(collection).length;
    const input = { ...data(h), requestId: 'req-0001-abcdef' };
    const answers = await Promise.all(Array.from({ length: 30 }, () => h.call(fn, as, action, input)));
    const ids = new Set(answers.map((a) => JSON.stringify(Object.values(ok(a))[0]).match(/"id":"([^"]+)"/)?.[1]));
    expect(ids.size).toBe(1);
    expect(h.store.dump(collection).length).toBe(before + 1);
  });

  test('without a request id, or with another one, each request is its own', async () => {
    const h = createHarness();
    const before = h.store.dump(collection).length;
    ok(await h.call(fn, as, action, data(h)));
    ok(await h.call(fn, as, action, data(h)));
    ok(await h.call(fn, as, action, { ...data(h), requestId: 'req-0002-abcdef' }));
    expect(h.store.dump(collection).length).toBe(before + 3);
  });
});
