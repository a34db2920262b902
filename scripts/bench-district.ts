import { performance } from 'node:perf_hooks';
import type { EnrolmentDoc } from '../cloudfunctions/checkin/checkin.documents';
import { communityToken } from '../cloudfunctions/core/runtime/codes';
import type { GrantDoc, PersonDoc } from '../cloudfunctions/core/runtime/identity';
import type { Main } from '../cloudfunctions/core/runtime/router';
import type { Runtime } from '../cloudfunctions/core/runtime/runtime';
import type { Store } from '../cloudfunctions/core/store/store.port';
import { functions, type FunctionName } from '../cloudfunctions/deployed';
import type { AccountDoc, LedgerDoc } from '../cloudfunctions/points/points.documents';
import type { ProblemDoc, WhistleDoc } from '../cloudfunctions/whistle/whistle.documents';
import type { WishDoc } from '../cloudfunctions/wish/wish.documents';
import { buildTree, DISTRICT_ID, type Seeder } from '../local/demo-data';
import { CLOSE_CONFIRMATION } from '../shared/src/org/account.contract';
import { policyVersion } from '../shared/src/org/policy';

/**
 * The bench's district and its cases, for any store: seeded at a chosen size, then each feature's
 * actions in an order where one case leaves what the next needs (the reports it reviews, the wishes it
 * confirms). `npm run bench` runs them on SQLite counting store operations, and over the CloudBase
 * adapter with a round-trip time (scripts/bench-rtt.ts).
 */
export type Sizes = { people: number; wishes: number; ledgerEach: number; reports: number; due: number };

/** The district-sized store of the SQLite bench. */
export const districtSizes: Sizes = { people: 20_000, wishes: 50_000, ledgerEach: 25, reports: 100_000, due: 5_000 };

export type BenchStore = Store & Seeder;

export type District = {
  runtime: Runtime & { store: BenchStore };
  store: BenchStore;
  mains: Record<FunctionName, Main>;
  /** Rounds of each case: per-round data (the i-th wish, the i-th order) is prepared for this many. */
  rounds: number;
  sizes: Sizes;
};

export function makeDistrict(runtime: Runtime & { store: BenchStore }, rounds: number, sizes: Sizes): District {
  const mains = Object.fromEntries(Object.entries(functions).map(([n, f]) => [n, f(() => runtime)])) as Record<
    FunctionName,
    Main
  >;
  return { runtime, store: runtime.store, mains, rounds, sizes };
}

export type Case = {
  name: string;
  fn: FunctionName;
  action: string;
  as: (i: number) => string;
  data: (i: number) => unknown;
  /** Unmeasured setup run once before the rounds (the orders a case then cancels). */
  before?: () => Promise<void>;
  /** What a successful round answered, for a later case to act on. */
  then?: (data: any, i: number) => void;
};

/** A setup call that must succeed. */
export async function call(d: District, fn: FunctionName, action: string, openid: string, data: unknown): Promise<any> {
  const res = await d.mains[fn]({ action, data }, { OPENID: openid });
  if (!res.ok) throw new Error(`${action}: ${JSON.stringify(res.error)}`);
  return res.data;
}

/** One round of a case through `main`, timed; a successful answer goes to the case's `then`. */
export async function runRound(d: District, c: Case, i: number) {
  const data = c.data(i);
  const openid = c.as(i);
  const t0 = performance.now();
  const response = await d.mains[c.fn]({ action: c.action, data }, { OPENID: openid });
  const ms = performance.now() - t0;
  if (response.ok) c.then?.(response.data, i);
  return { response, ms };
}

