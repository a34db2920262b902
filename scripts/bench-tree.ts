import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { localRuntime } from '../cloudfunctions/core/platform/local.platform';
import type { Runtime } from '../cloudfunctions/core/runtime/runtime';
import { CloudbaseStore } from '../cloudfunctions/core/store/cloudbase.store';
import type { Doc } from '../cloudfunctions/core/store/store.port';
import { functions } from '../cloudfunctions/deployed';
import { collections, indexes } from '../cloudfunctions/deployed/storage';
import type { TreeRows } from '../cloudfunctions/org/tree.import';
import { writeTreeXlsx } from '../cloudfunctions/org/tree.xlsx';
import { CloudbaseFake, sdkDatabase } from '../tests/store/support/cloudbase-fake';

/**
 * Issue 15's figure: the district imports a 300-community, 3,000-unit tree from the app (`org.importTree`),
 * over the CloudBase adapter and SDK with the fake CloudBase answering each request after 10 ms (as
 * scripts/bench-rtt.ts). Per run: the requests, the longest chain of them each sent after the one before was
 * answered, the time less the fake's own, against the org function's timeout (cloudbaserc.json). Three runs:
 * the first import, the same file again (nothing to write), and the file with one wrong row (the report).
 * `npm run bench -- tree` runs only this.
 */
const RTT = Number(process.env.BENCH_RTT_MS ?? 10);
const SECRET = 'bench-secret-tree-0123456789';
const DISTRICT = 'bz';
const ADMIN = 'bench-district-admin';
const SIZE = { communities: 300, gridsPerCommunity: 2, unitsPerGrid: 5, orgs: 60, departments: 30 };

type Interval = { sentAt: number; answeredAt: number };

/** The longest chain of requests each sent after the one before it was answered. */
function sequential(intervals: Interval[]): number {
  const sorted = [...intervals].sort((a, b) => a.answeredAt - b.answeredAt);
  const depth: number[] = [];
  sorted.forEach((x, i) => {
    let best = 0;
    for (let j = 0; j < i; j++)
      if ((sorted[j] as Interval).answeredAt <= x.sentAt) best = Math.max(best, depth[j] ?? 0);
    depth.push(best + 1);
  });
  return Math.max(0, ...depth);
}

function treeFile(): TreeRows {
  const rows: TreeRows = { community: [], grid: [], unit: [], org: [], department: [] };
  const status = '在用';
  for (let c = 1; c <= SIZE.communities; c++) {
    const communityId = `c${c}`;
    rows.community.push({ row: c + 1, id: communityId, name: `第${c}社区`, status });
    for (let g = 1; g <= SIZE.gridsPerCommunity; g++) {
      const gridId = `${communityId}g${g}`;
      rows.grid.push({
        row: rows.grid.length + 2,
        id: gridId,
        name: `第${g}网格`,
        seq: String(g),
        parentId: communityId,
        status,
      });
      for (let u = 1; u <= SIZE.unitsPerGrid; u++)
        rows.unit.push({
          row: rows.unit.length + 2,
          id: `${gridId}u${u}`,
          name: `${g}${String(u).padStart(2, '0')}栋1单元`,
          seq: String(u),
          parentId: gridId,
          status,
        });
    }
  }
  for (let o = 1; o <= SIZE.orgs; o++) rows.org.push({ row: o + 1, id: `org${o}`, name: `区第${o}机关党支部`, status });
  for (let d = 1; d <= SIZE.departments; d++)
    rows.department.push({ row: d + 1, id: `dept${d}`, name: `区第${d}职能部门`, status });
  return rows;
}

function orgTimeout(): number {
  const rc = JSON.parse(readFileSync(resolve(__dirname, '../cloudbaserc.json'), 'utf8')) as {
    functions: Array<{ name: string; timeout?: number }>;
  };
  return rc.functions.find((f) => f.name === 'org')?.timeout ?? 3;
}

