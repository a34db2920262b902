import type { ActivityDoc, EnrolmentDoc, PostDoc } from '../cloudfunctions/checkin/checkin.documents';
import type { GrantDoc, PersonDoc } from '../cloudfunctions/core/runtime/identity';
import type {
  CommunityDoc,
  DepartmentDoc,
  DistrictDoc,
  GridDoc,
  OrgDoc,
  UnitDoc,
} from '../cloudfunctions/org/org.documents';
import type { WishDoc } from '../cloudfunctions/wish/wish.documents';
import type { Role, ScopeKind } from '../shared/src/core/roles';
import { policyVersion } from '../shared/src/org/policy';
import type { Doc } from '../cloudfunctions/core/store/store.port';
import { expectedCounters } from '../cloudfunctions/deployed/stats';

/** What seeding needs: many documents into a collection at once (the SQLite store, or a test's fake CloudBase). */
export type Seeder = { insertMany(collection: string, docs: Doc[]): void };

/**
 * Demo data shaped like the source bulletin: 迎江区 with three communities, their grids and units,
 * district departments, employer organisations, and one demo account for every role.
 */
export const DISTRICT_ID = 'yj';
const SEED_TIME = '2026-11-01T02:00:00.000Z';

export const communities = [
  { id: 'huazhong', name: '华中社区' },
  { id: 'xiaosu', name: '孝肃社区' },
  { id: 'longshi', name: '龙狮社区' },
] as const;

export const orgNames = [
  '区财政局机关党支部',
  '区教育局机关党支部',
  '区卫健委机关党支部',
  '区住建局机关党支部',
  '区城管局机关党支部',
  '区人社局机关党支部',
  '区民政局机关党支部',
  '区税务局机关党支部',
  '区供电公司党支部',
  '区人民医院党支部',
];
export const departmentNames = ['区城管局', '区住建局', '区市场监管局', '区生态环境分局', '区民政局', '区公安分局'];

export type DemoAccount = {
  openid: string;
  name: string;
  title: string;
  grants: Array<{ role: Role; scope: ScopeKind; scopeId: string }>;
};

export const demoAccounts: DemoAccount[] = [
  { openid: 'demo-newmember', name: '李华', title: '在职党员（尚未报到）', grants: [] },
  {
    openid: 'demo-member',
    name: '张明',
    title: '在职党员（已报到华中社区）',
    grants: [{ role: 'member', scope: 'community', scopeId: 'huazhong' }],
  },
  { openid: 'demo-resident', name: '王秀英', title: '居民', grants: [] },
  {
    openid: 'demo-unitleader',
    name: '赵强',
    title: '单元长（华中社区1栋1单元）',
    grants: [{ role: 'unitLeader', scope: 'unit', scopeId: 'huazhongg1u1' }],
  },
  {
    openid: 'demo-grid',
    name: '孙丽',
    title: '网格党支部书记（华中社区第一网格）',
    grants: [{ role: 'gridSecretary', scope: 'grid', scopeId: 'huazhongg1' }],
  },
  {
    openid: 'demo-station',
    name: '陈静',
    title: '社区红领工作站（华中社区）',
    grants: [{ role: 'stationAdmin', scope: 'community', scopeId: 'huazhong' }],
  },
  {
    openid: 'demo-department',
    name: '刘伟',
    title: '职能部门（区城管局）',
    grants: [{ role: 'department', scope: 'department', scopeId: 'dept1' }],
  },
  {
    openid: 'demo-orgadmin',
    name: '周敏',
    title: '报到单位党支部（区财政局）',
    grants: [{ role: 'orgAdmin', scope: 'org', scopeId: 'org1' }],
  },
  {
    openid: 'demo-district',
    name: '吴刚',
    title: '区委组织部',
    grants: [{ role: 'districtAdmin', scope: 'district', scopeId: DISTRICT_ID }],
  },
];

export type TreeSize = { gridsPerCommunity: number; unitsPerGrid: number };

