import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { functions, type FunctionName } from '../cloudfunctions/deployed';
import { localRuntime } from '../cloudfunctions/core/platform/local.platform';
import { communityToken } from '../cloudfunctions/core/runtime/codes';
import type { EnrolmentDoc } from '../cloudfunctions/checkin/checkin.documents';
import type { GrantDoc, PersonDoc } from '../cloudfunctions/core/runtime/identity';
import { indexes } from '../cloudfunctions/deployed/storage';
import type { AccountDoc, LedgerDoc } from '../cloudfunctions/points/points.documents';
import type { ProblemDoc, WhistleDoc } from '../cloudfunctions/whistle/whistle.documents';
import type { WishDoc } from '../cloudfunctions/wish/wish.documents';
import { whistleDeadlines } from '../cloudfunctions/whistle/whistle-deadlines.job';
import { verifyBalances } from '../cloudfunctions/points/ledger';
import { expireClaims } from '../cloudfunctions/wish/expire-claims.job';
import type { Main } from '../cloudfunctions/core/runtime/router';
import type { AddressInfo } from 'node:net';
import { buildTree, DISTRICT_ID } from '../local/demo-data';
import { createLocalServer } from '../local/server';
import { issueSession } from '../local/session';
import { probeBundle } from './bundle-probe';

/**
 * Figures for the 报到, post and activity actions on a district-sized store (20,000 people, 3,000 units): median and p99
 * time per action through `main`, and store operations per action; then the weapp main-package size.
 * Prints a fixed-width table that is easy to compare between runs. Not a test: no assertions on time.
 */
const PEOPLE = 20_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 300);
const SECRET = 'bench-secret';

let ops = 0;
const runtime = localRuntime({ filename: ':memory:', secret: SECRET, indexes, onOperation: () => void ops++ });
const store = runtime.store;

