import { functions, type FunctionName } from '../../cloudfunctions/core/functions';
import { localRuntime } from '../../cloudfunctions/core/platform/local.platform';
import { communityToken } from '../../cloudfunctions/core/runtime/codes';
import type { Main } from '../../cloudfunctions/core/runtime/router';
import type { Runtime } from '../../cloudfunctions/core/runtime/runtime';
import type { SqliteStore } from '../../cloudfunctions/core/store/sqlite.store';
import { seedDemo } from '../../local/demo-data';

export const TEST_SECRET = 'test-secret-0123456789';

/** A frozen clock the test moves by hand. */
export function frozenClock(iso = '2026-11-26T02:00:00.000Z') {
  let now = new Date(iso);
  return { now: () => new Date(now), set: (next: string) => (now = new Date(next)), advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

export type Harness = {
  runtime: Runtime & { store: SqliteStore };
  store: SqliteStore;
  clock: ReturnType<typeof frozenClock>;
  logs: Record<string, unknown>[];
  /** Calls a function's main as the given OPENID (null: no identity), through the real router. */
  call(fn: FunctionName, openid: string | null, action: string, data?: unknown): ReturnType<Main>;
  token(communityId: string): string;
};

/** The real router over a real in-memory SQLite store seeded with the demo district. */
export function createHarness(options: { seed?: boolean } = {}): Harness {
  const clock = frozenClock();
  const runtime = localRuntime({ filename: ':memory:', secret: TEST_SECRET, now: clock.now });
  const logs: Record<string, unknown>[] = [];
  runtime.log = (entry) => logs.push(entry);
  if (options.seed !== false) seedDemo(runtime.store, clock.now());
  const mains = Object.fromEntries(Object.entries(functions).map(([n, f]) => [n, f(() => runtime)])) as Record<FunctionName, Main>;
  return {
    runtime,
    store: runtime.store,
    clock,
    logs,
    call: (fn, openid, action, data) => mains[fn]({ action, data }, openid ? { OPENID: openid } : {}),
    token: (communityId) => communityToken(TEST_SECRET, communityId),
  };
}

/** Unwraps a successful response, failing the test with the error otherwise. */
export function ok<T = any>(response: Awaited<ReturnType<Main>>): T {
  if (!response.ok) throw new Error(`expected ok, got ${JSON.stringify(response.error)}`);
  return response.data as T;
}

export function errorCode(response: Awaited<ReturnType<Main>>): string | null {
  return response.ok ? null : response.error.code;
}

/** A snapshot of every document in the collections, to prove a refused call changed nothing. */
export async function snapshot(store: SqliteStore, collections = ['reports', 'people', 'grants', 'audit']): Promise<string> {
  const all: unknown[] = [];
  for (const c of collections) all.push(store.dump(c));
  return JSON.stringify(all);
}

export const validReport = { name: '李华', phone: '13912345678', orgId: 'org1', unitId: 'huazhongg1u1' };

/** Adds `count` approved members of a community (people + member grants), ids `${prefix}0…`. */
export function addMembers(h: Harness, count: number, communityId = 'huazhong', prefix = 'm'): string[] {
  const ids = Array.from({ length: count }, (_, i) => `${prefix}${i}`);
  h.store.insertMany('people', ids.map((id, i) => ({ _id: id, name: `党员${i}`, phone: `1390000${String(i).padStart(4, '0')}`, communityId, orgId: 'org1', unitId: null, createdAt: '2026-01-01T00:00:00.000Z' })));
  h.store.insertMany('grants', ids.map((id) => ({ _id: `${id}~member`, openid: id, role: 'member', scope: 'community', scopeId: communityId, grantedBy: 'test', at: '2026-01-01T00:00:00.000Z' })));
  return ids;
}

/** Activity input starting `startsIn` minutes from the harness clock and lasting `hours`. */
export function activityInput(h: Harness, overrides: Record<string, unknown> = {}, startsIn = 10, hours = 2) {
  const start = new Date(h.clock.now().getTime() + startsIn * 60_000);
  return {
    title: '主题党日：楼道清洁', place: '华中社区党群服务中心', capacity: 500,
    startAt: start.toISOString(), endAt: new Date(start.getTime() + hours * 3600_000).toISOString(), ...overrides,
  };
}
