import { whistleDeadlines } from '../../../cloudfunctions/whistle/whistle-deadlines.job';
import { createHarness, errorCode, ok, type Harness } from '../../support/harness';

const problemInput = {
  category: '环境卫生',
  description: '3栋楼下垃圾堆放多日无人清运，气味很大',
  unitId: 'huazhongg1u1',
  phone: '13600002222',
};

describe('吹哨报到: me too, not ours, progress', () => {
  let h: Harness;
  let id: string;
  beforeEach(async () => {
    h = createHarness();
    id = ok(await h.call('report', 'demo-resident', 'submitProblem', problemInput)).problem.id;
  });

  test('a neighbour sees the open problem nearby and adds "me too" once', async () => {
    const nearby = ok(await h.call('report', 'demo-member', 'nearbyProblems', { unitId: 'huazhongg1u2' }));
    expect(nearby.items.map((p: { id: string }) => p.id)).toEqual([id]);
    expect(nearby.items[0].reporterName).toBeNull();
    expect(ok(await h.call('report', 'demo-member', 'meToo', { problemId: id }))).toMatchObject({
      changed: true,
      problem: { meToo: 1 },
    });
    expect(ok(await h.call('report', 'demo-member', 'meToo', { problemId: id }))).toMatchObject({
      changed: false,
      problem: { meToo: 1 },
    });
    expect(errorCode(await h.call('report', 'demo-resident', 'meToo', { problemId: id }))).toBe('REPORT.BAD_STATE');
    expect(ok(await h.call('report', 'demo-member', 'nearbyProblems', { unitId: 'huazhongg2u1' })).items).toEqual([]);
  });

  test('the lead department says it is not theirs: back to the station, which re-routes it', async () => {
    ok(
      await h.call('report', 'demo-station', 'triage', {
        problemId: id,
        action: 'whistle',
        departments: ['dept1'],
        leadDepartment: 'dept1',
      }),
    );
    const back = ok(
      await h.call('report', 'demo-department', 'notOurs', { problemId: id, belongsTo: '小区物业公司' }),
    ).problem;
    expect(back.status).toBe('returned');
    expect(back.timeline.at(-1).note).toBe('非本部门职责，建议由小区物业公司处理');
    expect(
      ok(await h.call('report', 'demo-station', 'inbox', {})).items.some(
        (m: { title: string }) => m.title === '部门退回吹哨',
      ),
    ).toBe(true);
    expect(
      ok(
        await h.call('report', 'demo-station', 'triage', {
          problemId: id,
          action: 'whistle',
          departments: ['dept2'],
          leadDepartment: 'dept2',
        }),
      ).problem.status,
    ).toBe('whistled');
    expect(errorCode(await h.call('report', 'demo-department', 'notOurs', { problemId: id, belongsTo: '物业' }))).toBe(
      'AUTH.OUT_OF_SCOPE',
    );
  });

  test('progress notes join the timeline without changing the state', async () => {
    ok(
      await h.call('report', 'demo-station', 'triage', {
        problemId: id,
        action: 'whistle',
        departments: ['dept1'],
        leadDepartment: 'dept1',
      }),
    );
    ok(await h.call('report', 'demo-department', 'acknowledge', { problemId: id }));
    const p = ok(
      await h.call('report', 'demo-department', 'addProgress', { problemId: id, note: '已派人现场查看，明天清运' }),
    ).problem;
    expect(p.status).toBe('acknowledged');
    expect(p.timeline.at(-1)).toMatchObject({
      from: 'acknowledged',
      to: 'acknowledged',
      note: '已派人现场查看，明天清运',
    });
    expect(errorCode(await h.call('report', 'demo-member', 'addProgress', { problemId: id, note: '进展' }))).toBe(
      'AUTH.FORBIDDEN',
    );
  });
});

/**
 * The four rates on a fixed data set, worked out by hand:
 *   P1: 城管局 (lead) + 住建局; both acknowledge; the lead answers on time; confirmed; rated satisfied.
 *   P2: 城管局 alone; acknowledged; answered 4 days later (late); confirmed; rated not satisfied.
 *   P3: 城管局 alone; never acknowledged; overdue.
 * 城管局: 3 whistles, 2 acknowledged (0.667), 1 on time (0.333), 2 resolved (0.667), 1 of 2 ratings satisfied (0.5);
 *         points 2 (on time) + 1 (late) - 1 (overdue) = 2.
 * 住建局: 1 whistle, acknowledged, on time (the lead's answer), resolved, satisfied: all 1; points 2.
 * 华中社区: 4 whistles, 3 acknowledged (0.75), 2 on time (0.5), 3 resolved (0.75), 2 of 3 ratings satisfied (0.667).
 */
