import { beijing } from '../../../shared/src/core/time';
import { assessmentPoints, problemRates } from '../../../shared/src/whistle/whistle.rules';
import { whistleDeadlines } from '../../../cloudfunctions/whistle/whistle-deadlines.job';
import type { ProblemDoc, WhistleDoc } from '../../../cloudfunctions/whistle/whistle.documents';
import { createHarness, errorCode, expectRace, ok, problemInput, type Harness } from '../../support/harness';

const HOUR = 3600_000;

type Row = { id: string; name: string; whistled: number } & Record<string, unknown>;
const byId = (rows: Row[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));

/**
 * What the records say for one month of the demo district, counted the long way (every whistle of the month
 * with its problem): a whistle is resolved when its problem's result was confirmed in its round (or a later
 * round began) with the department's feedback; rated by the resident's rating of its round's result while the
 * problem rests on it (closed, or reopened by it).
 */
function fromRecords(h: Harness, month: string) {
  const problems = new Map((h.store.dump('problems') as unknown as ProblemDoc[]).map((p) => [p._id, p]));
  const names = new Map(
    [...h.store.dump('departments'), ...h.store.dump('communities')].map((d) => [d._id, d.name as string]),
  );
  const tallies = new Map<string, Record<string, number>>();
  const bump = (key: string, field: string) => {
    const t = tallies.get(key) ?? {};
    t[field] = (t[field] ?? 0) + 1;
    tallies.set(key, t);
  };
  for (const w of h.store.dump('whistles') as unknown as WhistleDoc[]) {
    if (w.districtId !== 'yj' || beijing(w.whistledAt, 'YYYY-MM') !== month) continue;
    const p = problems.get(w.problemId)!;
    const resolved = (p.round > w.round || ['confirmed', 'closed', 'reopened'].includes(p.status)) && !!w.respondedAt;
    const rating = p.round === w.round && ['closed', 'reopened'].includes(p.status) ? p.rating : null;
    for (const key of [`d~${w.departmentId}`, `c~${w.communityId}`, 'all']) {
      bump(key, 'whistled');
      if (w.acknowledgedAt) bump(key, 'acknowledged');
      if (w.respondedAt && w.respondedAt <= w.deadlineAt) bump(key, 'respondedOnTime');
      if (resolved) bump(key, 'confirmed');
      if (resolved && w.respondedAt! > w.deadlineAt) bump(key, 'late');
      if (w.overdue && !w.respondedAt) bump(key, 'overdue');
      if (rating) bump(key, 'rated');
      if (rating === 'satisfied') bump(key, 'satisfied');
    }
  }
  const row = (key: string, t: Record<string, number>) => {
    const n = (f: string) => t[f] ?? 0;
    const x = {
      whistled: n('whistled'),
      acknowledged: n('acknowledged'),
      responded: 0,
      respondedOnTime: n('respondedOnTime'),
      confirmed: n('confirmed'),
      rated: n('rated'),
      satisfied: n('satisfied'),
    };
    return { id: key.slice(2), name: names.get(key.slice(2)) ?? '', whistled: x.whistled, ...problemRates(x) };
  };
  const all = [...tallies];
  return {
    departments: all
      .filter(([k]) => k.startsWith('d~'))
      .map(([k, t]) => ({
        ...row(k, t),
        points: assessmentPoints({
          resolvedOnTime: (t.confirmed ?? 0) - (t.late ?? 0),
          resolvedLate: t.late ?? 0,
          overdueUnanswered: t.overdue ?? 0,
        }),
      })),
    communities: all.filter(([k]) => k.startsWith('c~')).map(([k, t]) => row(k, t)),
    total: tallies.get('all') ?? {},
  };
}

