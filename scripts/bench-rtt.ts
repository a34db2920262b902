import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { localRuntime } from '../cloudfunctions/core/platform/local.platform';
import { createWechat, type CodeStorage, type OpenApi } from '../cloudfunctions/core/platform/wechat';
import type { Main } from '../cloudfunctions/core/runtime/router';
import type { Runtime } from '../cloudfunctions/core/runtime/runtime';
import { CloudbaseStore } from '../cloudfunctions/core/store/cloudbase.store';
import type { Doc } from '../cloudfunctions/core/store/store.port';
import { contracts } from '../cloudfunctions/deployed';
import { collections, indexes } from '../cloudfunctions/deployed/storage';
import { periodicJobs } from '../cloudfunctions/deployed/timer/jobs';
import { verifyBalances } from '../cloudfunctions/points/ledger';
import { defaultKeys, templateKinds, type TemplateKind } from '../shared/src/messages/templates';
import { CloudbaseFake, sdkDatabase } from '../tests/store/support/cloudbase-fake';
import { contractActions } from '../tests/support/actions';
import { seedMembers, seedPoints } from '../tests/support/seed';
import {
  call,
  makeDistrict,
  peopleCases,
  pointsCases,
  quantile,
  reportCases,
  runRound,
  seedLedger,
  seedPeople,
  seedReports,
  seedWishes,
  wishCases,
  type BenchStore,
  type Case,
  type District,
  type Sizes,
} from './bench-district';

/**
 * Issue 13, "answer in few round trips": every action over the CloudBase adapter and the real SDK, its
 * requests answered by the fake CloudBase with a round-trip time (10 ms, inside a region), and the WeChat
 * calls (subscribe messages, mini-program codes) over the same network. Per action: the round trips, the
 * longest chain of them that had to wait for one another (sequential), the wall-clock time, and whether it
 * meets the goal (resident and member actions ≤ 5 sequential and ≤ 80 ms; admin actions ≤ 150 ms). Then
 * the periodic job over the district's due work, and two rushes (a shop item, an activity's check-in).
 */
const RTT = Number(process.env.BENCH_RTT_MS ?? 10);
const ROUNDS = Number(process.env.BENCH_RTT_ROUNDS ?? 5);
const SECRET = 'bench-secret-rtt-0123456789';
/** BENCH_RTT_TRACE=points.redeem,org.me prints each round trip of the actions whose names hold these (and only the table). */
const TRACE = process.env.BENCH_RTT_TRACE?.split(',').filter(Boolean);

/**
 * The fake answers every query by scanning its collection in this process, so the actions run on a tenth
 * of the SQLite bench's district (its own time is printed and left out of the times).
 */
const rttSizes: Sizes = { people: 2_000, wishes: 5_000, ledgerEach: 5, reports: 10_000, due: 500 };
/** The periodic job meets the whole district's due work. */
const JOB = { reports: 100_000, due: 5_000 };

type Interval = { sentAt: number; answeredAt: number; what?: string };

/**
 * The longest chain of requests each sent after the one before it was answered: the round trips an action
 * waits for one after another (requests in flight together count once).
 */
export function sequentialDepth(intervals: readonly Interval[]): number {
  const byStart = [...intervals].sort((a, b) => a.sentAt - b.sentAt);
  const byEnd = byStart.map((x, i) => ({ end: x.answeredAt, i })).sort((a, b) => a.end - b.end);
  const depth: number[] = [];
  let done = 0;
  let deepestDone = 0;
  byStart.forEach((x, i) => {
    while (done < byEnd.length && byEnd[done]!.end <= x.sentAt) {
      deepestDone = Math.max(deepestDone, depth[byEnd[done]!.i] ?? 0);
      done++;
    }
    depth[i] = deepestDone + 1;
  });
  return Math.max(0, ...depth);
}

