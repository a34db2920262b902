import { genericErrors } from '@shared/core/errors';
import { phoneLeaks } from './privacy-scan';
import { contracts, functions, type FunctionName } from '../../cloudfunctions/deployed';
import { localRuntime } from '../../cloudfunctions/core/platform/local.platform';
import type { LocalFiles } from '../../cloudfunctions/core/platform/local-files';
import { communityToken } from '../../cloudfunctions/core/runtime/codes';
import type { Main } from '../../cloudfunctions/core/runtime/router';
import type { Runtime } from '../../cloudfunctions/core/runtime/runtime';
import type { Doc, Store } from '../../cloudfunctions/core/store/store.port';
import { seedDemo } from '../../local/demo-data';
import { seedMembers } from './seed';
import { CloudbaseStore } from '../../cloudfunctions/core/store/cloudbase.store';
import { collections, indexes } from '../../cloudfunctions/deployed/storage';
import { rebuildStats } from '../../cloudfunctions/deployed/stats';
import { CloudbaseFake, sdkDatabase } from '../store/support/cloudbase-fake';

export const TEST_SECRET = 'test-secret-0123456789';

/** A frozen clock the test moves by hand. */
export function frozenClock(iso = '2026-11-26T02:00:00.000Z') {
  let now = new Date(iso);
  return {
    now: () => new Date(now),
    set: (next: string) => (now = new Date(next)),
    advance: (ms: number) => (now = new Date(now.getTime() + ms)),
  };
}

/** A store the tests can also seed and read whole collections of. */
export type TestStore = Store & { dump(collection: string): Doc[]; insertMany(collection: string, docs: Doc[]): void };

export type Harness = {
  runtime: Runtime & { store: TestStore };
  store: TestStore;
  clock: ReturnType<typeof frozenClock>;
  logs: Record<string, unknown>[];
  /** Calls a function's main as the given OPENID (null: no identity), through the real router. */
  call(fn: FunctionName, openid: string | null, action: string, data?: unknown): ReturnType<Main>;
  token(communityId: string): string;
  /** A photo `openid` uploaded (as the local server keeps one): its id, which only they may attach. */
  upload(openid: string): string;
  /** The local run's storage the uploads are kept in (and its signed URLs checked by). */
  files: LocalFiles;
};

/** The first bytes of a JPEG: all an upload needs here. */
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);

/**
 * The real router over a real in-memory SQLite store seeded with the demo district. With
 * HONGLING_TEST_STORE=cloudbase the same tests run over the CloudBase adapter and the real SDK, its
 * network answered by the fake CloudBase (`npm run test:cloudbase`).
 */
const made: Harness[] = [];

/** The harnesses made since the last call (the invariants are checked on each after every test). */
export function takeHarnesses(): Harness[] {
  return made.splice(0);
}

/** `store: 'cloudbase'` runs over the CloudBase adapter and the fake whatever the environment says (fault tests). */
export function createHarness(options: { seed?: boolean; store?: 'sqlite' | 'cloudbase' } = {}): Harness {
  const clock = frozenClock();
  const local = localRuntime({
    filename: ':memory:',
    secret: TEST_SECRET,
    indexes,
    now: clock.now,
  });
  const runtime: Harness['runtime'] = local;
  // Kept apart: a test may put another platform's storage in the runtime (the CloudBase one over its fake).
  const files = local.files;
  if (options.store === 'cloudbase' || (options.store !== 'sqlite' && process.env.HONGLING_TEST_STORE === 'cloudbase'))
    runtime.store = cloudbaseTestStore();
  const logs: Record<string, unknown>[] = [];
  runtime.log = (entry) => logs.push(entry);
  if (options.seed !== false) seedDemo(runtime.store, clock.now());
  const mains = Object.fromEntries(Object.entries(functions).map(([n, f]) => [n, f(() => runtime)])) as Record<
    FunctionName,
    Main
  >;
  const harness: Harness = {
    runtime,
    store: runtime.store,
    clock,
    logs,
    call: async (fn, openid, action, data) => {
      const response = await mains[fn]({ action, data }, openid ? { OPENID: openid } : {});
      if (!response.ok) expectDeclared(fn, action, response.error.code);
      const leaks = phoneLeaks(runtime.store, openid, response);
      if (leaks.length)
        throw new Error(
          `${fn}.${action} showed ${openid ?? 'nobody'} full phone numbers it may not see: ${leaks.join(', ')}`,
        );
      return response;
    },
    token: (communityId) => communityToken(TEST_SECRET, communityId),
    upload: (openid) => files.save(openid, JPEG, 'jpg'),
    files,
  };
  made.push(harness);
  return harness;
}

/**
 * Every failure any function test meets must be one its action declares (or a generic one): the contract
 * says what an action can return, and the tests hold it to that. INTERNAL is never an answer to input.
 */
export function expectDeclared(fn: FunctionName, action: string, code: string): void {
  // An injected infrastructure fault answers INTERNAL (the tests that inject one check it); no input may.
  if (fn === 'timer' || code === 'ACTION.UNKNOWN' || code === 'INTERNAL') return;
  const def = (contracts[fn] as Record<string, { errors: readonly string[] }>)[action];
  const declared = [...genericErrors, ...(def?.errors ?? [])];
  if (!declared.includes(code))
    throw new Error(`${fn}.${action} answered ${code}, which its contract does not declare (${declared.join(', ')})`);
}