export function buildTree(size: TreeSize, communityList: ReadonlyArray<{ id: string; name: string }> = communities) {
  const district: DistrictDoc = { _id: DISTRICT_ID, name: '迎江区' };
  const cs: CommunityDoc[] = communityList.map((c) => ({ _id: c.id, name: c.name, districtId: DISTRICT_ID }));
  const grids: GridDoc[] = [];
  const units: UnitDoc[] = [];
  const numerals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
  for (const c of cs) {
    for (let g = 1; g <= size.gridsPerCommunity; g++) {
      const gridId = `${c._id}g${g}`;
      grids.push({
        _id: gridId,
        name: `第${numerals[g - 1] ?? g}网格`,
        seq: g,
        communityId: c._id,
        districtId: DISTRICT_ID,
      });
      for (let u = 1; u <= size.unitsPerGrid; u++) {
        const building = Math.ceil(u / 3) + (g - 1) * 10;
        const unitNo = ((u - 1) % 3) + 1;
        units.push({
          _id: `${gridId}u${u}`,
          name: `${String(building).padStart(2, '0')}栋${unitNo}单元`,
          seq: u,
          gridId,
          communityId: c._id,
          districtId: DISTRICT_ID,
        });
      }
    }
  }
  // The 在职党员数 an organisation declared, for the district dashboard's 报到率. Only 区财政局机关党支部 (the demo
  // member's) has declared: the others show the dashboard and the tree page as an organisation that has not yet.
  const declared: Record<string, number> = { org1: 6 };
  const orgs: OrgDoc[] = orgNames.map((name, i) => {
    const id = `org${i + 1}`;
    return { _id: id, name, districtId: DISTRICT_ID, ...(declared[id] !== undefined ? { members: declared[id] } : {}) };
  });
  const departments: DepartmentDoc[] = departmentNames.map((name, i) => ({
    _id: `dept${i + 1}`,
    name,
    districtId: DISTRICT_ID,
  }));
  return { district, communities: cs, grids, units, orgs, departments };
}

/** Where a demo grant's scope sits: every demo account works in 华中社区 of the demo district. */
function demoPlacement(g: DemoAccount['grants'][number]): { districtId: string; communityId: string | null } {
  return { districtId: DISTRICT_ID, communityId: ['community', 'grid', 'unit'].includes(g.scope) ? 'huazhong' : null };
}

function grantDocs(account: DemoAccount): GrantDoc[] {
  return account.grants.map((g) => ({
    _id: `${account.openid}~${g.role}`,
    openid: account.openid,
    ...g,
    grantedBy: 'seed',
    at: SEED_TIME,
    ...demoPlacement(g),
  }));
}

function demoReport(
  openid: string,
  name: string,
  phone: string,
  unit: UnitDoc,
  orgId: string,
  status: 'pending' | 'approved',
  at: string,
): EnrolmentDoc {
  return {
    _id: `${unit.communityId}~${openid}`,
    openid,
    status,
    name,
    phone,
    districtId: DISTRICT_ID,
    communityId: unit.communityId,
    gridId: unit.gridId,
    unitId: unit._id,
    orgId,
    submittedAt: at,
    reviewedAt: status === 'approved' ? at : null,
    reviewedBy: status === 'approved' ? 'demo-station' : null,
    reason: null,
    history: [
      { at, by: openid, from: null, to: 'pending', note: null },
      ...(status === 'approved' ? [{ at, by: 'demo-station', from: 'pending', to: 'approved', note: null }] : []),
    ],
  };
}

