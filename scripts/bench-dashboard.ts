import { performance } from 'node:perf_hooks';
import { localRuntime } from '../cloudfunctions/core/platform/local.platform';
import type { Runtime } from '../cloudfunctions/core/runtime/runtime';
import { CloudbaseStore } from '../cloudfunctions/core/store/cloudbase.store';
import type { Doc } from '../cloudfunctions/core/store/store.port';
import { functions } from '../cloudfunctions/deployed';
import { expectedCounters } from '../cloudfunctions/deployed/stats';
import { collections, indexes } from '../cloudfunctions/deployed/storage';
import { STATS_SHARDS } from '../cloudfunctions/points/points.documents';
import { CloudbaseFake, sdkDatabase } from '../tests/store/support/cloudbase-fake';
import { sequentialDepth } from './bench-rtt';

/**
 * Issue 16's figure: the dashboards read counters only, at a district's size: 300 communities of 2 grids, 60
 * organisations, and a year of records in each community (50 报到, 30 微心愿, 20 问题, their states and
 * timelines spread over twelve months; 10 activities, the approved members' attendances, services and post
 * claims, and a third of the problems whistled to one of 30 departments; all counted by `expectedCounters`
 * exactly as the change steps would have), plus each community's 33 points shards with twelve months. Over the CloudBase adapter and SDK with the fake
 * answering each request after 10 ms (as scripts/bench-rtt.ts): per read, the requests, the longest chain of
 * them, the time less the fake's own, and the size of the answer. `npm run bench -- dashboard` runs only this.
 */
const RTT = Number(process.env.BENCH_RTT_MS ?? 10);
const SECRET = 'bench-secret-dashboard-0123456';
const DISTRICT = 'bz';
const SIZE = {
  communities: 300,
  grids: 2,
  orgs: 60,
  departments: 30,
  reports: 50,
  wishes: 30,
  problems: 20,
  activities: 10,
  services: 30,
};
const NOW = new Date('2026-11-26T02:00:00.000Z');

/** A day `n` days before now, as ISO. */
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();

/** A record's timeline through `states`, the first `start` days ago, a day between each. */
function timeline(states: string[], start: number) {
  return states.map((to, i) => ({ at: daysAgo(start - i), by: 'bench', from: states[i - 1] ?? null, to, note: null }));
}

