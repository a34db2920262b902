import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import { functions } from '../cloudfunctions/deployed';
import { localRuntime } from '../cloudfunctions/core/platform/local.platform';
import { indexes } from '../cloudfunctions/deployed/storage';
import { whistleDeadlines } from '../cloudfunctions/whistle/whistle-deadlines.job';
import { verifyBalances } from '../cloudfunctions/points/ledger';
import { expireClaims } from '../cloudfunctions/wish/expire-claims.job';
import { createLocalServer } from '../local/server';
import { issueSession } from '../local/session';
import {
  districtSizes,
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
  type Case,
  type Seeded,
} from './bench-district';
import { benchRtt } from './bench-rtt';
import { benchTree } from './bench-tree';
import { benchExports } from './bench-exports';
import { benchDashboard } from './bench-dashboard';
import { probeBundle } from './bundle-probe';
import { kb, MAIN_PACKAGE_GOAL, WECHAT_LIMITS, weappPackages } from './weapp-packages';

/**
 * Figures for every action on a district-sized store (20,000 people, 3,000 units): median and p99 time per
 * action through `main`, and store operations per action; then the races, the periodic runs, a burst over
 * HTTP, the weapp packages' sizes (the main package and each subpackage), the bundles, and every action again
 * over the CloudBase adapter with a 10 ms round trip (scripts/bench-rtt.ts). The district and its cases are
 * scripts/bench-district.ts.
 * Prints fixed-width tables that are easy to compare between runs. Not a test: no assertions on time.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 300);
const SECRET = 'bench-secret';

let ops = 0;
const runtime = localRuntime({ filename: ':memory:', secret: SECRET, indexes, onOperation: () => void ops++ });
const store = runtime.store;
// An action that fails the same way every round is logged once, not once a round.
const logged = new Set<string>();
runtime.log = (entry) => {
  const key = `${String(entry.fn)}.${String(entry.action)}: ${String(entry.error).split('\n')[0]}`;
  if (!logged.has(key)) console.error(logged.add(key) && `logged (once): ${key}`);
};
const district = makeDistrict(runtime, ROUNDS, districtSizes);
const mains = district.mains;

async function measure(c: Case) {
  const times: number[] = [];
  let opsTotal = 0;
  let errors = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const before = ops;
    const { response, ms } = await runRound(district, c, i);
    times.push(ms);
    opsTotal += ops - before;
    if (!response.ok) errors++;
  }
  return { median: quantile(times, 0.5), p99: quantile(times, 0.99), ops: opsTotal / ROUNDS, errors };
}

/** Each case's setup, then its rounds, one line each. */
async function runCases(cases: Case[]): Promise<void> {
  for (const c of cases) {
    await c.before?.();
    const r = await measure(c);
    console.log(
      `${c.name.padEnd(32)}${r.median.toFixed(2).padStart(10)}${r.p99.toFixed(2).padStart(10)}${r.ops.toFixed(1).padStart(11)}${String(r.errors).padStart(8)}`,
    );
  }
}

