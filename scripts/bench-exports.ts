import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { localRuntime } from '../cloudfunctions/core/platform/local.platform';
import type { Runtime } from '../cloudfunctions/core/runtime/runtime';
import { CloudbaseStore } from '../cloudfunctions/core/store/cloudbase.store';
import type { Doc } from '../cloudfunctions/core/store/store.port';
import { functions } from '../cloudfunctions/deployed';
import { collections, indexes } from '../cloudfunctions/deployed/storage';
import { CloudbaseFake, sdkDatabase } from '../tests/store/support/cloudbase-fake';

/**
 * Issue 16's figure: the district's five xlsx exports of a 20,000-member district, each through the org
 * function over the CloudBase adapter and SDK with the fake CloudBase answering each request after 10 ms (as
 * scripts/bench-tree.ts). Per export: the rows, the file, the requests (by kind), the longest chain of them
 * each sent after the one before was answered, the time less the fake's own and an estimate for CloudBase,
 * the peak heap above the store's, against the org function's timeout (cloudbaserc.json).
 * `npm run bench -- exports` runs only this.
 */
const RTT = Number(process.env.BENCH_RTT_MS ?? 10);
const SECRET = 'bench-secret-exports-0123456789';
const DISTRICT = 'bx';
const ADMIN = 'bench-exports-admin';
const SIZE = {
  members: 20_000,
  communities: 300,
  gridsPerCommunity: 2,
  unitsPerGrid: 5,
  orgs: 60,
  departments: 30,
  /** Per member, in the half-year: services, ledger entries. */
  servicesEach: 2,
  entriesEach: 5,
  wishes: 10_000,
  whistlesPerMonth: 1_500,
};

type Interval = { sentAt: number; answeredAt: number };

/** The longest chain of requests each sent after the one before it was answered (as bench-tree.ts). */
function sequential(intervals: Interval[]): number {
  const sorted = [...intervals].sort((a, b) => a.answeredAt - b.answeredAt);
  const depth: number[] = [];
  // Requests answered in order; a binary search keeps this fast for thousands of requests.
  const answered: number[] = [];
  const best: number[] = [];
  sorted.forEach((x) => {
    let lo = 0;
    let hi = answered.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((answered[mid] as number) <= x.sentAt) lo = mid + 1;
      else hi = mid;
    }
    const d = (lo > 0 ? (best[lo - 1] as number) : 0) + 1;
    depth.push(d);
    answered.push(x.answeredAt);
    best.push(Math.max(d, best.at(-1) ?? 0));
  });
  return Math.max(0, ...depth);
}

function orgTimeout(): number {
  const rc = JSON.parse(readFileSync(resolve(__dirname, '../cloudbaserc.json'), 'utf8')) as {
    functions: Array<{ name: string; timeout?: number }>;
  };
  return rc.functions.find((f) => f.name === 'org')?.timeout ?? 3;
}

const iso = (y: number, m: number, d: number, h = 2) => new Date(Date.UTC(y, m - 1, d, h)).toISOString();