/** The CloudBase platform as the functions see it, over the fake; WeChat's open APIs answer over the same network. */
function cloudbaseDistrict(fake: CloudbaseFake, wx: Interval[], log: Record<string, unknown>[]) {
  const overNetwork = async <T>(what: string, answer: () => T): Promise<T> => {
    const sentAt = performance.now();
    if (fake.rtt) await new Promise((done) => setTimeout(done, fake.rtt));
    wx.push({ sentAt, answeredAt: performance.now(), what });
    return answer();
  };
  const openApi: OpenApi = {
    getUnlimited: () =>
      overNetwork('wxacode.getUnlimited', () => ({ contentType: 'image/png', buffer: Buffer.from('bench') })),
    sendSubscribe: () => overNetwork('subscribeMessage.send', () => ({ errcode: 0 })),
  };
  const storage: CodeStorage = {
    uploadFile: ({ cloudPath }) => overNetwork('storage.uploadFile', () => ({ fileID: `cloud://bench/${cloudPath}` })),
  };
  const store: BenchStore = Object.assign(new CloudbaseStore(sdkDatabase(), { indexes }), {
    insertMany: (c: string, docs: Doc[]) => fake.insertMany(c, docs),
  });
  // Every subscribe template configured, as in a deployment that sends them all.
  const templates = Object.fromEntries(
    templateKinds.map((kind: TemplateKind) => [kind, { id: `bench-${kind}`, keys: defaultKeys(kind) }]),
  );
  // The local platform's identity and files (photos are not on this network), the CloudBase store and WeChat.
  const runtime: Runtime & { store: BenchStore } = Object.assign(
    localRuntime({ filename: ':memory:', secret: SECRET, indexes }),
    { store, log: (entry: Record<string, unknown>) => void log.push(entry) },
  );
  runtime.wechat = createWechat(openApi, storage, () => store, { templates, version: 'release' }, runtime.log);
  return runtime;
}

type Row = {
  name: string;
  role: 'member' | 'admin';
  trips: number;
  seq: number;
  ms: number;
  est: number;
  fakeMs: number;
  errors: string[];
};

/** Resident and member actions (any the contract lets a resident or member call) have the tighter goal. */
function roleOf(c: Case): Row['role'] {
  const roles = (contracts as Record<string, Record<string, { roles: readonly string[] }>>)[c.fn]?.[c.action]?.roles;
  return roles?.some((r) => r === 'resident' || r === 'member') ? 'member' : 'admin';
}

function goal(r: Row): string {
  const misses: string[] = [];
  if (r.errors.length) misses.push(`errors: ${[...new Set(r.errors)].join(',')}`);
  if (r.role === 'member' && r.seq > 5) misses.push(`seq ${r.seq} > 5`);
  const limit = r.role === 'member' ? 80 : 150;
  if (r.ms > limit) misses.push(`${r.ms.toFixed(0)} ms > ${limit}`);
  return misses.length ? `NO (${misses.join('; ')})` : 'yes';
}

/** What one call cost on the network: its round trips, their sequential depth, wall time, CPU, the fake's own time. */
async function onTheNetwork(fake: CloudbaseFake, wx: Interval[], run: () => Promise<unknown>) {
  const firstRequest = fake.requests.length;
  const firstWx = wx.length;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await run();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const requests = fake.requests.slice(firstRequest);
  const intervals: Interval[] = [
    ...requests.map((r) => ({
      sentAt: r.sentAt ?? 0,
      answeredAt: r.answeredAt ?? 0,
      what: `${r.action.replace('database.', '')} ${String(r.body.collectionName ?? '')} ${String(r.body.queryType ?? '')}${r.body.transactionId ? ' (tx)' : ''}`,
    })),
    ...wx.slice(firstWx),
  ];
  const fakeMs = requests.reduce((sum, r) => sum + (r.handleMs ?? 0), 0);
  const seq = sequentialDepth(intervals);
  return {
    result,
    /** Each round trip from the call's start (BENCH_RTT_TRACE). */
    trace: () =>
      [...intervals]
        .sort((a, b) => a.sentAt - b.sentAt)
        .map((x) => `    +${(x.sentAt - t0).toFixed(0).padStart(4)} ms  ${x.what ?? ''}`),
    trips: intervals.length,
    database: requests.length,
    seq,
    // The fake answers in this process: its own time stands for the server's, which the round trip covers.
    ms: wall - fakeMs,
    fakeMs,
    // The network on the critical path, and this process's CPU less the fake's (the function, the SDK, nock).
    est: seq * RTT + Math.max(0, (cpu.user + cpu.system) / 1000 - fakeMs),
  };
}