/** 50,000 wishes across the district: the wish actions, the 50-way claim race, one expiry run. */
async function benchWishes(seeded: Seeded) {
  const t0 = performance.now();
  const w = seedWishes(district, seeded);
  console.log(`\nwishes: ${districtSizes.wishes} seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await runCases(wishCases(district, seeded, w));
  const raced = w.openInC1[w.openInC1.length - 1] as string;
  const racers = seeded.membersOfC1.slice(-50);
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
    `expiry: first run returned ${expired} stale claims to open in ${ms.toFixed(0)} ms (cap 5,000 a run, 25 at a time); ${runs} runs cleared ${expired + rest}; one more run: ${await expireClaims(runtime)}`,
  );
  runtime.now = () => new Date();
}

/** 500,000 ledger entries for 20,000 members: the points actions, and rebuilding every balance from the ledger. */
async function benchPoints(seeded: Seeded) {
  const t0 = performance.now();
  seedLedger(district);
  console.log(
    `\npoints: ${districtSizes.people * districtSizes.ledgerEach} ledger entries for ${districtSizes.people} members seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  await runCases(await pointsCases(district, seeded));
  const v0 = performance.now();
  const check = await verifyBalances({ store });
  console.log(
    `rebuild + verify every balance from the ledger: ${check.entries} entries, ${check.accounts} accounts, ${check.mismatches.length} mismatches in ${((performance.now() - v0) / 1000).toFixed(1)} s`,
  );
}

/** 100,000 problem reports with 100,000 open whistles, 5,000 of them due: the actions and one periodic run. */
async function benchReports(seeded: Seeded) {
  const { reports, due } = districtSizes;
  const t0 = performance.now();
  const r = seedReports(district, seeded);
  console.log(
    `\nreports: ${reports} problems and open whistles (${due} due) seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  await runCases(reportCases(district, r));
  const before = ops;
  const p0 = performance.now();
  let runs = 0;
  let total = { reminded: 0, overdue: 0 };
  for (;;) {
    const result = await whistleDeadlines(runtime, 10_000);
    runs++;
    total = { reminded: total.reminded + result.reminded, overdue: total.overdue + result.overdue };
    if (!result.reminded && !result.overdue) break;
  }
  console.log(
    `periodic run over ${reports} open whistles (${due} due): reminded ${total.reminded}, overdue ${total.overdue} in ${((performance.now() - p0) / 1000).toFixed(1)} s, ${ops - before} store operations, ${runs} runs (the last finds nothing)`,
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

/**
 * The weapp build's packages as WeChat counts them (scripts/weapp-packages.ts): the main package against
 * the 400 KB goal, each subpackage (分包) against WeChat's 2 MB, and all of them against its 20 MB.
 */
function benchWeapp(): void {
  const weapp = resolve(__dirname, '../dist/weapp');
  console.log('\nweapp packages (npm run build:weapp)');
  if (!existsSync(join(weapp, 'app.json'))) return console.log('  not built (npm run build:weapp)');
  const packages = weappPackages(weapp);
  console.log(
    `${'package'.padEnd(32)}${'pages'.padStart(6)}${'files'.padStart(7)}${'KB'.padStart(9)}${'limit KB'.padStart(10)}`,
  );
  for (const p of packages)
    console.log(
      `${(p.root || 'main').padEnd(32)}${String(p.pages.length).padStart(6)}${String(p.files.length).padStart(7)}${kb(p.bytes).padStart(9)}${kb(p.root ? WECHAT_LIMITS.package : MAIN_PACKAGE_GOAL).padStart(10)}`,
    );
  const total = packages.reduce((sum, p) => sum + p.bytes, 0);
  console.log(
    `${'all packages'.padEnd(32)}${''.padStart(13)}${kb(total).padStart(9)}${kb(WECHAT_LIMITS.total).padStart(10)}`,
  );
}

async function main() {
  // `npm run bench -- bundles`: only the bundles' sizes and load times; `-- rtt`: only the round-trip section.
  if (process.argv.includes('bundles')) return benchBundles();
  if (process.argv.includes('rtt')) return benchRtt();
  // `-- tree`: only the organisation tree's import of a 300-community, 3,000-unit file (scripts/bench-tree.ts).
  if (process.argv.includes('tree')) return benchTree();
  // `-- dashboard`: only the dashboards of a 300-community district (scripts/bench-dashboard.ts).
  if (process.argv.includes('dashboard')) return benchDashboard();
  // `-- exports`: only the district's five xlsx exports of a 20,000-member district (scripts/bench-exports.ts).
  if (process.argv.includes('exports')) return benchExports();
  // `-- weapp`: only the weapp packages' sizes.
  if (process.argv.includes('weapp')) return benchWeapp();
  const t0 = performance.now();
  const seeded = seedPeople(district);
  console.log(
    `store: ${districtSizes.people} people, ${seeded.tree.units.length} units, ${seeded.tree.communities.length} communities, seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${ROUNDS} rounds per action\n`,
  );
  console.log(
    `${'action'.padEnd(32)}${'median ms'.padStart(10)}${'p99 ms'.padStart(10)}${'store ops'.padStart(11)}${'errors'.padStart(8)}`,
  );
  await runCases(await peopleCases(district, seeded, SECRET));
  await benchWishes(seeded);
  await benchPoints(seeded);
  await benchReports(seeded);
  await burst();
  benchWeapp();
  benchBundles();
  await store.close();
  await benchRtt();
  await benchTree();
  await benchExports();
  await benchDashboard();
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