function seed() {
  const communities = Array.from({ length: 10 }, (_, i) => ({ id: `c${i + 1}`, name: `社区${i + 1}` }));
  const tree = buildTree({ gridsPerCommunity: 10, unitsPerGrid: 30 }, communities);
  store.insertMany('districts', [tree.district]);
  store.insertMany('communities', tree.communities);
  store.insertMany('grids', tree.grids);
  store.insertMany('units', tree.units);
  store.insertMany('orgs', tree.orgs);
  const people: PersonDoc[] = [];
  const reports: EnrolmentDoc[] = [];
  const grants: GrantDoc[] = [];
  const base = Date.parse('2026-01-01T00:00:00Z');
  for (let i = 0; i < PEOPLE; i++) {
    const unit = tree.units[i % tree.units.length]!;
    const openid = `p${i}`;
    const status = i % 4 === 0 ? 'pending' : 'approved';
    const at = new Date(base + i * 60_000).toISOString();
    people.push({
      _id: openid,
      name: `党员${i}`,
      phone: `139${String(i).padStart(8, '0')}`,
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
      phone: `139${String(i).padStart(8, '0')}`,
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
  grants.push({
    _id: 'station~stationAdmin',
    openid: 'station',
    role: 'stationAdmin',
    scope: 'community',
    scopeId: 'c1',
    grantedBy: 'seed',
    at: '',
  });
  grants.push({
    _id: 'orgadmin~orgAdmin',
    openid: 'orgadmin',
    role: 'orgAdmin',
    scope: 'org',
    scopeId: 'org1',
    grantedBy: 'seed',
    at: '',
  });
  store.insertMany('people', people);
  store.insertMany('reports', reports);
  store.insertMany('grants', grants);
  return {
    tree,
    pendingInC1: reports.filter((r) => r.status === 'pending' && r.communityId === 'c1').map((r) => r._id),
    membersOfC1: grants.filter((g) => g.role === 'member' && g.scopeId === 'c1').map((g) => g.openid),
  };
}

const mains = Object.fromEntries(Object.entries(functions).map(([n, f]) => [n, f(() => runtime)])) as Record<
  FunctionName,
  Main
>;

async function call(fn: FunctionName, action: string, openid: string, data: unknown): Promise<any> {
  const res = await mains[fn]({ action, data }, { OPENID: openid });
  if (!res.ok) throw new Error(`${action}: ${JSON.stringify(res.error)}`);
  return res.data;
}

type Case = { name: string; fn: FunctionName; action: string; as: (i: number) => string; data: (i: number) => unknown };

async function measure(c: Case) {
  const times: number[] = [];
  let opsTotal = 0;
  let errors = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const before = ops;
    const t0 = performance.now();
    const res = await mains[c.fn]({ action: c.action, data: c.data(i) }, { OPENID: c.as(i) });
    times.push(performance.now() - t0);
    opsTotal += ops - before;
    if (!res.ok) errors++;
  }
  return { median: quantile(times, 0.5), p99: quantile(times, 0.99), ops: opsTotal / ROUNDS, errors };
}

/** The q-quantile of some timings (0.5: the median). */
function quantile(xs: number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

/** 50,000 wishes across the district: the wish actions, the 50-way claim race, one expiry run. */
async function benchWishes(tree: ReturnType<typeof buildTree>, membersOfC1: string[]) {
  const WISHES = 50_000;
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
  for (let i = 0; i < WISHES; i++) {
    const unit = tree.units[i % tree.units.length]!;
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
  const t0 = performance.now();
  store.insertMany('wishes', docs);
  console.log(`\nwishes: ${WISHES} seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const openInC1 = docs.filter((d) => d.status === 'open' && d.communityId === 'c1').map((d) => d._id);
  const member = (i: number) => membersOfC1[i % membersOfC1.length] as string;
  const claimed: string[] = [];
  const wishCases: Case[] = [
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
      name: 'wish.claimWish',
      fn: 'wish',
      action: 'claimWish',
      as: (i) => member(i),
      data: (i) => (claimed.push(openInC1[i]!), { wishId: openInC1[i] }),
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
      name: 'wish.listWishes',
      fn: 'wish',
      action: 'listWishes',
      as: () => 'station',
      data: () => ({ status: 'open', limit: 20 }),
    },
  ];
  for (const c of wishCases) {
    const r = await measure(c);
    console.log(
      `${c.name.padEnd(32)}${r.median.toFixed(2).padStart(10)}${r.p99.toFixed(2).padStart(10)}${r.ops.toFixed(1).padStart(11)}${String(r.errors).padStart(8)}`,
    );
  }
  const raced = openInC1[openInC1.length - 1] as string;
  const racers = membersOfC1.slice(-50);
  const results = await Promise.all(
    racers.map((m) => mains.wish({ action: 'claimWish', data: { wishId: raced } }, { OPENID: m })),
  );
  const wins = results.filter((r) => r.ok).length;
  const taken = results.filter((r) => !r.ok && r.error.code === 'WISH.ALREADY_CLAIMED').length;
  console.log(
    `claim race: 50 members on one wish → ${wins} winner, ${taken} WISH.ALREADY_CLAIMED, ${50 - wins - taken} other`,
  );
  runtime.now = () => new Date('2027-01-01T00:00:00Z');
  const e0 = performance.now();
  const expired = await expireClaims(runtime);
  const ms = performance.now() - e0;
  let runs = 1;
  let rest = 0;
  for (let n = await expireClaims(runtime); n > 0; n = await expireClaims(runtime)) {
    rest += n;
    runs++;
  }
  console.log(
    `expiry: first run returned ${expired} stale claims to open in ${ms.toFixed(0)} ms (cap 500 a run); ${runs} runs cleared ${expired + rest}; one more run: ${await expireClaims(runtime)}`,
  );
  runtime.now = () => new Date();
}

/** 500,000 ledger entries for 20,000 members: the points actions, and rebuilding every balance from the ledger. */
async function benchPoints(membersOfC1: string[]) {
  const ENTRIES_EACH = 25;
  const t0 = performance.now();
  const ledger: LedgerDoc[] = [];
  const accounts: AccountDoc[] = [];
  for (let m = 0; m < PEOPLE; m++) {
    let balance = 0;
    for (let k = 1; k <= ENTRIES_EACH; k++) {
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
    accounts.push({ _id: `p${m}`, communityId: 'c1', balance, seq: ENTRIES_EACH, updatedAt: '' });
    if (ledger.length >= 100_000) store.insertMany('ledger', ledger.splice(0));
  }
  store.insertMany('ledger', ledger);
  store.insertMany('accounts', accounts);
  console.log(
    `\npoints: ${PEOPLE * ENTRIES_EACH} ledger entries for ${PEOPLE} members seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const member = (i: number) => membersOfC1[i % membersOfC1.length] as string;
  await call('points', 'pointsSettings', 'station', {});
  const item = await call('points', 'saveItem', 'station', {
    name: '洗衣液',
    price: 10,
    stock: 100000,
    perMemberLimit: 100,
  });
  const logged: string[] = [];
  const orders: string[] = [];
  const codes: string[] = [];
  store.insertMany('grants', [
    {
      _id: 'leader~unitLeader',
      openid: 'leader',
      role: 'unitLeader',
      scope: 'unit',
      scopeId: 'c1g1u1',
      grantedBy: 'bench',
      at: '',
    },
  ]);
  const cases: Case[] = [
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
    },
    { name: 'points.myPoints', fn: 'points', action: 'myPoints', as: member, data: () => ({ limit: 20 }) },
    { name: 'points.listItems', fn: 'points', action: 'listItems', as: member, data: () => ({ limit: 20 }) },
    {
      name: 'points.redeem',
      fn: 'points',
      action: 'redeem',
      as: member,
      data: (i) => ({ itemId: item.item.id, requestId: `bench-${String(i).padStart(6, '0')}` }),
    },
    { name: 'points.myOrders', fn: 'points', action: 'myOrders', as: member, data: () => ({ limit: 20 }) },
    {
      name: 'points.handOver',
      fn: 'points',
      action: 'handOver',
      as: () => 'station',
      data: (i) => ({ pickupCode: codes[i] }),
    },
  ];
  // Each case feeds the next: the logged records are confirmed, the orders handed over.
  for (const c of cases) {
    if (c.name === 'points.reviewServices (1)') {
      const page = await store.find<{ _id: string } & Record<string, unknown>>('services', {
        where: { unitId: 'c1g1u1', status: 'pending' },
        orderBy: [['at', 'asc']],
        limit: 1000,
      });
      logged.push(...page.items.map((s) => s._id));
    }
    if (c.name === 'points.handOver') {
      const page = await store.find<{ _id: string; pickupCode: string } & Record<string, unknown>>('orders', {
        where: { communityId: 'c1', status: 'placed' },
        orderBy: [['createdAt', 'desc']],
        limit: 1000,
      });
      codes.push(...page.items.map((o) => o.pickupCode));
      orders.push(...page.items.map((o) => o._id));
    }
    const r = await measure(c);
    console.log(
      `${c.name.padEnd(32)}${r.median.toFixed(2).padStart(10)}${r.p99.toFixed(2).padStart(10)}${r.ops.toFixed(1).padStart(11)}${String(r.errors).padStart(8)}`,
    );
  }
  const v0 = performance.now();
  const check = await verifyBalances({ store });
  console.log(
    `rebuild + verify every balance from the ledger: ${check.entries} entries, ${check.accounts} accounts, ${check.mismatches.length} mismatches in ${((performance.now() - v0) / 1000).toFixed(1)} s`,
  );
}

/** 100,000 problem reports with 100,000 open whistles, 5,000 of them due: the actions and one periodic run. */
async function benchReports(tree: ReturnType<typeof buildTree>) {
  const REPORTS = 100_000;
  const DUE = 5_000;
  const t0 = performance.now();
  store.insertMany(
    'departments',
    Array.from({ length: 6 }, (_, i) => ({ _id: `dept${i + 1}`, name: `部门${i + 1}`, districtId: DISTRICT_ID })),
  );
  store.insertMany('grants', [
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
  for (let i = 0; i < REPORTS; i++) {
    const unit = tree.units[i % tree.units.length]!;
    const created = new Date(now - (REPORTS - i) * 60_000).toISOString();
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
    // 5,000 are past their deadline and reminder time; the rest are due next week.
    const deadline = i < DUE ? now - 3600_000 : now + 7 * 86400_000;
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
  store.insertMany('problems', problems);
  store.insertMany('whistles', whistles);
  console.log(
    `\nreports: ${REPORTS} problems and open whistles (${DUE} due) seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const dept1 = whistles.filter((w) => w.departmentId === 'dept1').map((w) => w.problemId);
  const cases: Case[] = [
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
      name: 'report.acknowledge',
      fn: 'report',
      action: 'acknowledge',
      as: () => 'dep',
      data: (i) => ({ problemId: dept1[DUE + i] }),
    },
    {
      name: 'report.respond',
      fn: 'report',
      action: 'respond',
      as: () => 'dep',
      data: (i) => ({ problemId: dept1[DUE + i], result: '已处理' }),
    },
    {
      name: 'report.nearbyProblems',
      fn: 'report',
      action: 'nearbyProblems',
      as: (i) => `r${i}`,
      data: (i) => ({ unitId: `c1g1u${(i % 30) + 1}` }),
    },
  ];
  for (const c of cases) {
    const r = await measure(c);
    console.log(
      `${c.name.padEnd(32)}${r.median.toFixed(2).padStart(10)}${r.p99.toFixed(2).padStart(10)}${r.ops.toFixed(1).padStart(11)}${String(r.errors).padStart(8)}`,
    );
  }
  const before = ops;
  const p0 = performance.now();
  let runs = 0;
  let total = { reminded: 0, overdue: 0 };
  for (;;) {
    const r = await whistleDeadlines(runtime, 10_000);
    runs++;
    total = { reminded: total.reminded + r.reminded, overdue: total.overdue + r.overdue };
    if (!r.reminded && !r.overdue) break;
  }
  console.log(
    `periodic run over ${REPORTS} open whistles (${DUE} due): reminded ${total.reminded}, overdue ${total.overdue} in ${((performance.now() - p0) / 1000).toFixed(1)} s, ${ops - before} store operations, ${runs} runs (the last finds nothing)`,
  );
}

/**
 * A burst of 500 check-ins to one activity through the local server over HTTP (loopback), all sent
 * at once: throughput, p99 latency and errors.
 */
async function burst() {
  const SIZE = 500;
  const secret = 'burst-secret';
  const { server, runtime: local } = createLocalServer({
    dataDir: ':memory:',
    h5Dir: resolve(__dirname, '../dist/h5'),
    secret,
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/fn/checkin`;
  const ids = Array.from({ length: SIZE }, (_, i) => `burst${i}`);
  local.store.insertMany(
    'people',
    ids.map((id, i) => ({
      _id: id,
      name: `党员${i}`,
      phone: null,
      communityId: 'huazhong',
      orgId: 'org1',
      unitId: null,
      createdAt: '',
    })),
  );
  local.store.insertMany(
    'grants',
    ids.map((id) => ({
      _id: `${id}~member`,
      openid: id,
      role: 'member',
      scope: 'community',
      scopeId: 'huazhong',
      grantedBy: 'bench',
      at: '',
    })),
  );
  const main = functions.checkin(() => local);
  const now = Date.now();
  const created = await main(
    {
      action: 'createActivity',
      data: {
        title: '主题党日',
        place: '党群服务中心',
        capacity: 1000,
        startAt: new Date(now).toISOString(),
        endAt: new Date(now + 7200_000).toISOString(),
      },
    },
    { OPENID: 'demo-station' },
  );
  const activityId = (created as { data: { activity: { id: string } } }).data.activity.id;
  const code = (await main({ action: 'activityCode', data: { activityId } }, { OPENID: 'demo-station' })) as {
    data: { token: string };
  };
  const sessions = ids.map((id) => issueSession(secret, id));
  const body = JSON.stringify({ action: 'checkIn', data: { token: code.data.token } });
  const times: number[] = [];
  let errors = 0;
  const t0 = performance.now();
  await Promise.all(
    sessions.map(async (token) => {
      const start = performance.now();
      try {
        const res = await fetch(base, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body });
        const json = (await res.json()) as { ok: boolean };
        if (!json.ok) errors++;
      } catch {
        errors++;
      }
      times.push(performance.now() - start);
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  const attendances = local.store.dump('attendance').length;
  console.log(
    `\nburst: ${SIZE} check-ins to one activity over HTTP at once: ${(SIZE / elapsed).toFixed(0)} req/s, median ${quantile(times, 0.5).toFixed(0)} ms, p99 ${quantile(times, 0.99).toFixed(0)} ms, errors ${errors}, attendances ${attendances}`,
  );
  await new Promise((done) => server.close(done));
}

function dirSize(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce(
    (sum, e) => sum + (e.isDirectory() ? dirSize(join(dir, e.name)) : statSync(join(dir, e.name)).size),
    0,
  );
}

async function main() {
  // `npm run bench -- bundles`: only the bundles' sizes and load times.
  if (process.argv.includes('bundles')) return benchBundles();
  const t0 = performance.now();
  const { tree, pendingInC1, membersOfC1 } = seed();
  console.log(
    `store: ${PEOPLE} people, ${tree.units.length} units, ${tree.communities.length} communities, seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${ROUNDS} rounds per action\n`,
  );
  const token = communityToken(SECRET, 'c1');
  const cases: Case[] = [
    { name: 'org.me', fn: 'org', action: 'me', as: (i) => `p${i}`, data: () => ({}) },
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
      name: 'checkin.reviewReport',
      fn: 'checkin',
      action: 'reviewReport',
      as: () => 'station',
      data: (i) => ({ reportId: pendingInC1[i % pendingInC1.length], decision: 'approve' }),
    },
    {
      name: 'checkin.orgReceipts',
      fn: 'checkin',
      action: 'orgReceipts',
      as: () => 'orgadmin',
      data: () => ({ limit: 20 }),
    },
  ];
  const member = (i: number) => membersOfC1[i % membersOfC1.length] as string;
  const now = Date.now();
  const post = await call('checkin', 'createPost', 'station', {
    name: '楼道文明劝导员',
    duty: '每周巡查楼道',
    capacity: 500,
    startDate: '2026-01-01',
    endDate: '2099-12-31',
  });
  const activity = await call('checkin', 'createActivity', 'station', {
    title: '主题党日',
    place: '党群服务中心',
    capacity: 2000,
    startAt: new Date(now).toISOString(),
    endAt: new Date(now + 3 * 3600_000).toISOString(),
  });
  const fixed = (await call('checkin', 'activityCode', 'station', { activityId: activity.activity.id, mode: 'fixed' }))
    .token;
  cases.push(
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
      name: 'checkin.listActivities',
      fn: 'checkin',
      action: 'listActivities',
      as: member,
      data: () => ({ limit: 20 }),
    },
    {
      name: 'checkin.activityCode',
      fn: 'checkin',
      action: 'activityCode',
      as: () => 'station',
      data: () => ({ activityId: activity.activity.id }),
    },
    { name: 'checkin.checkIn', fn: 'checkin', action: 'checkIn', as: member, data: () => ({ token: fixed }) },
    { name: 'checkin.checkOut', fn: 'checkin', action: 'checkOut', as: member, data: () => ({ token: fixed }) },
    {
      name: 'checkin.activityAttendance',
      fn: 'checkin',
      action: 'activityAttendance',
      as: () => 'station',
      data: () => ({ activityId: activity.activity.id, limit: 20 }),
    },
    { name: 'checkin.myService', fn: 'checkin', action: 'myService', as: member, data: () => ({ limit: 20 }) },
    {
      name: 'checkin.orgHalfYear',
      fn: 'checkin',
      action: 'orgHalfYear',
      as: () => 'orgadmin',
      data: () => ({ limit: 20 }),
    },
  );
  console.log(
    `${'action'.padEnd(32)}${'median ms'.padStart(10)}${'p99 ms'.padStart(10)}${'store ops'.padStart(11)}${'errors'.padStart(8)}`,
  );
  for (const c of cases) {
    const r = await measure(c);
    console.log(
      `${c.name.padEnd(32)}${r.median.toFixed(2).padStart(10)}${r.p99.toFixed(2).padStart(10)}${r.ops.toFixed(1).padStart(11)}${String(r.errors).padStart(8)}`,
    );
  }
  await benchWishes(tree, membersOfC1);
  await benchPoints(membersOfC1);
  await benchReports(tree);
  await burst();
  const weapp = resolve(__dirname, '../dist/weapp');
  console.log(
    `\nweapp main package: ${existsSync(weapp) ? `${(dirSize(weapp) / 1024).toFixed(0)} KB (limit 2048 KB)` : 'not built (npm run build:weapp)'}`,
  );
  benchBundles();
  await store.close();
}

/**
 * Each deploy bundle's size and its load time in a fresh Node process outside the repository (a cold-start
 * proxy), against an empty Node process started the same way in the same run (issue 13: require ≤ 2.5×).
 */
function benchBundles(): void {
  const out = resolve(__dirname, '../dist/cloudfunctions');
  console.log(
    '\ncloud function bundles (npm run build:functions), loaded 5 times each in a fresh node process outside the repo',
  );
  if (!existsSync(out)) return console.log('  not built (npm run build:functions)');
  const empty = quantile(
    Array.from({ length: 5 }, () => {
      const t = performance.now();
      execFileSync(process.execPath, ['-e', ''], {
        env: { PATH: process.env.PATH ?? '' } as unknown as NodeJS.ProcessEnv,
      });
      return performance.now() - t;
    }),
    0.5,
  );
  console.log(`empty node process: ${empty.toFixed(0)} ms (median)`);
  console.log(
    `${'function'.padEnd(10)}${'app.js KB'.padStart(10)}${'cache KB'.padStart(10)}${'cache'.padStart(10)}${'require ms'.padStart(12)}${'× empty'.padStart(9)}${'process ms'.padStart(12)}${'no cache ms'.padStart(13)}${'× empty'.padStart(9)}`,
  );
  for (const name of Object.keys(functions)) {
    const runs = Array.from({ length: 5 }, () => probeBundle(join(out, name)));
    if (runs.some((r) => r.mainType !== 'function')) console.log(`  ${name}: main is not a function`);
    const kb = (file: string) => (statSync(join(out, name, file)).size / 1024).toFixed(0);
    const requireMs = quantile(
      runs.map((r) => r.requireMs),
      0.5,
    );
    const processMs = quantile(
      runs.map((r) => r.processMs),
      0.5,
    );
    // Compiled from source, as when the runtime's V8 does not take the cache.
    const plainMs = quantile(
      Array.from({ length: 5 }, () => probeBundle(join(out, name), { withoutCodeCache: true }).requireMs),
      0.5,
    );
    console.log(
      `${name.padEnd(10)}${kb('app.js').padStart(10)}${kb('app.jsc').padStart(10)}${(runs[0]?.codeCache ?? '').padStart(10)}${requireMs.toFixed(0).padStart(12)}${(requireMs / empty).toFixed(1).padStart(9)}${processMs.toFixed(0).padStart(12)}${plainMs.toFixed(0).padStart(13)}${(plainMs / empty).toFixed(1).padStart(9)}`,
    );
  }
}

void main();
