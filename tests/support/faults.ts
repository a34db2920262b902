import { cloudbaseFake, type Harness } from './harness';

/**
 * Faults on the CloudBase path for the fault suites (tests/functions/faults.test.ts, whistle/stats-faults.test.ts):
 * a seeded random source, the fake CloudBase failing requests at random before they take effect and after (the
 * reply lost), and the client's retry of one action with the same input.
 */

/** A small seeded random source (mulberry32): a run's faults are the same every time. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FAULTS = [
  { code: 'SYS_ERR', message: 'internal server error' },
  { code: 'DATABASE_TRANSACTION_CONFLICT', message: 'write conflict' },
  { code: 'DATABASE_TRANSACTION_FAIL', message: '[ResourceUnavailable.TransactionNotExist]' },
];

/**
 * Faults injected in the test file using this module (jest gives each file its own): before a request took
 * effect, and after (the reply lost).
 */
export const injected = { before: 0, after: 0 };

/** Turns faults on at the given rates; returns a switch to turn them off. */
export function injectFaults(rand: () => number, before: number, after: number): () => void {
  const fake = cloudbaseFake();
  // A transaction whose rollback a fault swallowed is aborted by the server after a while, as on CloudBase.
  fake.txIdleRequests = 60;
  fake.failWith = () => {
    if (rand() >= before) return undefined;
    injected.before++;
    return FAULTS[Math.floor(rand() * FAULTS.length)];
  };
  fake.failAfter = () => {
    if (rand() >= after) return undefined;
    injected.after++;
    return { code: 'REQUEST_TIMEOUT', message: 'the reply was lost' };
  };
  return () => {
    fake.failWith = null;
    fake.failAfter = null;
  };
}

/** The client's retry: the same call until it is answered other than by a fault; the last tries run clean. */
export async function retried(h: Harness, stopFaults: () => void, call: () => ReturnType<Harness['call']>) {
  for (let attempt = 1; ; attempt++) {
    if (attempt === 8) stopFaults();
    const answer = await call();
    if (answer.ok || !['INTERNAL', 'BUSY'].includes(answer.error.code)) return answer;
    if (attempt > 20) {
      const open = [
        ...(
          cloudbaseFake() as unknown as {
            txs: Map<string, { open: boolean; writes: Map<string, unknown>; touched: number }>;
          }
        ).txs,
      ]
        .filter(([, t]) => t.open)
        .map(([id, t]) => `${id}:${[...t.writes.keys()].join(',')}@${t.touched}`);
      throw new Error(
        `still failing: ${answer.error.code}; open: ${open.join(' ')}; requests ${cloudbaseFake().requests.length}; ${JSON.stringify(h.logs.slice(-2))}`,
      );
    }
  }
}