function seed(fake: CloudbaseFake): void {
  const communities: Doc[] = [];
  const grids: Doc[] = [];
  const records: Record<
    'reports' | 'wishes' | 'problems' | 'whistles' | 'activities' | 'attendance' | 'postClaims' | 'services',
    Doc[]
  > = {
    reports: [],
    wishes: [],
    problems: [],
    whistles: [],
    activities: [],
    attendance: [],
    postClaims: [],
    services: [],
  };
  const points: Doc[] = [];
  const reportPaths = [['pending'], ['pending', 'approved'], ['pending', 'approved'], ['pending', 'rejected']];
  const wishPaths = [
    ['pending_review', 'open'],
    ['pending_review', 'open', 'claimed'],
    ['pending_review', 'open', 'claimed', 'fulfilled', 'confirmed'],
  ];
  const problemPaths = [
    ['submitted'],
    ['submitted', 'in_station', 'confirmed'],
    ['submitted', 'whistled', 'acknowledged', 'responded', 'confirmed'],
  ];
  for (let c = 1; c <= SIZE.communities; c++) {
    const communityId = `c${c}`;
    communities.push({ _id: communityId, name: `第${c}社区`, districtId: DISTRICT });
    for (let g = 1; g <= SIZE.grids; g++)
      grids.push({ _id: `${communityId}g${g}`, name: `第${g}网格`, seq: g, communityId, districtId: DISTRICT });
    const place = (i: number) => ({
      districtId: DISTRICT,
      communityId,
      gridId: `${communityId}g${(i % SIZE.grids) + 1}`,
    });
    for (let i = 0; i < SIZE.reports; i++) {
      const path = reportPaths[i % reportPaths.length]!;
      records.reports.push({
        _id: `${communityId}~r${i}`,
        ...place(i),
        orgId: `org${((c * 7 + i) % SIZE.orgs) + 1}`,
        status: path.at(-1),
        history: timeline(path, (i * 7) % 360),
      });
    }
    for (let i = 0; i < SIZE.wishes; i++) {
      const path = wishPaths[i % wishPaths.length]!;
      records.wishes.push({
        _id: `${communityId}~w${i}`,
        ...place(i),
        status: path.at(-1),
        history: timeline(path, (i * 11) % 360),
      });
    }
    for (let i = 0; i < SIZE.problems; i++) {
      const path = problemPaths[i % problemPaths.length]!;
      records.problems.push({
        _id: `${communityId}~p${i}`,
        ...place(i),
        status: path.at(-1),
        history: timeline(path, (i * 13) % 360),
      });
    }
    // Whistles of the problems taken to departments (the third path): each answered, on time or not.
    records.problems.forEach((p, i) => {
      if (p.communityId !== communityId || (p.history as unknown[]).length !== 5) return;
      const whistledAt = (p.history as Array<{ at: string }>)[1]!.at;
      const deadline = new Date(Date.parse(whistledAt) + 3 * 86_400_000).toISOString();
      records.whistles.push({
        _id: `${p._id}~dept~1`,
        problemId: p._id,
        departmentId: `dept${(i % SIZE.departments) + 1}`,
        communityId,
        districtId: DISTRICT,
        lead: true,
        round: 1,
        whistledAt,
        deadlineAt: deadline,
        remindAt: deadline,
        open: false,
        reminded: false,
        overdue: i % 2 === 0,
        acknowledgedAt: whistledAt,
        respondedAt: (p.history as Array<{ at: string }>)[3]!.at,
      });
      Object.assign(p, { round: 1, rating: i % 4 === 0 ? 'satisfied' : null });
    });
    // Activities, their attendances and services, and post claims, by the approved members.
    const members = records.reports.filter((r) => r.communityId === communityId && r.status === 'approved');
    for (let i = 0; i < SIZE.activities; i++)
      records.activities.push({
        _id: `${communityId}a${i}`,
        communityId,
        districtId: DISTRICT,
        startAt: daysAgo(i * 30),
        status: 'closed',
      });
    members.forEach((m, i) => {
      const at = daysAgo((i * 17) % 360);
      const openid = String(m._id);
      records.attendance.push({
        _id: `${communityId}a${i % SIZE.activities}~${openid}`,
        communityId,
        openid,
        checkInAt: at,
        checkOutAt: at,
      });
      if (i % 2 === 0)
        records.postClaims.push({
          _id: `post~${openid}`,
          postId: 'post',
          openid,
          communityId,
          status: 'active',
          claimedAt: at,
        });
      if (i < SIZE.services)
        records.services.push({
          _id: `activity~${communityId}${i}`,
          openid,
          communityId,
          hours: 2,
          at,
          status: i % 5 ? 'confirmed' : 'pending',
        });
      Object.assign(m, { openid, reviewedAt: at });
    });
    for (let s = 0; s < STATS_SHARDS; s++) {
      const months = Object.fromEntries(
        Array.from({ length: 12 }, (_, m) => [`m2026${String(m + 1).padStart(2, '0')}_issued`, 10 + s]),
      );
      points.push({ _id: `${communityId}~${s}`, communityId, issued: 120 + 12 * s, redeemed: 30, ...months });
    }
  }
  const orgs = Array.from({ length: SIZE.orgs }, (_, o) => ({
    _id: `org${o + 1}`,
    name: `区第${o + 1}机关党支部`,
    districtId: DISTRICT,
    members: 300,
  }));
  const stats = [...expectedCounters((c) => records[c as keyof typeof records] ?? []).values()];
  fake.insertMany('districts', [{ _id: DISTRICT, name: '测试区' } as Doc]);
  fake.insertMany('communities', communities);
  fake.insertMany('grids', grids);
  fake.insertMany('orgs', orgs);
  fake.insertMany('stats', stats);
  fake.insertMany('pointsStats', points);
  const grant = (openid: string, role: string, scope: string, scopeId: string, communityId: string | null) =>
    ({
      _id: `${openid}~${role}`,
      openid,
      role,
      scope,
      scopeId,
      grantedBy: 'bench',
      at: NOW.toISOString(),
      districtId: DISTRICT,
      communityId,
    }) as Doc;
  fake.insertMany('grants', [
    grant('bench-district', 'districtAdmin', 'district', DISTRICT, null),
    grant('bench-station', 'stationAdmin', 'community', 'c1', 'c1'),
    grant('bench-org', 'orgAdmin', 'org', 'org1', null),
  ]);
  console.log(
    `\ndashboards over the CloudBase adapter at ${RTT} ms a request: ${SIZE.communities} communities, ${grids.length} grids, ${SIZE.orgs} organisations; ${stats.length} counter documents (from ${Object.values(records).reduce((n, r) => n + r.length, 0)} records) and ${points.length} points shards`,
  );
}