/** Unwraps a successful response, failing the test with the error otherwise. */
export function ok<T = any>(response: Awaited<ReturnType<Main>>): T {
  if (!response.ok) throw new Error(`expected ok, got ${JSON.stringify(response.error)}`);
  return response.data as T;
}

/**
 * The outcome of many calls racing for `winners` places. On SQLite exactly `winners` succeed and every
 * other call fails with `loser`. Over CloudBase a transaction that keeps meeting other writers gives up
 * with BUSY (the person retries), so fewer may win — never more — and only when some answered BUSY.
 */
export function expectRace(results: Array<Awaited<ReturnType<Main>>>, winners: number, loser: string): number {
  const won = results.filter((r) => r.ok).length;
  const busy = results.filter((r) => errorCode(r) === 'BUSY').length;
  if (process.env.HONGLING_TEST_STORE !== 'cloudbase') expect(busy).toBe(0);
  if (busy === 0) expect(won).toBe(winners);
  else expect(won).toBeLessThanOrEqual(winners);
  expect(results.filter((r) => errorCode(r) === loser)).toHaveLength(results.length - won - busy);
  return won;
}

export function errorCode(response: Awaited<ReturnType<Main>>): string | null {
  return response.ok ? null : response.error.code;
}

/** A snapshot of every document in the collections, to prove a refused call changed nothing. */
export async function snapshot(
  store: TestStore,
  collections = ['reports', 'people', 'grants', 'audit'],
): Promise<string> {
  const all: unknown[] = [];
  for (const c of collections) all.push(store.dump(c));
  return JSON.stringify(all);
}

export const validReport = { name: '李华', phone: '13912345678', orgId: 'org1', unitId: 'huazhongg1u1' };

/** A resident's valid micro-wish in the demo community. */
export const wishInput = {
  title: '帮忙修理漏水的水龙头',
  description: '厨房水龙头一直滴水，家里只有老人，希望有人帮忙修一下',
  category: '维修服务',
  unitId: 'huazhongg1u1',
  phone: '13600001111',
};

/**
 * After a test writes records straight into the store (not through an action), the dashboards' counters
 * are made again from the records, as the deploy's rebuild does (the invariants compare them after the test).
 */
export async function recount(h: Harness): Promise<void> {
  await rebuildStats(h.store);
}

/** Adds `count` approved members of a community (people + member grants), ids `${prefix}0…`. */
export function addMembers(h: Harness, count: number, communityId = 'huazhong', prefix = 'm'): string[] {
  return seedMembers(h.store, count, communityId, prefix);
}

/** Activity input starting `startsIn` minutes from the harness clock and lasting `hours`. */
export function activityInput(h: Harness, overrides: Record<string, unknown> = {}, startsIn = 10, hours = 2) {
  const start = new Date(h.clock.now().getTime() + startsIn * 60_000);
  return {
    title: '主题党日：楼道清洁',
    place: '华中社区党群服务中心',
    capacity: 500,
    startAt: start.toISOString(),
    endAt: new Date(start.getTime() + hours * 3600_000).toISOString(),
    ...overrides,
  };
}

// Every request goes through the SDK's signing and HTTP layers: the big concurrency tests need longer.
if (process.env.HONGLING_TEST_STORE === 'cloudbase') jest.setTimeout(120_000);

let fake: CloudbaseFake | null = null;

/** The fake CloudBase behind the harnesses of this test file (for fault injection). */
export function cloudbaseFake(): CloudbaseFake {
  if (!fake) throw new Error('no CloudBase harness made yet');
  return fake;
}

/** The CloudBase adapter over the real SDK, its requests answered by one fake CloudBase per test file. */
function cloudbaseTestStore(): TestStore {
  fake ??= new CloudbaseFake().install();
  fake.reset();
  for (const name of collections) fake.createCollection(name);
  // Every collection a function writes must be declared (the deploy creates only those).
  fake.failWith = (r) =>
    r.action === 'database.addCollection'
      ? { code: 'DATABASE_PERMISSION_DENIED', message: `undeclared collection ${String(r.body.collectionName)}` }
      : undefined;
  const store = new CloudbaseStore(sdkDatabase(), { indexes });
  const f = fake;
  return Object.assign(store, {
    dump: (c: string) => f.dump(c),
    insertMany: (c: string, docs: Doc[]) => f.insertMany(c, docs),
  });
}

/** A resident's valid problem report in the demo community. */
export const problemInput = {
  category: '环境卫生',
  description: '3栋楼下垃圾堆放多日无人清运，气味很大',
  unitId: 'huazhongg1u1',
  phone: '13600002222',
};

/** The demo resident reports a problem and the station whistles to `departments` (the first leads): the problem's view. */
export async function reportAndWhistle(h: Harness, departments = ['dept1']): Promise<any> {
  const problemId = ok(await h.call('report', 'demo-resident', 'submitProblem', problemInput)).problem.id;
  return ok(
    await h.call('report', 'demo-station', 'triage', {
      problemId,
      action: 'whistle',
      departments,
      leadDepartment: departments[0],
    }),
  ).problem;
}