async function measure(d: District, fake: CloudbaseFake, wx: Interval[], c: Case): Promise<Row> {
  const samples: Array<Omit<Row, 'name' | 'role' | 'errors'>> = [];
  const errors: string[] = [];
  fake.rtt = RTT;
  try {
    for (let i = 0; i < d.rounds; i++) {
      const m = await onTheNetwork(fake, wx, () => runRound(d, c, i));
      const { response } = m.result as Awaited<ReturnType<typeof runRound>>;
      if (!response.ok) errors.push(response.error.code);
      samples.push(m);
      if (i === d.rounds - 1 && TRACE?.some((t) => c.name.includes(t)))
        console.log(`  ${c.name}, last round:\n${m.trace().join('\n')}`);
    }
  } finally {
    fake.rtt = 0;
  }
  const median = (pick: (s: (typeof samples)[number]) => number) => quantile(samples.map(pick), 0.5);
  return {
    name: c.name,
    role: roleOf(c),
    trips: median((s) => s.trips),
    seq: median((s) => s.seq),
    ms: median((s) => s.ms),
    est: median((s) => s.est),
    fakeMs: median((s) => s.fakeMs),
    errors,
  };
}

const header = `${'action'.padEnd(32)}${'role'.padEnd(8)}${'trips'.padStart(6)}${'seq'.padStart(5)}${'ms'.padStart(7)}${'est ms'.padStart(8)}${'fake ms'.padStart(9)}  goal`;

function line(r: Row): string {
  return `${r.name.padEnd(32)}${r.role.padEnd(8)}${String(r.trips).padStart(6)}${String(r.seq).padStart(5)}${r.ms.toFixed(0).padStart(7)}${r.est.toFixed(0).padStart(8)}${r.fakeMs.toFixed(1).padStart(9)}  ${goal(r)}`;
}

async function runCases(d: District, fake: CloudbaseFake, wx: Interval[], cases: Case[], rows: Row[]) {
  for (const c of cases) {
    await c.before?.();
    const row = await measure(d, fake, wx, c);
    rows.push(row);
    console.log(line(row));
  }
}

function fresh(fake: CloudbaseFake): void {
  fake.reset();
  for (const name of collections) fake.createCollection(name);
}

/** Which code was measured: the commit, and how many files of the functions differ from it (figures to compare). */
function codeVersion(): string {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: resolve(__dirname, '..'), encoding: 'utf8' }).trim();
    const changed = git('status', '--porcelain', '--', 'cloudfunctions', 'shared').split('\n').filter(Boolean).length;
    return `commit ${git('rev-parse', '--short', 'HEAD')}${changed ? ` with ${changed} uncommitted files in cloudfunctions/ and shared/` : ''}`;
  } catch {
    return 'commit unknown';
  }
}

/** The timer's configured timeout (cloudbaserc.json), in seconds. */
function timerTimeout(): number {
  const rc = JSON.parse(readFileSync(resolve(__dirname, '../cloudbaserc.json'), 'utf8')) as {
    functions: Array<{ name: string; timeout?: number }>;
  };
  return rc.functions.find((f) => f.name === 'timer')?.timeout ?? 3;
}

