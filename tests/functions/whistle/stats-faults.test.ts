import { whistleDeadlines } from '../../../cloudfunctions/whistle/whistle-deadlines.job';
import { createHarness, ok, problemInput } from '../../support/harness';
import { injected, injectFaults, random, retried } from '../../support/faults';

/**
 * Issue 16: the whistle counters under faults on the CloudBase path (as tests/functions/faults.test.ts does
 * for the other actions). Requests fail at random before they take effect and after (the reply lost), the
 * client retries with the same input; each change counts once. The invariants compare the counters with
 * the records after the test; here the figures are also checked against the records' states.
 */
jest.setTimeout(60_000);

describe.each([1, 2, 3, 4])('whistle counters under faults, run %i', (run) => {
  test('two rounds of a whistle, every step retried through faults, count once', async () => {
    const h = createHarness({ store: 'cloudbase' });
    const rand = random(16_2026 + run);
    // Faults while a step is retried, none between steps (the test's own reads and the plain calls).
    const step = (who: string, action: string, data: object) => {
      const stop = injectFaults(rand, 0.12, 0.08);
      return retried(h, stop, () => h.call('report', who, action, data)).finally(stop);
    };
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
    const stop = injectFaults(rand, 0.12, 0.08);
    await whistleDeadlines(h.runtime).catch(() => undefined);
    stop();
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