export async function benchTree(): Promise<void> {
  const fake = new CloudbaseFake().install();
  try {
    fake.reset();
    for (const name of collections) fake.createCollection(name);
    const store = new CloudbaseStore(sdkDatabase(), { indexes });
    const runtime: Runtime = Object.assign(localRuntime({ filename: ':memory:', secret: SECRET, indexes }), {
      store,
      log: (entry: Record<string, unknown>) => console.error(JSON.stringify(entry)),
    });
    fake.insertMany('districts', [{ _id: DISTRICT, name: '测试区' } as Doc]);
    fake.insertMany('grants', [
      {
        _id: `${ADMIN}~districtAdmin`,
        openid: ADMIN,
        role: 'districtAdmin',
        scope: 'district',
        scopeId: DISTRICT,
        grantedBy: 'bench',
        at: new Date().toISOString(),
        districtId: DISTRICT,
        communityId: null,
      } as Doc,
    ]);
    const rows = treeFile();
    const t0 = performance.now();
    const bytes = await writeTreeXlsx(rows, '测试区');
    const writeMs = performance.now() - t0;
    const files = runtime.files as NonNullable<Runtime['files']> & { save(o: string, b: Buffer, t: 'xlsx'): string };
    const org = functions.org(() => runtime);
    const timeout = orgTimeout();
    const total = Object.values(rows).reduce((n, list) => n + list.length, 0);
    console.log(
      `\norganisation tree import (org.importTree) over the CloudBase adapter at ${RTT} ms a request: ${SIZE.communities} communities, ${rows.grid.length} grids, ${rows.unit.length} units, ${SIZE.orgs} organisations, ${SIZE.departments} departments (${total} rows; the xlsx is ${(bytes.length / 1024).toFixed(0)} KB, written in ${writeMs.toFixed(0)} ms)`,
    );
    const run = async (label: string, file: Buffer) => {
      const fileId = files.save(ADMIN, file, 'xlsx');
      const first = fake.requests.length;
      fake.rtt = RTT;
      const cpu0 = process.cpuUsage();
      const t = performance.now();
      const response = await org({ action: 'importTree', data: { fileId } }, { OPENID: ADMIN }).finally(
        () => (fake.rtt = 0),
      );
      const wall = performance.now() - t;
      const cpu = process.cpuUsage(cpu0);
      const requests = fake.requests.slice(first);
      const fakeMs = requests.reduce((sum, r) => sum + (r.handleMs ?? 0), 0);
      const seq = sequential(requests.map((r) => ({ sentAt: r.sentAt ?? 0, answeredAt: r.answeredAt ?? 0 })));
      const byKind = new Map<string, number>();
      for (const r of requests) {
        const kind = `${r.action.replace('database.', '')}${r.body.collectionName === 'audit' ? ' (audit)' : ''}`;
        byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
      }
      const data = response.ok
        ? (response.data as {
            written: boolean;
            problems: unknown[];
            counts: Record<string, { added: number; changed: number }>;
          })
        : null;
      const outcome = !data
        ? `failed: ${JSON.stringify(!response.ok && response.error)}`
        : data.written
          ? `written: ${Object.entries(data.counts)
              .map(([k, c]) => `${k} +${c.added}/~${c.changed}`)
              .join(', ')}`
          : `not written, ${data.problems.length} problem(s)`;
      const ms = wall - fakeMs;
      // As scripts/bench-rtt.ts: the network on the critical path, plus this process's CPU less the fake's (the
      // function, exceljs, the SDK, and nock, which intercepts every request here and is not there on CloudBase).
      const est = seq * RTT + Math.max(0, (cpu.user + cpu.system) / 1000 - fakeMs);
      console.log(
        `  ${label.padEnd(26)}${(ms / 1000).toFixed(1).padStart(6)} s (est ${(est / 1000).toFixed(1)} s)  ${String(requests.length).padStart(6)} requests, ${String(seq).padStart(4)} sequential  (${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ')})`,
      );
      console.log(
        `  ${''.padEnd(26)}${outcome}; ${ms / 1000 <= timeout ? 'inside' : 'OVER'} the org function's timeout of ${timeout} s`,
      );
    };
    await run('first import', bytes);
    await run('the same file again', bytes);
    const broken = treeFile();
    broken.unit.push({
      row: broken.unit.length + 2,
      id: 'bad',
      name: '错行',
      seq: '1',
      parentId: 'nowhere',
      status: '在用',
    });
    await run('a file with one wrong row', await writeTreeXlsx(broken, '测试区'));
  } finally {
    fake.uninstall();
  }
}