/** The district: its tree, 20,000 approved members, their services, claims, ledger, wishes and whistles. */
function seed(into: { insertMany(collection: string, docs: Doc[]): void }): Record<string, number> {
  const communities: Doc[] = [];
  const grids: Doc[] = [];
  const units: Doc[] = [];
  for (let c = 1; c <= SIZE.communities; c++) {
    communities.push({ _id: `c${c}`, name: `第${c}社区`, districtId: DISTRICT });
    for (let g = 1; g <= SIZE.gridsPerCommunity; g++) {
      grids.push({ _id: `c${c}g${g}`, name: `第${g}网格`, seq: g, communityId: `c${c}`, districtId: DISTRICT });
      for (let u = 1; u <= SIZE.unitsPerGrid; u++)
        units.push({
          _id: `c${c}g${g}u${u}`,
          name: `${g}${String(u).padStart(2, '0')}栋1单元`,
          seq: u,
          gridId: `c${c}g${g}`,
          communityId: `c${c}`,
          districtId: DISTRICT,
        });
    }
  }
  const orgs = Array.from({ length: SIZE.orgs }, (_, i) => ({
    _id: `o${i + 1}`,
    name: `区第${i + 1}机关党支部`,
    districtId: DISTRICT,
  }));
  const departments = Array.from({ length: SIZE.departments }, (_, i) => ({
    _id: `d${i + 1}`,
    name: `区第${i + 1}职能部门`,
    districtId: DISTRICT,
  }));
  const reports: Doc[] = [];
  const people: Doc[] = [];
  const services: Doc[] = [];
  const ledger: Doc[] = [];
  const accounts: Doc[] = [];
  const postClaims: Doc[] = [];
  for (let i = 0; i < SIZE.members; i++) {
    const openid = `m${i}`;
    const unit = units[i % units.length] as Doc & { gridId: string; communityId: string };
    const phone = `139${String(i).padStart(8, '0')}`;
    const submittedAt = iso(2026, 1 + (i % 11), 1 + (i % 28));
    reports.push({
      _id: `r${i}`,
      openid,
      status: 'approved',
      name: `党员${i}`,
      phone,
      districtId: DISTRICT,
      communityId: unit.communityId,
      gridId: unit.gridId,
      unitId: unit._id,
      orgId: `o${(i % SIZE.orgs) + 1}`,
      submittedAt,
      reviewedAt: submittedAt,
      reviewedBy: 'station',
      reason: null,
      history: [],
    });
    people.push({
      _id: openid,
      name: `党员${i}`,
      phone,
      communityId: unit.communityId,
      orgId: `o${(i % SIZE.orgs) + 1}`,
      unitId: unit._id,
      createdAt: submittedAt,
    });
    for (let s = 0; s < SIZE.servicesEach; s++)
      services.push({
        _id: `s${i}-${s}`,
        openid,
        source: 'self',
        sourceId: `s${i}-${s}`,
        communityId: unit.communityId,
        unitId: unit._id,
        confirmer: null,
        description: '楼道清洁',
        memberName: `党员${i}`,
        hours: 1,
        at: iso(2026, 7 + s, 3 + (i % 25)),
        status: 'confirmed',
        createdAt: iso(2026, 7 + s, 3 + (i % 25)),
      });
    let balance = 0;
    for (let e = 0; e < SIZE.entriesEach; e++) {
      balance += 10;
      ledger.push({
        _id: `l${i}-${e}`,
        openid,
        communityId: unit.communityId,
        kind: 'credit',
        amount: 10,
        reason: '志愿服务',
        ref: `s${i}-${e}`,
        at: iso(2026, 7 + e, 5 + (i % 20)),
        by: 'leader',
        balanceAfter: balance,
        seq: e + 1,
      });
    }
    accounts.push({
      _id: openid,
      communityId: unit.communityId,
      balance,
      seq: SIZE.entriesEach,
      updatedAt: iso(2026, 11, 25),
    });
    if (i % 2 === 0)
      postClaims.push({
        _id: `p${i % 600}~${openid}`,
        postId: `p${i % 600}`,
        openid,
        communityId: unit.communityId,
        status: 'active',
        claimedAt: iso(2026, 8, 1 + (i % 28)),
        releasedAt: null,
      });
  }
  const wishes: Doc[] = [];
  for (let w = 0; w < SIZE.wishes; w++) {
    const unit = units[w % units.length] as Doc & { gridId: string; communityId: string };
    const claimed = w % 2 === 0;
    const createdAt = iso(2026, 1 + (w % 11), 1 + (w % 28));
    wishes.push({
      _id: `w${w}`,
      districtId: DISTRICT,
      communityId: unit.communityId,
      gridId: unit.gridId,
      unitId: unit._id,
      openid: `res${w}`,
      residentName: '居民',
      residentPhone: '13900005678',
      title: '更换楼道灯泡',
      description: '楼道灯坏了',
      category: '维修服务',
      points: 10,
      status: claimed ? 'confirmed' : 'open',
      reason: null,
      claimedBy: claimed ? `m${(w * 7) % SIZE.members}` : null,
      claimedAt: claimed ? createdAt : null,
      claimExpiresAt: null,
      fulfilledAt: claimed ? createdAt : null,
      fulfilNote: null,
      photo: null,
      fulfilPhoto: null,
      confirmedBy: claimed ? `res${w}` : null,
      confirmedAt: claimed ? createdAt : null,
      thanks: null,
      createdAt,
      history: [],
    });
  }
  const whistles: Doc[] = [];
  const problems: Doc[] = [];
  for (let m = 1; m <= 11; m++)
    for (let k = 0; k < SIZE.whistlesPerMonth; k++) {
      const id = `pb${m}-${k}`;
      const whistledAt = iso(2026, m, 1 + (k % 28));
      const deadlineAt = iso(2026, m, 1 + (k % 28), 2 + 72);
      const answered = k % 5 !== 0;
      problems.push({
        _id: id,
        districtId: DISTRICT,
        communityId: `c${(k % SIZE.communities) + 1}`,
        status: answered ? 'closed' : 'whistled',
        round: 1,
        rating: answered ? (k % 3 === 0 ? 'unsatisfied' : 'satisfied') : null,
      });
      whistles.push({
        _id: `${id}~d${(k % SIZE.departments) + 1}~1`,
        problemId: id,
        departmentId: `d${(k % SIZE.departments) + 1}`,
        communityId: `c${(k % SIZE.communities) + 1}`,
        districtId: DISTRICT,
        lead: true,
        round: 1,
        whistledAt,
        deadlineAt,
        remindAt: whistledAt,
        open: !answered,
        reminded: true,
        overdue: !answered,
        acknowledgedAt: answered ? whistledAt : null,
        respondedAt: answered ? (k % 4 === 0 ? iso(2026, m, 1 + (k % 28), 2 + 80) : whistledAt) : null,
      });
    }
  const all: Record<string, Doc[]> = {
    districts: [{ _id: DISTRICT, name: '测试区' }],
    communities,
    grids,
    units,
    orgs,
    departments,
    reports,
    people,
    services,
    ledger,
    accounts,
    postClaims,
    wishes,
    problems,
    whistles,
    grants: [
      {
        _id: `${ADMIN}~districtAdmin`,
        openid: ADMIN,
        role: 'districtAdmin',
        scope: 'district',
        scopeId: DISTRICT,
        grantedBy: 'bench',
        at: iso(2026, 1, 1),
        districtId: DISTRICT,
        communityId: null,
      },
    ],
  };
  for (const [name, docs] of Object.entries(all)) into.insertMany(name, docs);
  return Object.fromEntries(Object.entries(all).map(([k, v]) => [k, v.length]));
}