export async function benchDashboard(): Promise<void> {
  const fake = new CloudbaseFake().install();
  try {
    fake.reset();
    for (const name of collections) fake.createCollection(name);
    seed(fake);
    const store = new CloudbaseStore(sdkDatabase(), { indexes });
    const runtime: Runtime = Object.assign(localRuntime({ filename: ':memory:', secret: SECRET, indexes }), {
      store,
      now: () => NOW,
      log: (entry: Record<string, unknown>) => console.error(JSON.stringify(entry)),
    });
    const mains = { org: functions.org(() => runtime), report: functions.report(() => runtime) };
    const run = async (label: string, fn: 'org' | 'report', action: string, openid: string, data: unknown) => {
      const first = fake.requests.length;
      fake.rtt = RTT;
      const cpu0 = process.cpuUsage();
      const t = performance.now();
      const response = await mains[fn]({ action, data }, { OPENID: openid }).finally(() => (fake.rtt = 0));
      const wall = performance.now() - t;
      const cpu = process.cpuUsage(cpu0);
      const requests = fake.requests.slice(first);
      const fakeMs = requests.reduce((sum, r) => sum + (r.handleMs ?? 0), 0);
      const seq = sequentialDepth(requests.map((r) => ({ sentAt: r.sentAt ?? 0, answeredAt: r.answeredAt ?? 0 })));
      const est = seq * RTT + Math.max(0, (cpu.user + cpu.system) / 1000 - fakeMs);
      const size = JSON.stringify(response).length;
      if (!response.ok) throw new Error(`${label}: ${JSON.stringify(response.error)}`);
      console.log(
        `  ${label.padEnd(34)}${String(Math.round(wall - fakeMs)).padStart(6)} ms (est ${Math.round(est)} ms)  ${String(requests.length).padStart(4)} requests, ${seq} sequential, answer ${(size / 1024).toFixed(0)} KB`,
      );
    };
    // A first call warms the function (its modules, the place cache), as a warm instance would be.
    // What the district's read brings back from the database: every counter document of its communities.
    const read = [...fake.dump('stats').filter((d) => typeof d.communityId === 'string'), ...fake.dump('pointsStats')];
    console.log(
      `  the district's read: ${read.length} documents, ${(JSON.stringify(read).length / 1024 / 1024).toFixed(1)} MB as JSON`,
    );
    await run('(warm-up) district', 'org', 'dashboard', 'bench-district', {});
    await run('org.dashboard, the district', 'org', 'dashboard', 'bench-district', {});
    await run('org.dashboard, one community', 'org', 'dashboard', 'bench-district', { communityId: 'c150' });
    await run('org.dashboard, the station', 'org', 'dashboard', 'bench-station', {});
    await run('org.orgDashboard', 'org', 'orgDashboard', 'bench-org', {});
    await run('report.problemStats, a month', 'report', 'problemStats', 'bench-district', { month: '2026-11' });
  } finally {
    fake.uninstall();
  }
}