/** Posts to claim and an activity under way when the demo starts, so check-in can be tried at once. */
function demoServiceDocs(now: Date): { posts: PostDoc[]; activities: ActivityDoc[] } {
  const at = now.toISOString();
  const year = new Date(now.getTime() + 365 * 86400_000).toISOString().slice(0, 10);
  const post = (id: string, name: string, duty: string, capacity: number, gridId: string | null): PostDoc => ({
    _id: id,
    districtId: DISTRICT_ID,
    communityId: 'huazhong',
    gridId,
    unitId: null,
    name,
    duty,
    capacity,
    taken: 0,
    startDate: at.slice(0, 10),
    endDate: year,
    status: 'open',
    createdBy: 'demo-station',
    createdAt: at,
  });
  const activity: ActivityDoc = {
    _id: 'demoactv01',
    districtId: DISTRICT_ID,
    communityId: 'huazhong',
    gridId: null,
    title: '主题党日·楼道清洁',
    place: '华中社区党群服务中心',
    lat: null,
    lng: null,
    radiusM: null,
    startAt: new Date(now.getTime() - 10 * 60_000).toISOString(),
    endAt: new Date(now.getTime() + 230 * 60_000).toISOString(),
    capacity: 50,
    signed: 0,
    organiser: 'demo-station',
    organiserName: '陈静',
    status: 'open',
    createdAt: at,
    reminded: true,
  };
  return {
    posts: [
      post('demopost01', '楼道文明劝导员', '每周巡查楼道一次，劝导楼道堆物、高空抛物等不文明行为', 3, 'huazhongg1'),
      post('demopost02', '垃圾分类督导员', '早晚投放时段在分类点督导居民正确分类', 5, null),
    ],
    activities: [activity],
  };
}

/** Seeds the demo district into an empty store. */
export function seedDemo(store: Seeder, now: Date = new Date()): void {
  const service = demoServiceDocs(now);
  store.insertMany('shopItems', [
    {
      _id: 'demoitem01',
      communityId: 'huazhong',
      name: '环保购物袋',
      description: '可折叠，结实耐用',
      price: 20,
      stock: 50,
      perMemberLimit: 2,
      active: true,
      createdAt: now.toISOString(),
    },
    {
      _id: 'demoitem02',
      communityId: 'huazhong',
      name: '洗衣液（2kg）',
      description: '社区积分超市兑换',
      price: 80,
      stock: 20,
      perMemberLimit: 1,
      active: true,
      createdAt: now.toISOString(),
    },
  ]);
  store.insertMany('posts', service.posts);
  store.insertMany('activities', service.activities);
  const tree = buildTree({ gridsPerCommunity: 3, unitsPerGrid: 6 });
  store.insertMany('districts', [tree.district]);
  store.insertMany('communities', tree.communities);
  store.insertMany('grids', tree.grids);
  store.insertMany('units', tree.units);
  store.insertMany('orgs', tree.orgs);
  store.insertMany('departments', tree.departments);
  const unit = (id: string) => tree.units.find((u) => u._id === id) as UnitDoc;
  const people: PersonDoc[] = demoAccounts.map((a) => ({
    _id: a.openid,
    name: a.name,
    phone: a.openid === 'demo-member' ? '13805560001' : null,
    communityId: a.grants.some((g) => g.role === 'member') ? 'huazhong' : null,
    orgId: a.openid === 'demo-member' ? 'org1' : null,
    unitId: a.openid === 'demo-member' ? 'huazhongg1u2' : null,
    createdAt: SEED_TIME,
  }));
  const others = [
    {
      openid: 'seed-m1',
      name: '何志强',
      phone: '13905561234',
      unit: 'huazhongg1u3',
      org: 'org1',
      status: 'pending' as const,
      at: '2026-11-20T01:30:00.000Z',
    },
    {
      openid: 'seed-m2',
      name: '林小燕',
      phone: '13705562345',
      unit: 'huazhongg2u1',
      org: 'org2',
      status: 'pending' as const,
      at: '2026-11-21T06:10:00.000Z',
    },
    {
      openid: 'seed-m3',
      name: '黄建国',
      phone: '13605563456',
      unit: 'huazhongg2u4',
      org: 'org1',
      status: 'approved' as const,
      at: '2026-10-12T03:00:00.000Z',
    },
    {
      openid: 'demo-member',
      name: '张明',
      phone: '13805560001',
      unit: 'huazhongg1u2',
      org: 'org1',
      status: 'approved' as const,
      at: '2026-09-03T02:00:00.000Z',
    },
  ];
  const reports = others.map((o) => demoReport(o.openid, o.name, o.phone, unit(o.unit), o.org, o.status, o.at));
  store.insertMany('reports', reports);
  // The dashboards' counters, as the records say (the change step keeps them from here on).
  const seeded: Record<string, Doc[]> = { reports, activities: service.activities };
  store.insertMany('stats', [...expectedCounters((c) => seeded[c] ?? []).values()]);
  for (const o of others.filter((x) => x.status === 'approved' && x.openid.startsWith('seed'))) {
    people.push({
      _id: o.openid,
      name: o.name,
      phone: o.phone,
      communityId: 'huazhong',
      orgId: o.org,
      unitId: o.unit,
      createdAt: o.at,
    });
  }
  store.insertMany('people', people);
  // The demo accounts agreed to the privacy policy in force (a fresh WeChat user meets the consent gate).
  store.insertMany(
    'consents',
    demoAccounts.map((a) => ({ _id: a.openid, version: policyVersion, agreedAt: SEED_TIME })),
  );
  store.insertMany('grants', [
    ...demoAccounts.flatMap(grantDocs),
    ...others
      .filter((o) => o.status === 'approved' && o.openid.startsWith('seed'))
      .map((o) => ({
        _id: `${o.openid}~member`,
        openid: o.openid,
        role: 'member' as const,
        scope: 'community' as const,
        scopeId: 'huazhong',
        grantedBy: 'seed',
        at: o.at,
        districtId: DISTRICT_ID,
        communityId: 'huazhong',
      })),
  ]);
}