/** The q-quantile of some timings (0.5: the median). */
export function quantile(xs: number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

export type Seeded = { tree: ReturnType<typeof buildTree>; pendingInC1: string[]; membersOfC1: string[] };

const pad = (i: number, n = 6) => String(i).padStart(n, '0');
const phoneOf = (n: number) => `139${pad(n, 8)}`;

/** The tree (10 communities × 10 grids × 30 units), `people` people (a quarter pending), and the admins. */
export function seedPeople(d: District): Seeded {
  const communities = Array.from({ length: 10 }, (_, i) => ({ id: `c${i + 1}`, name: `社区${i + 1}` }));
  const tree = buildTree({ gridsPerCommunity: 10, unitsPerGrid: 30 }, communities);
  const { store } = d;
  store.insertMany('districts', [tree.district]);
  store.insertMany('communities', tree.communities);
  store.insertMany('grids', tree.grids);
  store.insertMany('units', tree.units);
  store.insertMany('orgs', tree.orgs);
  const people: PersonDoc[] = [];
  const reports: EnrolmentDoc[] = [];
  const grants: GrantDoc[] = [];
  const base = Date.parse('2026-01-01T00:00:00Z');
  for (let i = 0; i < d.sizes.people; i++) {
    const unit = tree.units[i % tree.units.length]!;
    const openid = `p${i}`;
    const status = i % 4 === 0 ? 'pending' : 'approved';
    const at = new Date(base + i * 60_000).toISOString();
    people.push({
      _id: openid,
      name: `党员${i}`,
      phone: phoneOf(i),
      communityId: status === 'approved' ? unit.communityId : null,
      orgId: `org${(i % 10) + 1}`,
      unitId: unit._id,
      createdAt: at,
    });
    reports.push({
      _id: `${unit.communityId}~${openid}`,
      openid,
      status,
      name: `党员${i}`,
      phone: phoneOf(i),
      districtId: DISTRICT_ID,
      communityId: unit.communityId,
      gridId: unit.gridId,
      unitId: unit._id,
      orgId: `org${(i % 10) + 1}`,
      submittedAt: at,
      reviewedAt: null,
      reviewedBy: null,
      reason: null,
      history: [],
    });
    if (status === 'approved')
      grants.push({
        _id: `${openid}~member`,
        openid,
        role: 'member',
        scope: 'community',
        scopeId: unit.communityId,
        grantedBy: 'seed',
        at,
      });
  }
  const admin = (openid: string, role: GrantDoc['role'], scope: GrantDoc['scope'], scopeId: string): GrantDoc => ({
    _id: `${openid}~${role}`,
    openid,
    role,
    scope,
    scopeId,
    grantedBy: 'seed',
    at: '',
  });
  grants.push(
    admin('station', 'stationAdmin', 'community', 'c1'),
    admin('orgadmin', 'orgAdmin', 'org', 'org1'),
    admin('leader', 'unitLeader', 'unit', 'c1g1u1'),
    admin('district', 'districtAdmin', 'district', DISTRICT_ID),
  );
  store.insertMany('people', people);
  store.insertMany('reports', reports);
  store.insertMany('grants', grants);
  return {
    tree,
    pendingInC1: reports.filter((r) => r.status === 'pending' && r.communityId === 'c1').map((r) => r._id),
    membersOfC1: grants.filter((g) => g.role === 'member' && g.scopeId === 'c1').map((g) => g.openid),
  };
}

const memberOf = (s: Seeded) => (i: number) => s.membersOfC1[i % s.membersOfC1.length] as string;

/** org, 报到, posts and activities (creates the post and the activity the cases use). */
export async function peopleCases(d: District, s: Seeded, secret: string): Promise<Case[]> {
  const token = communityToken(secret, 'c1');
  const member = memberOf(s);
  const now = Date.now();
  const post = await call(d, 'checkin', 'createPost', 'station', {
    name: '楼道文明劝导员',
    duty: '每周巡查楼道',
    capacity: 500,
    startDate: '2026-01-01',
    endDate: '2099-12-31',
  });
  const activity = await call(d, 'checkin', 'createActivity', 'station', {
    title: '主题党日',
    place: '党群服务中心',
    capacity: 2000,
    startAt: new Date(now).toISOString(),
    endAt: new Date(now + 3 * 3600_000).toISOString(),
  });
  const activityId = activity.activity.id as string;
  const fixed = (await call(d, 'checkin', 'activityCode', 'station', { activityId, mode: 'fixed' })).token;
  const created: string[] = [];
  return [
    { name: 'org.me', fn: 'org', action: 'me', as: (i) => `p${i}`, data: () => ({}) },
    // The home page's counts: a member's, and a station admin's (the most counts).
    { name: 'org.todo', fn: 'org', action: 'todo', as: (i) => `p${i}`, data: () => ({}) },
    { name: 'org.todo (station)', fn: 'org', action: 'todo', as: () => 'station', data: () => ({}) },
    { name: 'org.settings', fn: 'org', action: 'settings', as: () => 'station', data: () => ({}) },
    {
      name: 'org.saveSettings',
      fn: 'org',
      action: 'saveSettings',
      as: () => 'station',
      data: (i) => ({ values: { wishClaimDays: 5 + (i % 5) } }),
    },
    { name: 'org.calendar', fn: 'org', action: 'calendar', as: () => 'district', data: () => ({}) },
    {
      name: 'org.saveCalendarYear',
      fn: 'org',
      action: 'saveCalendarYear',
      as: () => 'district',
      data: () => ({
        year: 2027,
        holidays: '2027-01-01\n2027-02-06~2027-02-13',
        workdays: '2027-02-14',
        source: '测试通知',
      }),
    },
    // People and roles (issue 15): the lists, a search, a grant, an invitation code.
    {
      name: 'org.roleHolders',
      fn: 'org',
      action: 'roleHolders',
      as: () => 'district',
      data: () => ({ role: 'stationAdmin' }),
    },
    { name: 'org.findPeople', fn: 'org', action: 'findPeople', as: () => 'district', data: (i) => ({ q: `党员${i}` }) },
    {
      name: 'org.grantRole',
      fn: 'org',
      action: 'grantRole',
      as: () => 'station',
      data: (i) => ({ openid: member(i), role: 'unitLeader', scopeId: `c1g1u${(i % 30) + 1}` }),
    },
    {
      name: 'org.createInvite',
      fn: 'org',
      action: 'createInvite',
      as: () => 'station',
      data: (i) => ({ requestId: `bench-invite-${i}-${now}`, role: 'gridSecretary', scopeId: 'c1g2', days: 7 }),
    },
    { name: 'org.invites', fn: 'org', action: 'invites', as: () => 'station', data: () => ({}) },
    // 结对共建: a notice opens a pairing for every organisation of the district.
    {
      name: 'org.issuePairingNotice',
      fn: 'org',
      action: 'issuePairingNotice',
      as: () => 'district',
      data: (i) => ({ requestId: `bench-notice-${i}-${now}`, title: '结对共建通知', date: '2026-11-26' }),
    },
    { name: 'org.pairingNotices', fn: 'org', action: 'pairingNotices', as: () => 'district', data: () => ({}) },
    { name: 'org.pairings (org)', fn: 'org', action: 'pairings', as: () => 'orgadmin', data: () => ({}) },
    // 统计看板: counters only (the caller, the communities, every counter by id at once).
    { name: 'org.dashboard (station)', fn: 'org', action: 'dashboard', as: () => 'station', data: () => ({}) },
    { name: 'org.dashboard (district)', fn: 'org', action: 'dashboard', as: () => 'district', data: () => ({}) },
    { name: 'org.orgDashboard', fn: 'org', action: 'orgDashboard', as: () => 'orgadmin', data: () => ({}) },
    {
      name: 'org.places',
      fn: 'org',
      action: 'places',
      as: (i) => `p${i}`,
      data: (i) => ({ communityId: 'c1', gridId: `c1g${(i % 10) + 1}` }),
    },
    // A person's own data (issue 15, part 7): consent, 我的数据 of a member with points, 注销 of a resident who
    // agreed and reported a problem (a long operation by its nature: every record of theirs, resumable).
    { name: 'org.consentState', fn: 'org', action: 'consentState', as: (i) => `p${i}`, data: () => ({}) },
    {
      name: 'org.consent',
      fn: 'org',
      action: 'consent',
      as: (i) => `fresh${i}`,
      data: () => ({ version: policyVersion }),
    },
    { name: 'org.myData', fn: 'org', action: 'myData', as: (i) => `p${i}`, data: () => ({}) },
    {
      name: 'org.closeAccount',
      fn: 'org',
      action: 'closeAccount',
      as: (i) => `leaver${i}`,
      data: () => ({ confirm: CLOSE_CONFIRMATION }),
      before: async () => {
        for (let i = 0; i < d.rounds; i++) {
          await call(d, 'org', 'consent', `leaver${i}`, { version: policyVersion });
          await call(d, 'report', 'submitProblem', `leaver${i}`, {
            category: '环境卫生',
            description: '楼下垃圾桶满了没人清运',
            unitId: 'c1g1u1',
            phone: '13900000000',
          });
        }
      },
    },
    { name: 'checkin.communityCode', fn: 'checkin', action: 'communityCode', as: () => 'station', data: () => ({}) },
    { name: 'checkin.reportForm', fn: 'checkin', action: 'reportForm', as: (i) => `new${i}`, data: () => ({ token }) },
    {
      name: 'checkin.gridUnits',
      fn: 'checkin',
      action: 'gridUnits',
      as: (i) => `new${i}`,
      data: (i) => ({ token, gridId: `c1g${(i % 10) + 1}` }),
    },
    {
      name: 'checkin.submitReport',
      fn: 'checkin',
      action: 'submitReport',
      as: (i) => `new${i}`,
      data: (i) => ({ token, name: '测试党员', phone: '13900000000', orgId: 'org1', unitId: `c1g1u${(i % 30) + 1}` }),
    },
    {
      name: 'checkin.submitReport (repeat)',
      fn: 'checkin',
      action: 'submitReport',
      as: (i) => `new${i}`,
      data: (i) => ({ token, name: '测试党员', phone: '13900000000', orgId: 'org1', unitId: `c1g1u${(i % 30) + 1}` }),
    },
    { name: 'checkin.myReports', fn: 'checkin', action: 'myReports', as: (i) => `p${i * 7}`, data: () => ({}) },
    {
      name: 'checkin.listReports',
      fn: 'checkin',
      action: 'listReports',
      as: () => 'station',
      data: () => ({ status: 'pending', limit: 20 }),
    },
    {
      // A name typed into the filter: matched as the list is read (at most 1,000 a page).
      name: 'checkin.listReports (filter)',
      fn: 'checkin',
      action: 'listReports',
      as: () => 'station',
      data: (i) => ({ status: 'pending', q: `党员${i}`, limit: 20 }),
    },
    {
      name: 'checkin.reviewReport',
      fn: 'checkin',
      action: 'reviewReport',
      as: () => 'station',
      data: (i) => ({ reportId: s.pendingInC1[i % s.pendingInC1.length], decision: 'approve' }),
    },
    {
      name: 'checkin.orgReceipts',
      fn: 'checkin',
      action: 'orgReceipts',
      as: () => 'orgadmin',
      data: () => ({ limit: 20 }),
    },
    {
      name: 'checkin.createPost',
      fn: 'checkin',
      action: 'createPost',
      as: () => 'station',
      data: (i) => ({ name: `岗位${i}`, duty: '巡查', capacity: 5, startDate: '2026-01-01', endDate: '2099-12-31' }),
    },
    { name: 'checkin.listPosts', fn: 'checkin', action: 'listPosts', as: member, data: () => ({ limit: 20 }) },
    {
      name: 'checkin.claimPost',
      fn: 'checkin',
      action: 'claimPost',
      as: member,
      data: () => ({ postId: post.post.id }),
    },
    {
      name: 'checkin.releasePost',
      fn: 'checkin',
      action: 'releasePost',
      as: member,
      data: () => ({ postId: post.post.id }),
    },
    {
      name: 'checkin.listActivities',
      fn: 'checkin',
      action: 'listActivities',
      as: member,
      data: () => ({ limit: 20 }),
    },
    {
      name: 'checkin.createActivity',
      fn: 'checkin',
      action: 'createActivity',
      as: () => 'station',
      data: (i) => ({
        title: `志愿活动${i}`,
        place: '党群服务中心',
        capacity: 50,
        startAt: new Date(now + 86400_000).toISOString(),
        endAt: new Date(now + 86400_000 + 7200_000).toISOString(),
      }),
      then: (data) => created.push(data.activity.id),
    },
    {
      name: 'checkin.activityDetail',
      fn: 'checkin',
      action: 'activityDetail',
      as: member,
      data: () => ({ activityId }),
    },
    { name: 'checkin.signUp', fn: 'checkin', action: 'signUp', as: member, data: () => ({ activityId }) },
    {
      name: 'checkin.activityCode',
      fn: 'checkin',
      action: 'activityCode',
      as: () => 'station',
      data: () => ({ activityId }),
    },
    {
      name: 'checkin.activityByCode',
      fn: 'checkin',
      action: 'activityByCode',
      as: member,
      data: () => ({ token: fixed }),
    },
    { name: 'checkin.checkIn', fn: 'checkin', action: 'checkIn', as: member, data: () => ({ token: fixed }) },
    { name: 'checkin.checkOut', fn: 'checkin', action: 'checkOut', as: member, data: () => ({ token: fixed }) },
    {
      name: 'checkin.correctCheckOut',
      fn: 'checkin',
      action: 'correctCheckOut',
      as: () => 'station',
      data: (i) => ({
        attendanceId: `${activityId}~${member(i)}`,
        checkOutAt: new Date().toISOString(),
        note: '忘记签退',
      }),
    },
    {
      name: 'checkin.activityAttendance',
      fn: 'checkin',
      action: 'activityAttendance',
      as: () => 'station',
      data: () => ({ activityId, limit: 20 }),
    },
    { name: 'checkin.myService', fn: 'checkin', action: 'myService', as: member, data: () => ({ limit: 20 }) },
    {
      name: 'checkin.orgHalfYear',
      fn: 'checkin',
      action: 'orgHalfYear',
      as: () => 'orgadmin',
      data: () => ({ limit: 20 }),
    },
    {
      name: 'checkin.closeActivity',
      fn: 'checkin',
      action: 'closeActivity',
      as: () => 'station',
      data: (i) => ({ activityId: created[i] }),
    },
  ];
}

export type SeededWishes = {
  openInC1: string[];
  claimedInC1: string[];
  owner: Map<string, string>;
};

/** `wishes` wishes across the district: six in ten open, some claimed, confirmed, waiting for review. */
export function seedWishes(d: District, s: Seeded): SeededWishes {
  const statuses = [
    'open',
    'open',
    'open',
    'open',
    'open',
    'open',
    'confirmed',
    'confirmed',
    'pending_review',
    'claimed',
  ] as const;
  const base = Date.parse('2026-06-01T00:00:00Z');
  const docs: WishDoc[] = [];
  for (let i = 0; i < d.sizes.wishes; i++) {
    const unit = s.tree.units[i % s.tree.units.length]!;
    const status = statuses[i % statuses.length]!;
    const at = new Date(base + i * 60_000).toISOString();
    docs.push({
      _id: `w${i}`,
      districtId: DISTRICT_ID,
      communityId: unit.communityId,
      gridId: unit.gridId,
      unitId: unit._id,
      openid: `r${i % 5000}`,
      residentName: '居民',
      residentPhone: '13900000000',
      title: `心愿${i}`,
      description: '需要帮助的事情',
      category: '生活帮扶',
      points: 10,
      status,
      reason: null,
      claimedBy: status === 'claimed' || status === 'confirmed' ? `claimer${i % 2000}` : null,
      claimedAt: status === 'claimed' || status === 'confirmed' ? at : null,
      claimExpiresAt: status === 'claimed' ? new Date(base + i * 60_000 + 7 * 86400_000).toISOString() : null,
      fulfilledAt: null,
      fulfilNote: null,
      photo: null,
      fulfilPhoto: null,
      confirmedBy: null,
      confirmedAt: null,
      thanks: null,
      createdAt: at,
      history: [],
    });
  }
  d.store.insertMany('wishes', docs);
  const inC1 = (status: WishDoc['status']) =>
    docs.filter((w) => w.status === status && w.communityId === 'c1').map((w) => w._id);
  return {
    openInC1: inC1('open'),
    claimedInC1: inC1('claimed'),
    owner: new Map(docs.map((w) => [w._id, w.openid])),
  };
}

/** The wish actions: a resident posts, the station reviews, members claim, fulfil, give up; residents confirm, thank. */
export function wishCases(d: District, s: Seeded, w: SeededWishes): Case[] {
  const member = memberOf(s);
  const posted: string[] = [];
  const claimed: string[] = [];
  // The wishes given up are claimed first (unmeasured), past the ones the claim case takes.
  const givenUp = (i: number) => w.openInC1[d.rounds + i] as string;
  const ownerOf = (i: number) => w.owner.get(claimed[i] as string) as string;
  return [
    {
      name: 'wish.postWish',
      fn: 'wish',
      action: 'postWish',
      as: (i) => `r${i}`,
      data: (i) => ({
        title: '帮忙修水龙头',
        description: '厨房水龙头滴水',
        category: '维修服务',
        unitId: `c1g1u${(i % 30) + 1}`,
        phone: '13600001111',
      }),
      then: (data, i) => (posted[i] = data.wish.id),
    },
    { name: 'wish.myWishes', fn: 'wish', action: 'myWishes', as: (i) => `r${i}`, data: () => ({ limit: 20 }) },
    { name: 'wish.browseWishes', fn: 'wish', action: 'browseWishes', as: member, data: () => ({ limit: 20 }) },
    {
      name: 'wish.browseWishes (category)',
      fn: 'wish',
      action: 'browseWishes',
      as: member,
      data: () => ({ category: '生活帮扶', limit: 20 }),
    },
    {
      name: 'wish.reviewWish',
      fn: 'wish',
      action: 'reviewWish',
      as: () => 'station',
      data: (i) => ({ wishId: posted[i], decision: 'approve' }),
    },
    {
      name: 'wish.cancelWish',
      fn: 'wish',
      action: 'cancelWish',
      as: (i) => `r${i}`,
      data: (i) => ({ wishId: posted[i] }),
    },
    {
      name: 'wish.claimWish',
      fn: 'wish',
      action: 'claimWish',
      as: (i) => member(i),
      data: (i) => (claimed.push(w.openInC1[i]!), { wishId: w.openInC1[i] }),
    },
    { name: 'wish.myClaims', fn: 'wish', action: 'myClaims', as: member, data: () => ({ limit: 20 }) },
    {
      name: 'wish.fulfilWish',
      fn: 'wish',
      action: 'fulfilWish',
      as: (i) => member(i),
      data: (i) => ({ wishId: claimed[i], note: '已完成' }),
    },
    {
      name: 'wish.giveUpWish',
      fn: 'wish',
      action: 'giveUpWish',
      as: (i) => member(i),
      data: (i) => ({ wishId: givenUp(i) }),
      before: async () => {
        for (let i = 0; i < d.rounds; i++) await call(d, 'wish', 'claimWish', member(i), { wishId: givenUp(i) });
      },
    },
    {
      name: 'wish.confirmWish',
      fn: 'wish',
      action: 'confirmWish',
      as: ownerOf,
      data: (i) => ({ wishId: claimed[i], fulfilled: true }),
    },
    {
      name: 'wish.thankWish',
      fn: 'wish',
      action: 'thankWish',
      as: ownerOf,
      data: (i) => ({ wishId: claimed[i], thanks: '谢谢党员同志' }),
    },
    {
      name: 'wish.releaseClaim',
      fn: 'wish',
      action: 'releaseClaim',
      as: () => 'station',
      data: (i) => ({ wishId: w.claimedInC1[i], reason: '长期未完成' }),
    },
    {
      name: 'wish.listWishes',
      fn: 'wish',
      action: 'listWishes',
      as: () => 'station',
      data: () => ({ status: 'open', limit: 20 }),
    },
    { name: 'wish.unitWishes', fn: 'wish', action: 'unitWishes', as: () => 'leader', data: () => ({ limit: 20 }) },
  ];
}

/** `ledgerEach` ledger entries and an account for every person (all in c1's shop). */
export function seedLedger(d: District): void {
  const each = d.sizes.ledgerEach;
  const ledger: LedgerDoc[] = [];
  const accounts: AccountDoc[] = [];
  for (let m = 0; m < d.sizes.people; m++) {
    let balance = 0;
    for (let k = 1; k <= each; k++) {
      const amount = k % 5 === 0 ? -10 : 10;
      balance += amount;
      ledger.push({
        _id: `seed~${m}~${k}`,
        openid: `p${m}`,
        communityId: 'c1',
        kind: amount > 0 ? 'credit' : 'redeem',
        amount,
        reason: '服务',
        ref: 'seed',
        at: new Date(Date.parse('2026-01-01T00:00:00Z') + k * 86400_000).toISOString(),
        by: 'seed',
        balanceAfter: balance,
        seq: k,
      });
    }
    accounts.push({ _id: `p${m}`, communityId: 'c1', balance, seq: each, updatedAt: '' });
    if (ledger.length >= 100_000) d.store.insertMany('ledger', ledger.splice(0));
  }
  d.store.insertMany('ledger', ledger);
  d.store.insertMany('accounts', accounts);
}

/** The points actions: services logged and confirmed, the shop, orders placed, cancelled, handed over, corrections. */
export async function pointsCases(d: District, s: Seeded): Promise<Case[]> {
  const member = memberOf(s);
  await call(d, 'points', 'pointsSettings', 'station', {});
  const item = await call(d, 'points', 'saveItem', 'station', {
    name: '洗衣液',
    price: 10,
    stock: 100000,
    perMemberLimit: 100,
  });
  const itemId = item.item.id as string;
  const logged: string[] = [];
  const codes: string[] = [];
  const toCancel: string[] = [];
  return [
    {
      name: 'points.logService',
      fn: 'points',
      action: 'logService',
      as: member,
      data: () => ({ description: '楼道清洁', unitId: 'c1g1u1', date: '2026-11-25', hours: 1 }),
    },
    {
      name: 'points.pendingServices',
      fn: 'points',
      action: 'pendingServices',
      as: () => 'leader',
      data: () => ({ limit: 50 }),
    },
    {
      name: 'points.reviewServices (1)',
      fn: 'points',
      action: 'reviewServices',
      as: () => 'leader',
      data: (i) => ({ serviceIds: [logged[i]], decision: 'confirm' }),
      before: async () => {
        const page = await d.store.find<{ _id: string } & Record<string, unknown>>('services', {
          where: { unitId: 'c1g1u1', status: 'pending' },
          orderBy: [['at', 'asc']],
          limit: 1000,
        });
        logged.push(...page.items.map((x) => x._id));
      },
    },
    { name: 'points.myServices', fn: 'points', action: 'myServices', as: member, data: () => ({ limit: 20 }) },
    { name: 'points.myPoints', fn: 'points', action: 'myPoints', as: member, data: () => ({ limit: 20 }) },
    { name: 'points.listItems', fn: 'points', action: 'listItems', as: member, data: () => ({ limit: 20 }) },
    {
      name: 'points.saveItem',
      fn: 'points',
      action: 'saveItem',
      as: () => 'station',
      data: (i) => ({ name: `商品${i}`, price: 10, stock: 10 }),
    },
    {
      name: 'points.redeem',
      fn: 'points',
      action: 'redeem',
      as: member,
      data: (i) => ({ itemId, requestId: `bench-${pad(i)}` }),
    },
    { name: 'points.myOrders', fn: 'points', action: 'myOrders', as: member, data: () => ({ limit: 20 }) },
    {
      name: 'points.cancelOrder',
      fn: 'points',
      action: 'cancelOrder',
      as: member,
      data: (i) => ({ orderId: toCancel[i] }),
      before: async () => {
        for (let i = 0; i < d.rounds; i++)
          toCancel.push(
            (await call(d, 'points', 'redeem', member(i), { itemId, requestId: `cancel-${pad(i)}` })).order.id,
          );
      },
    },
    {
      name: 'points.stationOrders',
      fn: 'points',
      action: 'stationOrders',
      as: () => 'station',
      data: () => ({ limit: 20 }),
    },
    {
      name: 'points.handOver',
      fn: 'points',
      action: 'handOver',
      as: () => 'station',
      data: (i) => ({ pickupCode: codes[i] }),
      before: async () => {
        const page = await d.store.find<{ _id: string; pickupCode: string } & Record<string, unknown>>('orders', {
          where: { communityId: 'c1', status: 'placed' },
          orderBy: [['createdAt', 'desc']],
          limit: 1000,
        });
        codes.push(...page.items.map((o) => o.pickupCode));
      },
    },
    {
      name: 'points.reverseEntry',
      fn: 'points',
      action: 'reverseEntry',
      as: () => 'station',
      data: (i) => ({ entryId: `seed~${member(i).slice(1)}~1`, reason: '重复记分' }),
    },
    {
      name: 'points.memberEntries',
      fn: 'points',
      action: 'memberEntries',
      as: () => 'station',
      data: (i) => ({ phone: phoneOf(Number(member(i).slice(1))), limit: 20 }),
    },
    { name: 'points.pointsSettings', fn: 'points', action: 'pointsSettings', as: () => 'station', data: () => ({}) },
  ];
}

export type SeededReports = { dept1InC1: string[]; owner: Map<string, string> };

/**
 * `reports` problems, each whistled to one of six departments (lead), `due` of them past their deadline
 * and reminder time, the rest due next week; `dep` is department 1's staff.
 */
export function seedReports(d: District, s: Seeded): SeededReports {
  const { reports, due } = d.sizes;
  d.store.insertMany(
    'departments',
    Array.from({ length: 6 }, (_, i) => ({ _id: `dept${i + 1}`, name: `部门${i + 1}`, districtId: DISTRICT_ID })),
  );
  d.store.insertMany('grants', [
    {
      _id: 'dep~department',
      openid: 'dep',
      role: 'department',
      scope: 'department',
      scopeId: 'dept1',
      grantedBy: 'bench',
      at: '',
    },
  ]);
  const now = Date.now();
  const problems: ProblemDoc[] = [];
  const whistles: WhistleDoc[] = [];
  for (let i = 0; i < reports; i++) {
    const unit = s.tree.units[i % s.tree.units.length]!;
    const created = new Date(now - (reports - i) * 60_000).toISOString();
    problems.push({
      _id: `pr${i}`,
      districtId: DISTRICT_ID,
      communityId: unit.communityId,
      gridId: unit.gridId,
      unitId: unit._id,
      openid: `r${i % 5000}`,
      reporterName: null,
      reporterPhone: '13600000000',
      category: '环境卫生',
      description: '楼下垃圾堆放',
      photos: [],
      status: 'whistled',
      open: true,
      shareIdentity: false,
      mergedInto: null,
      meToo: 0,
      round: 1,
      result: null,
      resultPhotos: [],
      rating: null,
      ratingComment: null,
      createdAt: created,
      history: [],
    });
    const deadline = i < due ? now - 3600_000 : now + 7 * 86400_000;
    whistles.push({
      _id: `pr${i}~dept${(i % 6) + 1}~1`,
      problemId: `pr${i}`,
      departmentId: `dept${(i % 6) + 1}`,
      communityId: unit.communityId,
      districtId: DISTRICT_ID,
      lead: true,
      round: 1,
      whistledAt: created,
      deadlineAt: new Date(deadline).toISOString(),
      remindAt: new Date(deadline - 12 * 3600_000).toISOString(),
      open: true,
      reminded: false,
      overdue: false,
      acknowledgedAt: null,
      respondedAt: null,
    });
  }
  d.store.insertMany('problems', problems);
  d.store.insertMany('whistles', whistles);
  return {
    // Department 1's whistles not yet due, in the station's community: acknowledged, answered, confirmed, rated.
    dept1InC1: whistles
      .filter((w, i) => i >= due && w.departmentId === 'dept1' && w.communityId === 'c1')
      .map((w) => w.problemId),
    owner: new Map(problems.map((p) => [p._id, p.openid])),
  };
}

/** The 吹哨 actions: a problem reported, triaged, whistled, returned, answered in the station; a whistle answered, confirmed, rated. */
export function reportCases(d: District, r: SeededReports): Case[] {
  const submitted: string[] = [];
  const q = (i: number) => r.dept1InC1[i] as string;
  const month = new Date().toISOString().slice(0, 7);
  return [
    { name: 'report.uploadSlot', fn: 'report', action: 'uploadSlot', as: (i) => `r${i}`, data: () => ({}) },
    {
      name: 'report.submitProblem',
      fn: 'report',
      action: 'submitProblem',
      as: (i) => `r${i}`,
      data: (i) => ({
        category: '环境卫生',
        description: '楼下垃圾堆放多日',
        unitId: `c1g1u${(i % 30) + 1}`,
        phone: '13600002222',
      }),
      then: (data, i) => (submitted[i] = data.problem.id),
    },
    {
      name: 'report.meToo',
      fn: 'report',
      action: 'meToo',
      as: (i) => `neighbour${i}`,
      data: (i) => ({ problemId: submitted[i] }),
    },
    { name: 'report.myProblems', fn: 'report', action: 'myProblems', as: (i) => `r${i}`, data: () => ({ limit: 20 }) },
    {
      name: 'report.stationProblems',
      fn: 'report',
      action: 'stationProblems',
      as: () => 'station',
      data: () => ({ status: 'whistled', limit: 20 }),
    },
    {
      name: 'report.departmentWhistles',
      fn: 'report',
      action: 'departmentWhistles',
      as: () => 'dep',
      data: () => ({ limit: 20 }),
    },
    {
      name: 'report.triage',
      fn: 'report',
      action: 'triage',
      as: () => 'station',
      data: (i) => ({ problemId: submitted[i], action: 'whistle', departments: ['dept1'], leadDepartment: 'dept1' }),
    },
    {
      name: 'report.notOurs',
      fn: 'report',
      action: 'notOurs',
      as: () => 'dep',
      data: (i) => ({ problemId: submitted[i], belongsTo: '供电公司' }),
    },
    {
      name: 'report.stationRespond',
      fn: 'report',
      action: 'stationRespond',
      as: () => 'station',
      data: (i) => ({ problemId: submitted[i], result: '已在站内处理' }),
      before: async () => {
        for (let i = 0; i < d.rounds; i++)
          await call(d, 'report', 'triage', 'station', { problemId: submitted[i], action: 'solveInStation' });
      },
    },
    {
      name: 'report.acknowledge',
      fn: 'report',
      action: 'acknowledge',
      as: () => 'dep',
      data: (i) => ({ problemId: q(i) }),
    },
    {
      name: 'report.addProgress',
      fn: 'report',
      action: 'addProgress',
      as: () => 'dep',
      data: (i) => ({ problemId: q(i), note: '已派人处理' }),
    },
    {
      name: 'report.respond',
      fn: 'report',
      action: 'respond',
      as: () => 'dep',
      data: (i) => ({ problemId: q(i), result: '已处理' }),
    },
    {
      name: 'report.confirmResult',
      fn: 'report',
      action: 'confirmResult',
      as: () => 'station',
      data: (i) => ({ problemId: q(i) }),
    },
    {
      name: 'report.rate',
      fn: 'report',
      action: 'rate',
      as: (i) => r.owner.get(q(i)) as string,
      data: (i) => ({ problemId: q(i), satisfied: true }),
    },
    {
      name: 'report.nearbyProblems',
      fn: 'report',
      action: 'nearbyProblems',
      as: (i) => `r${i}`,
      data: (i) => ({ unitId: `c1g1u${(i % 30) + 1}` }),
    },
    {
      name: 'report.problemStats',
      fn: 'report',
      action: 'problemStats',
      as: () => 'district',
      data: () => ({ month }),
    },
    {
      name: 'report.inbox',
      fn: 'report',
      action: 'inbox',
      as: (i) => r.owner.get(q(i)) as string,
      data: () => ({ limit: 20 }),
    },
    {
      name: 'report.readMessages',
      fn: 'report',
      action: 'readMessages',
      as: (i) => r.owner.get(q(i)) as string,
      data: () => ({ all: true }),
    },
  ];
}
