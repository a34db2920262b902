import { whistleDeadlines } from '../../../cloudfunctions/whistle/whistle-deadlines.job';
import { cloudbaseFake, createHarness, ok, problemInput, type Harness } from '../../support/harness';

/**
 * Issue 16: the whistle counters under faults on the CloudBase path (as tests/functions/faults.test.ts does
 * for the other actions). Requests fail at random before they take effect and after (the reply lost), the
 * client retries with the same input; each change counts once. The invariants compare the counters with
 * the records after the test; here the figures are also checked against the records' states.
 */
function random(seed: number): () => number {
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

/** Faults injected in this file: before a request took effect, and after (the reply lost). */
const injected = { before: 0, after: 0 };

function faults(rand: () => number, on: boolean) {
  const fake = cloudbaseFake();
  // A transaction whose rollback a fault swallowed is aborted by the server after a while, as on CloudBase.
  fake.txIdleRequests = 60;
  fake.failWith = on
    ? () => (rand() < 0.12 ? (injected.before++, FAULTS[Math.floor(rand() * FAULTS.length)]) : undefined)
    : null;
  fake.failAfter = on
    ? () => (rand() < 0.08 ? (injected.after++, { code: 'REQUEST_TIMEOUT', message: 'the reply was lost' }) : undefined)
    : null;
}

/** The client's retry: the same call until it is answered other than by a fault; the last tries run clean. */
async function retried(h: Harness, rand: () => number, call: () => ReturnType<Harness['call']>) {
  faults(rand, true);
  for (let attempt = 1; ; attempt++) {
    if (attempt === 8) faults(rand, false);
    const answer = await call();
    if (answer.ok || !['INTERNAL', 'BUSY'].includes(answer.error.code)) {
      faults(rand, false);
      return answer;
    }
  }
}

jest.setTimeout(60_000);

describe.each([1, 2, 3, 4])('whistle counters under faults, run %i', (run) => {
  test('two rounds of a whistle, every step retried through faults, count once', async () => {
    const h = createHarness({ store: 'cloudbase' });
    const rand = random(16_2026 + run);
    const step = (who: string, action: string, data: object) =>
      retried(h, rand, () => h.call('report', who, action, data));
    const id = ok(await h.call('report', 'demo-resident', 'submitProblem', problemInput)).problem.id as string;
    const whistle = { problemId: id, action: 'whistle', leadDepartment: 'dept1' };
    await step('demo-station', 'triage', { ...whistle, departments: ['dept1', 'dept2'] });
    await step('demo-department', 'acknowledge', { problemId: id });
    h.clock.advance(24 * 3600_000);
    await step('demo-department', 'respond', { problemId: id, result: '已清运' });
    await step('demo-station', 'confirmResult', { problemId: id });
    await step('demo-resident', 'rate', { problemId: id, satisfied: false });
    h.clock.set('2026-12-03T02:00:00.000Z');
    await step('demo-station', 'triage', { ...whistle, departments: ['dept1'] });
    h.clock.advance(73 * 3600_000);
    faults(rand, true);
    await whistleDeadlines(h.runtime).catch(() => undefined);
    faults(rand, false);
    await whistleDeadlines(h.runtime);
    await step('demo-department', 'acknowledge', { problemId: id });
    await step('demo-department', 'respond', { problemId: id, result: '已彻底清理' });
    await step('demo-station', 'confirmResult', { problemId: id });
    await step('demo-resident', 'rate', { problemId: id, satisfied: true });

    expect(h.store.dump('problems').find((p) => p._id === id)).toMatchObject({ status: 'closed', round: 2 });
    const stats = async (month: string) =>
      ok(await h.call('report', 'demo-district', 'problemStats', { month })).departments;
    expect(await stats('2026-11')).toEqual([
      expect.objectContaining({ id: 'dept1', whistled: 1, onTimeRate: 1, resolutionRate: 1, points: 2 }),
      expect.objectContaining({ id: 'dept2', whistled: 1, responseRate: 0, resolutionRate: 0, points: 0 }),
    ]);
    expect(await stats('2026-12')).toEqual([
      expect.objectContaining({ id: 'dept1', whistled: 1, onTimeRate: 0, resolutionRate: 1, satisfactionRate: 1 }),
    ]);
  });
});

afterAll(() => {
  expect(injected.before).toBeGreaterThan(10);
  expect(injected.after).toBeGreaterThan(5);
});