describe('吹哨报到 statistics', () => {
  test('a month of whistles gives the hand-worked rates and points', async () => {
    const h: Harness = createHarness();
    await h.store.insert('grants', {
      _id: 'd2~department',
      openid: 'd2user',
      role: 'department',
      scope: 'department',
      scopeId: 'dept2',
      grantedBy: 't',
      at: 't',
    });
    const submit = async () =>
      ok(await h.call('report', 'demo-resident', 'submitProblem', problemInput)).problem.id as string;
    const whistle = (problemId: string, departments: string[]) =>
      h.call('report', 'demo-station', 'triage', {
        problemId,
        action: 'whistle',
        departments,
        leadDepartment: 'dept1',
      });
    const [p1, p2, p3] = [await submit(), await submit(), await submit()];
    ok(await whistle(p1, ['dept1', 'dept2']));
    ok(await whistle(p2, ['dept1']));
    ok(await whistle(p3, ['dept1']));
    for (const [who, p] of [
      ['demo-department', p1],
      ['d2user', p1],
      ['demo-department', p2],
    ] as const)
      ok(await h.call('report', who, 'acknowledge', { problemId: p }));
    h.clock.advance(24 * 3600_000);
    ok(await h.call('report', 'demo-department', 'respond', { problemId: p1, result: '已清运' }));
    ok(await h.call('report', 'demo-station', 'confirmResult', { problemId: p1 }));
    ok(await h.call('report', 'demo-resident', 'rate', { problemId: p1, satisfied: true }));
    h.clock.advance(3 * 24 * 3600_000);
    await whistleDeadlines(h.runtime);
    ok(await h.call('report', 'demo-department', 'respond', { problemId: p2, result: '已清运' }));
    ok(await h.call('report', 'demo-station', 'confirmResult', { problemId: p2 }));
    ok(await h.call('report', 'demo-resident', 'rate', { problemId: p2, satisfied: false }));
    const stats = ok(await h.call('report', 'demo-district', 'problemStats', { month: '2026-11' }));
    expect(stats.departments).toEqual([
      {
        id: 'dept1',
        name: '区城管局',
        whistled: 3,
        responseRate: 0.667,
        onTimeRate: 0.333,
        resolutionRate: 0.667,
        satisfactionRate: 0.5,
        points: 2,
      },
      {
        id: 'dept2',
        name: '区住建局',
        whistled: 1,
        responseRate: 1,
        onTimeRate: 1,
        resolutionRate: 1,
        satisfactionRate: 1,
        points: 2,
      },
    ]);
    expect(stats.communities).toEqual([
      {
        id: 'huazhong',
        name: '华中社区',
        whistled: 4,
        responseRate: 0.75,
        onTimeRate: 0.5,
        resolutionRate: 0.75,
        satisfactionRate: 0.667,
      },
    ]);
    expect(ok(await h.call('report', 'demo-district', 'problemStats', { month: '2026-10' })).departments).toEqual([]);
    expect(errorCode(await h.call('report', 'demo-station', 'problemStats', { month: '2026-11' }))).toBe(
      'AUTH.FORBIDDEN',
    );
    expect(errorCode(await h.call('report', 'demo-district', 'problemStats', { month: '2026-13' }))).toBe(
      'INPUT.INVALID',
    );
  });
});

/** Issue 12, defect 7: the lead's answer closes the round, but a department that never reported in earns nothing. */
test('a co-department that never acknowledged is not shown as answered and earns no points', async () => {
  const h: Harness = createHarness();
  const id = ok(await h.call('report', 'demo-resident', 'submitProblem', problemInput)).problem.id as string;
  ok(
    await h.call('report', 'demo-station', 'triage', {
      problemId: id,
      action: 'whistle',
      departments: ['dept1', 'dept3'],
      leadDepartment: 'dept1',
    }),
  );
  ok(await h.call('report', 'demo-department', 'acknowledge', { problemId: id }));
  const answered = ok(
    await h.call('report', 'demo-department', 'respond', { problemId: id, result: '已清运' }),
  ).problem;
  expect(answered.departments).toEqual([
    expect.objectContaining({ id: 'dept1', status: '已反馈' }),
    expect.objectContaining({ id: 'dept3', status: '未报到' }),
  ]);
  ok(await h.call('report', 'demo-station', 'confirmResult', { problemId: id }));
  const stats = ok(await h.call('report', 'demo-district', 'problemStats', { month: '2026-11' }));
  expect(stats.departments.find((d: { id: string }) => d.id === 'dept1')).toMatchObject({ responseRate: 1, points: 2 });
  expect(stats.departments.find((d: { id: string }) => d.id === 'dept3')).toMatchObject({
    responseRate: 0,
    onTimeRate: 0,
    resolutionRate: 0,
    points: 0,
  });
});