/** Wishes for the local demo (not in the test harness, whose wish tests start from none). */
export function seedDemoWishes(store: Seeder, now: Date = new Date()): void {
  const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000).toISOString();
  const wish = (
    id: string,
    title: string,
    description: string,
    category: WishDoc['category'],
    unitId: string,
    status: 'pending_review' | 'open',
    minutesAgo: number,
  ): WishDoc => {
    const [, gridNo] = /^huazhongg(\d+)u/.exec(unitId) ?? [];
    const history: WishDoc['history'] = [
      { at: at(minutesAgo), by: `seed-r-${id}`, from: null, to: 'pending_review', note: null },
    ];
    if (status === 'open')
      history.push({ at: at(minutesAgo - 5), by: 'demo-station', from: 'pending_review', to: 'open', note: null });
    return {
      _id: id,
      districtId: DISTRICT_ID,
      communityId: 'huazhong',
      gridId: `huazhongg${gridNo}`,
      unitId,
      openid: `seed-r-${id}`,
      residentName: '居民',
      residentPhone: '13900005678',
      title,
      description,
      category,
      points: 10,
      status,
      reason: null,
      claimedBy: null,
      claimedAt: null,
      claimExpiresAt: null,
      fulfilledAt: null,
      fulfilNote: null,
      photo: null,
      fulfilPhoto: null,
      confirmedBy: null,
      confirmedAt: null,
      thanks: null,
      createdAt: at(minutesAgo),
      history,
    };
  };
  const wishes = [
    wish(
      'demowish01',
      '陪独居老人去医院复查',
      '下周二上午需要去市立医院复查，行动不便，希望有人陪同',
      '医疗健康',
      'huazhongg1u3',
      'open',
      300,
    ),
    wish(
      'demowish02',
      '辅导孩子初二数学',
      '孩子初二，数学跟不上，希望每周有人辅导一次',
      '学习辅导',
      'huazhongg2u2',
      'open',
      200,
    ),
    wish(
      'demowish03',
      '更换楼道坏掉的灯泡',
      '3楼楼道灯坏了一个月，晚上上下楼不安全',
      '维修服务',
      'huazhongg1u2',
      'pending_review',
      60,
    ),
  ];
  store.insertMany('wishes', wishes);
  store.insertMany('stats', [...expectedCounters((c) => (c === 'wishes' ? wishes : [])).values()]);
}