export async function benchRtt(): Promise<void> {
  const fake = new CloudbaseFake().install();
  const wx: Interval[] = [];
  const log: Record<string, unknown>[] = [];
  const runtime = cloudbaseDistrict(fake, wx, log);
  try {
    fresh(fake);
    const d = makeDistrict(runtime, ROUNDS, rttSizes);
    const t0 = performance.now();
    const seeded = seedPeople(d);
    const wishes = seedWishes(d, seeded);
    seedLedger(d);
    const reports = seedReports(d, seeded);
    console.log(
      `\nround trips: every action over the CloudBase adapter and SDK, the fake CloudBase answering after ${RTT} ms (WeChat calls too), ${ROUNDS} rounds each (median)`,
    );
    console.log(`code: ${codeVersion()}`);
    console.log(
      `district in the fake: ${rttSizes.people} people, ${seeded.tree.units.length} units, ${rttSizes.wishes} wishes, ${rttSizes.people * rttSizes.ledgerEach} ledger entries, ${rttSizes.reports} problems (${rttSizes.due} due), seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    for (const legend of [
      'trips: database requests and WeChat calls; seq: the longest chain of them each sent after the one before answered',
      "ms: wall clock less the fake's own time (fake ms: it answers in this process and stands for the server, whose work",
      "  the round trip covers); it still holds the SDK's and nock's time, about 2 ms a request (nock answers after two",
      `  timer ticks); est ms: seq × ${RTT} + this process's CPU less the fake's, nearer what CloudBase would show`,
    ])
      console.log(legend);
    console.log('goal: member (resident or member may call) ≤ 5 seq and ≤ 80 ms; admin ≤ 150 ms\n');
    console.log(header);
    const rows: Row[] = [];
    await runCases(d, fake, wx, await peopleCases(d, seeded, SECRET), rows);
    await runCases(d, fake, wx, wishCases(d, seeded, wishes), rows);
    await runCases(d, fake, wx, await pointsCases(d, seeded), rows);
    await runCases(d, fake, wx, reportCases(d, reports), rows);
    summarise(rows);
    if (TRACE) return;
    await periodicJob(fake, wx, runtime);
    await rushes(fake, wx, runtime);
    const errors = log.filter((e) => e.level === 'error');
    if (errors.length)
      console.log(`\nerrors logged by the functions: ${errors.length}, first: ${JSON.stringify(errors[0])}`);
  } finally {
    fake.uninstall();
  }
}

function summarise(rows: Row[]): void {
  const met = (role: Row['role']) => {
    const of = rows.filter((r) => r.role === role);
    return `${of.filter((r) => goal(r) === 'yes').length} of ${of.length}`;
  };
  console.log(`\nmeeting the goal: member actions ${met('member')}, admin actions ${met('admin')}`);
  console.log('worst first (sequential round trips, then ms):');
  const worst = [...rows].filter((r) => goal(r) !== 'yes').sort((a, b) => b.seq - a.seq || b.ms - a.ms);
  for (const r of worst) console.log(`  ${line(r)}`);
  const measured = new Set(rows.map((r) => r.name.split(' ')[0]));
  const missing = contractActions.map(([fn, action]) => `${fn}.${action}`).filter((a) => !measured.has(a));
  console.log(
    missing.length
      ? `contract actions not measured: ${missing.join(', ')}`
      : `every contract action measured (${contractActions.length})`,
  );
}

/** One run of the timer's jobs (timer/jobs.ts) over 100,000 open whistles, 5,000 of them due. */
async function periodicJob(fake: CloudbaseFake, wx: Interval[], runtime: Runtime & { store: BenchStore }) {
  fresh(fake);
  const d = makeDistrict(runtime, 1, { ...rttSizes, ...JOB });
  const t0 = performance.now();
  const seeded = seedPeople(d);
  seedReports(d, seeded);
  const seedS = (performance.now() - t0) / 1000;
  const timeout = timerTimeout();
  fake.rtt = RTT;
  // The run's 40 s budget is wall clock, which here also holds the fake's own scanning of 100,000 whistles:
  // the bench lifts it and compares the time less the fake's with the timeout instead.
  const m = await onTheNetwork(fake, wx, () => periodicJobs(runtime, 3_600_000)).finally(() => (fake.rtt = 0));
  const report = m.result as Awaited<ReturnType<typeof periodicJobs>>;
  const whistles = fake.dump('whistles');
  const leftReminders = whistles.filter((w) => w.open && !w.reminded && String(w.remindAt) <= new Date().toISOString());
  const leftOverdue = whistles.filter((w) => w.open && !w.overdue && String(w.deadlineAt) <= new Date().toISOString());
  const moved = report.reminded + report.overdue;
  const dueMoves = 2 * JOB.due;
  const perMove = moved ? m.ms / moved : 0;
  console.log(
    `\nperiodic job (timer/jobs.ts, one run, its budget lifted) at ${RTT} ms: ${JOB.reports} open whistles, ${JOB.due} due (seeded in ${seedS.toFixed(1)} s)`,
  );
  console.log(
    `  reminded ${report.reminded}, overdue ${report.overdue}, expired claims ${report.expiredClaims}, returned units ${report.returnedUnits} in ${(m.ms / 1000).toFixed(1)} s (wall clock less the fake's own ${(m.fakeMs / 1000).toFixed(1)} s; est ${(m.est / 1000).toFixed(1)} s) against the timer's timeout of ${timeout} s: ${m.ms / 1000 <= timeout ? 'inside' : 'OVER'}`,
  );
  console.log(
    `  ${m.trips} round trips (${m.database} database, ${m.trips - m.database} WeChat), ${m.seq} sequential; ${m.trips ? (m.trips / Math.max(1, moved)).toFixed(1) : 0} per whistle moved`,
  );
  console.log(
    `  still due after the run: ${leftReminders.length} reminders, ${leftOverdue.length} overdue; all ${dueMoves} moves in one run at this pace: ${((perMove * dueMoves) / 1000).toFixed(0)} s (${(perMove * dueMoves) / 1000 <= timeout ? 'inside' : 'over'} ${timeout} s)`,
  );
}

type Answer = Awaited<ReturnType<Main>>;

function tally(answers: Answer[], soldOut = 'POINTS.OUT_OF_STOCK') {
  const code = (a: Answer) => (a.ok ? 'ok' : a.error.code);
  const count = (c: string) => answers.filter((a) => code(a) === c).length;
  const known = ['ok', soldOut, 'BUSY', 'INTERNAL'];
  const other = answers.filter((a) => !known.includes(code(a))).map(code);
  return { ok: count('ok'), soldOut: count(soldOut), busy: count('BUSY'), internal: count('INTERNAL'), other };
}

/** 500 members redeeming an item of stock 50 at the same moment; 300 members checking in to one activity at once. */
async function rushes(fake: CloudbaseFake, wx: Interval[], runtime: Runtime & { store: BenchStore }) {
  fresh(fake);
  const d = makeDistrict(runtime, 1, { ...rttSizes, people: 0 });
  seedPeople(d);
  const members = seedMembers(d.store, 500, 'c1', 'rush');
  seedPoints(d.store, members, 100, 'c1');
  const item = await call(d, 'points', 'saveItem', 'station', {
    name: '限量水杯',
    price: 30,
    stock: 50,
    perMemberLimit: 1,
  });
  fake.rtt = RTT;
  const redeem = await onTheNetwork(fake, wx, () =>
    Promise.all(
      members.map((m) =>
        d.mains.points(
          { action: 'redeem', data: { itemId: item.item.id, requestId: `rush-${m}-0001` } },
          { OPENID: m },
        ),
      ),
    ),
  ).finally(() => (fake.rtt = 0));
  const r = tally(redeem.result as Answer[]);
  const shelf = fake.dump('shopItems').find((x) => x._id === item.item.id);
  const balances = await verifyBalances({ store: d.store });
  console.log(
    `\nrush at ${RTT} ms: 500 members redeem an item of stock 50 at once → ${r.ok} orders, ${r.soldOut} sold out, ${r.busy} BUSY, ${r.internal} INTERNAL${r.other.length ? `, other ${[...new Set(r.other)].join(',')}` : ''} in ${(redeem.ms / 1000).toFixed(1)} s (${redeem.trips} round trips); orders stored ${fake.dump('orders').length}, stock left ${String(shelf?.stock)}, ledger = balances: ${balances.mismatches.length ? `NO (${balances.mismatches.length})` : 'yes'}`,
  );
  const now = Date.now();
  const activity = await call(d, 'checkin', 'createActivity', 'station', {
    title: '主题党日',
    place: '党群服务中心',
    capacity: 1000,
    startAt: new Date(now).toISOString(),
    endAt: new Date(now + 7200_000).toISOString(),
  });
  const code = await call(d, 'checkin', 'activityCode', 'station', { activityId: activity.activity.id, mode: 'fixed' });
  const attendees = members.slice(0, 300);
  fake.rtt = RTT;
  const checkIns = await onTheNetwork(fake, wx, () =>
    Promise.all(
      attendees.map((m) => d.mains.checkin({ action: 'checkIn', data: { token: code.token } }, { OPENID: m })),
    ),
  ).finally(() => (fake.rtt = 0));
  const c = tally(checkIns.result as Answer[]);
  console.log(
    `rush at ${RTT} ms: 300 members check in to one activity at once → ${c.ok} checked in, ${c.busy} BUSY, ${c.internal} INTERNAL${c.other.length ? `, other ${[...new Set(c.other)].join(',')}` : ''} in ${(checkIns.ms / 1000).toFixed(1)} s (${checkIns.trips} round trips); attendances stored ${fake.dump('attendance').length}`,
  );
}