describe('吹哨报到统计 from the counters', () => {
  let h: Harness;
  beforeEach(async () => {
    h = createHarness();
    for (const [openid, role, scope, scopeId] of [
      ['d2user', 'department', 'department', 'dept2'],
      ['d3user', 'department', 'department', 'dept3'],
      ['xs-station', 'stationAdmin', 'community', 'xiaosu'],
      ['far-district', 'districtAdmin', 'district', 'elsewhere'],
    ] as const)
      await h.store.insert('grants', {
        _id: `${openid}~${role}`,
        openid,
        role,
        scope,
        scopeId,
        grantedBy: 't',
        at: 't',
      });
  });

  const stats = async (month: string) => ok(await h.call('report', 'demo-district', 'problemStats', { month }));
  const dept = async (month: string, id: string) =>
    (await stats(month)).departments.find((d: { id: string }) => d.id === id);

  /** problemStats for the month, from the counters, is what the whistles and their problems say. */
  async function agrees(month: string) {
    const figures = await stats(month);
    const records = fromRecords(h, month);
    expect(byId(figures.departments)).toEqual(byId(records.departments));
    expect(byId(figures.communities)).toEqual(byId(records.communities));
    expect(figures.months.at(-1)).toEqual({
      month,
      whistled: records.total.whistled ?? 0,
      respondedOnTime: records.total.respondedOnTime ?? 0,
      resolved: records.total.confirmed ?? 0,
    });
    return figures;
  }

  test('each step of a whistle’s life, in the month it was blown; a second round in the next month', async () => {
    const p1 = ok(await h.call('report', 'demo-resident', 'submitProblem', problemInput)).problem.id as string;
    const p2 = ok(await h.call('report', 'demo-resident', 'submitProblem', { ...problemInput, unitId: 'xiaosug1u1' }))
      .problem.id as string;
    const whistle = (who: string, problemId: string, departments: string[]) =>
      h.call('report', who, 'triage', { problemId, action: 'whistle', departments, leadDepartment: departments[0] });
    const both = async () => {
      await agrees('2026-11');
      return agrees('2026-12');
    };
    const fresh = { responseRate: 0, onTimeRate: 0, resolutionRate: 0, satisfactionRate: null, points: 0 };

    // 26 November, 10:00: 城管局 leads with 住建局 on P1 (华中社区); 市场监管局 alone on P2 (孝肃社区).
    ok(await whistle('demo-station', p1, ['dept1', 'dept2']));
    ok(await whistle('xs-station', p2, ['dept3']));
    await both();
    expect(await dept('2026-11', 'dept1')).toMatchObject({ whistled: 1, ...fresh });
    expect((await stats('2026-11')).communities).toEqual([
      expect.objectContaining({ id: 'huazhong', name: '华中社区', whistled: 2 }),
      expect.objectContaining({ id: 'xiaosu', name: '孝肃社区', whistled: 1 }),
    ]);

    ok(await h.call('report', 'd2user', 'acknowledge', { problemId: p1 }));
    await both();
    expect(await dept('2026-11', 'dept2')).toMatchObject({ responseRate: 1, onTimeRate: 0 });

    // The lead answers a day later, on time, for itself and 住建局 (which reported in).
    ok(await h.call('report', 'demo-department', 'acknowledge', { problemId: p1 }));
    h.clock.advance(24 * HOUR);
    ok(await h.call('report', 'demo-department', 'respond', { problemId: p1, result: '已清运' }));
    await both();
    expect(await dept('2026-11', 'dept2')).toMatchObject({ onTimeRate: 1, resolutionRate: 0, points: 0 });

    ok(await h.call('report', 'demo-station', 'confirmResult', { problemId: p1 }));
    await both();
    expect(await dept('2026-11', 'dept1')).toMatchObject({ resolutionRate: 1, points: 2 });
    // Confirmed twice: the second finds it moved and counts nothing.
    expect(errorCode(await h.call('report', 'demo-station', 'confirmResult', { problemId: p1 }))).toBe(
      'REPORT.BAD_STATE',
    );

    // P2's deadline passes unanswered: 市场监管局 loses a point.
    h.clock.advance(48 * HOUR + 1);
    await whistleDeadlines(h.runtime);
    await both();
    expect(await dept('2026-11', 'dept3')).toMatchObject({ whistled: 1, points: -1 });

    ok(await h.call('report', 'demo-resident', 'rate', { problemId: p1, satisfied: false, comment: '又堆满了' }));
    await both();
    expect(await dept('2026-11', 'dept1')).toMatchObject({ resolutionRate: 1, satisfactionRate: 0 });

    // 3 December: the station whistles P1 again; the new round counts in December, the first stays November's.
    h.clock.set('2026-12-03T02:00:00.000Z');
    ok(await whistle('demo-station', p1, ['dept1']));
    await both();
    expect(await dept('2026-11', 'dept1')).toMatchObject({ whistled: 1, resolutionRate: 1, satisfactionRate: null });
    expect(await dept('2026-12', 'dept1')).toMatchObject({ whistled: 1, ...fresh });

    h.clock.advance(73 * HOUR);
    await whistleDeadlines(h.runtime);
    await both();
    expect(await dept('2026-12', 'dept1')).toMatchObject({ points: -1 });

    // Answered late: no longer overdue unanswered, not on time.
    ok(await h.call('report', 'demo-department', 'acknowledge', { problemId: p1 }));
    ok(await h.call('report', 'demo-department', 'respond', { problemId: p1, result: '已彻底清理并加装监控' }));
    await both();
    expect(await dept('2026-12', 'dept1')).toMatchObject({ responseRate: 1, onTimeRate: 0, points: 0 });

    ok(await h.call('report', 'demo-station', 'confirmResult', { problemId: p1 }));
    await both();
    expect(await dept('2026-12', 'dept1')).toMatchObject({ resolutionRate: 1, points: 1 });

    ok(await h.call('report', 'demo-resident', 'rate', { problemId: p1, satisfied: true }));
    const december = await both();
    expect(await dept('2026-12', 'dept1')).toMatchObject({ satisfactionRate: 1, points: 1 });
    expect(december.months).toHaveLength(12);
    expect(december.months.slice(-2)).toEqual([
      { month: '2026-11', whistled: 3, respondedOnTime: 2, resolved: 2 },
      { month: '2026-12', whistled: 1, respondedOnTime: 0, resolved: 1 },
    ]);
    expect(december.months[0].month).toBe('2026-01');

    // A department's month in a few documents (a whistle always in the same one), its communities' shares inside.
    const kept = h.store.dump('stats').filter((d) => d.kind === 'whistle' && d.departmentId === 'dept1');
    expect(kept.every((d) => /^whistle~dept1~20261[12]~[0-7]$/.test(d._id))).toBe(true);
    expect(kept.find((d) => d.month === '2026-11')).toMatchObject({
      districtId: 'yj',
      whistled: 1,
      'c~huazhong~whistled': 1,
    });
  });

  test('a reopened problem the station then handles itself: its round is no longer resolved or rated', async () => {
    const id = ok(await h.call('report', 'demo-resident', 'submitProblem', problemInput)).problem.id as string;
    ok(
      await h.call('report', 'demo-station', 'triage', {
        problemId: id,
        action: 'whistle',
        departments: ['dept1'],
        leadDepartment: 'dept1',
      }),
    );
    ok(await h.call('report', 'demo-department', 'acknowledge', { problemId: id }));
    ok(await h.call('report', 'demo-department', 'respond', { problemId: id, result: '已清运' }));
    ok(await h.call('report', 'demo-station', 'confirmResult', { problemId: id }));
    ok(await h.call('report', 'demo-resident', 'rate', { problemId: id, satisfied: false }));
    expect(await dept('2026-11', 'dept1')).toMatchObject({ resolutionRate: 1, satisfactionRate: 0, points: 2 });
    ok(await h.call('report', 'demo-station', 'triage', { problemId: id, action: 'solveInStation' }));
    await agrees('2026-11');
    expect(await dept('2026-11', 'dept1')).toMatchObject({ resolutionRate: 0, satisfactionRate: null, points: 0 });
    ok(await h.call('report', 'demo-station', 'stationRespond', { problemId: id, result: '社区协调物业清理' }));
    ok(await h.call('report', 'demo-station', 'confirmResult', { problemId: id }));
    ok(await h.call('report', 'demo-resident', 'rate', { problemId: id, satisfied: true }));
    await agrees('2026-11');
    expect(await dept('2026-11', 'dept1')).toMatchObject({ resolutionRate: 1, satisfactionRate: 1, points: 2 });
  });

  test('at once: two confirmations count once; the deadline passing as the lead answers counts right', async () => {
    const id = ok(await h.call('report', 'demo-resident', 'submitProblem', problemInput)).problem.id as string;
    ok(
      await h.call('report', 'demo-station', 'triage', {
        problemId: id,
        action: 'whistle',
        departments: ['dept1', 'dept2'],
        leadDepartment: 'dept1',
      }),
    );
    ok(await h.call('report', 'demo-department', 'acknowledge', { problemId: id }));
    h.clock.advance(72 * HOUR + 1);
    await Promise.all([
      whistleDeadlines(h.runtime),
      h.call('report', 'demo-department', 'respond', { problemId: id, result: '已清运' }),
    ]);
    await agrees('2026-11');
    const confirms = await Promise.all(
      [1, 2].map(() => h.call('report', 'demo-station', 'confirmResult', { problemId: id })),
    );
    expectRace(confirms, 1, 'REPORT.BAD_STATE');
    await agrees('2026-11');
  });

  test('only the district’s own admin sees its figures', async () => {
    await h.call('report', 'demo-resident', 'submitProblem', problemInput);
    const id = (h.store.dump('problems')[0] as { _id: string })._id;
    ok(
      await h.call('report', 'demo-station', 'triage', {
        problemId: id,
        action: 'whistle',
        departments: ['dept1'],
        leadDepartment: 'dept1',
      }),
    );
    expect((await stats('2026-11')).departments).toHaveLength(1);
    const far = ok(await h.call('report', 'far-district', 'problemStats', { month: '2026-11' }));
    expect(far.departments).toEqual([]);
    expect(far.communities).toEqual([]);
    expect(far.months.every((m: { whistled: number }) => m.whistled === 0)).toBe(true);
    for (const who of ['demo-station', 'demo-department', 'demo-resident'])
      expect(errorCode(await h.call('report', who, 'problemStats', { month: '2026-11' }))).toBe('AUTH.FORBIDDEN');
  });
});