/**
 * The most heap an export holds at once: the embedded store answers synchronously (no timer runs while an
 * export works), so the heap is sampled at its store operations, garbage collected first.
 */
const collect: () => void = (() => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();
const heapWatch = {
  on: false,
  base: 0,
  peak: 0,
  every: 1,
  seen: 0,
  start(every: number) {
    collect();
    this.base = this.peak = process.memoryUsage().heapUsed;
    this.every = every;
    this.seen = 0;
    this.on = true;
  },
  sample() {
    if (!this.on || this.seen++ % this.every !== 0) return;
    collect();
    this.peak = Math.max(this.peak, process.memoryUsage().heapUsed);
  },
  stop(): number {
    this.sample();
    this.on = false;
    return (this.peak - this.base) / 1048576;
  },
};

type Case = { label: string; action: string; data: object };

export async function benchExports(): Promise<void> {
  const half = { from: '2026-07-01', to: '2026-12-31' };
  const cases: Case[] = [
    { label: '报到回执汇总', action: 'exportEnrolments', data: { from: '2026-01-01', to: '2026-12-31' } },
    { label: '党员半年履责台账', action: 'exportHalfYear', data: half },
    { label: '微心愿台账', action: 'exportWishes', data: { from: '2026-01-01', to: '2026-12-31' } },
    { label: '积分台账', action: 'exportPoints', data: half },
    { label: '吹哨报到考核表', action: 'exportWhistles', data: { from: '2026-01-01', to: '2026-11-30' } },
    { label: '一个社区的积分台账', action: 'exportPoints', data: { ...half, communityId: 'c1' } },
  ].filter((c) => !process.env.BENCH_EXPORT || c.action === process.env.BENCH_EXPORT);
  const now = () => new Date('2026-11-27T06:00:00.000Z');
  const timeout = orgTimeout();
  const fake = new CloudbaseFake().install();
  try {
    fake.reset();
    for (const name of collections) fake.createCollection(name);
    const t0 = performance.now();
    // The same district in the embedded store (the function's own time and memory: SQLite answers in
    // microseconds, its data lives outside the JS heap) and in the fake CloudBase (the requests, and how
    // many follow one another, at 10 ms each).
    let ops = 0;
    const local = localRuntime({
      filename: ':memory:',
      secret: SECRET,
      indexes,
      now,
      onOperation: () => (ops++, heapWatch.sample()),
    });
    const counts = seed({ insertMany: (c, docs) => (fake.insertMany(c, docs), local.store.insertMany(c, docs)) });
    const cloud: Runtime = Object.assign(localRuntime({ filename: ':memory:', secret: SECRET, indexes, now }), {
      store: new CloudbaseStore(sdkDatabase(), { indexes }),
    });
    const log = (entry: Record<string, unknown>) => console.error(JSON.stringify(entry));
    local.log = log;
    cloud.log = log;
    const orgLocal = functions.org(() => local);
    const orgCloud = functions.org(() => cloud);
    console.log(
      `\nthe district's xlsx exports (org.export*): ${SIZE.members} members in ${SIZE.communities} communities, ${counts.services} services, ${counts.ledger} ledger entries, ${counts.wishes} wishes, ${counts.whistles} whistles (seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s).`,
    );
    console.log(
      `  time: the function over the embedded store (its own CPU: the reads, the rows, exceljs) + the sequential requests × ${RTT} ms over the CloudBase adapter; memory: the most heap it held at once (sampled at its store operations, garbage collected first)`,
    );
    for (const c of cases) {
      const call = (fn: typeof orgLocal) => fn({ action: c.action, data: c.data }, { OPENID: ADMIN });
      // Local: time (a warm-up run first, as a warm instance), then the heap.
      await call(orgLocal);
      ops = 0;
      const t = performance.now();
      const response = await call(orgLocal);
      const ms = performance.now() - t;
      const localOps = ops;
      heapWatch.start(Math.max(1, Math.floor(localOps / 40)));
      await call(orgLocal);
      const heap = { mb: heapWatch.stop() };
      if (!response.ok) {
        console.log(`  ${c.label}: failed ${JSON.stringify(response.error)}`);
        continue;
      }
      const out = response.data as { rows: number; url: string };
      const [path = '', query = ''] = out.url.split('?');
      const found = local.files.open(path, new URLSearchParams(query));
      const kb = found ? (readFileSync(found.file).length / 1024).toFixed(0) : '?';
      // CloudBase: the requests and their chain.
      const first = fake.requests.length;
      fake.rtt = RTT;
      const cloudResponse = await call(orgCloud).finally(() => (fake.rtt = 0));
      const requests = fake.requests.slice(first);
      const seq = sequential(requests.map((r) => ({ sentAt: r.sentAt ?? 0, answeredAt: r.answeredAt ?? 0 })));
      const byKind = new Map<string, number>();
      for (const r of requests) {
        const kind = String(r.body.collectionName ?? r.action.replace('database.', ''));
        byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
      }
      const est = ms + seq * RTT;
      console.log(
        `  ${c.label.padEnd(12, '　')}${String(out.rows).padStart(7)} rows ${kb.padStart(5)} KB  ${(ms / 1000).toFixed(1)} s + ${seq} sequential × ${RTT} ms = ${(est / 1000).toFixed(1)} s (${est / 1000 <= timeout ? 'inside' : 'OVER'} ${timeout} s)  heap ≤ ${heap.mb.toFixed(0)} MB  ${requests.length} requests (${localOps} store operations locally)${cloudResponse.ok ? '' : ' CLOUDBASE FAILED'}`,
      );
      console.log(`  ${''.padEnd(12, '　')}${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ')}`);
    }
  } finally {
    fake.uninstall();
  }
}

if (require.main === module)
  benchExports().catch((error) => {
    console.error(error);
    process.exit(1);
  });
