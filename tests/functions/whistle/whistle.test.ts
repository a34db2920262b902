import { whistleDeadlines } from '../../../cloudfunctions/whistle/whistle-deadlines.job';
import { createHarness, errorCode, ok, snapshot, type Harness } from '../../support/harness';

const problemInput = {
  category: '环境卫生',
  description: '3栋楼下垃圾堆放多日无人清运，气味很大',
  unitId: 'huazhongg1u1',
  phone: '13600002222',
};

describe('吹哨报到 problems and whistles', () => {
  let h: Harness;
  let id: string;
  const whistle = (extra: object = {}) =>
    h.call('report', 'demo-station', 'triage', {
      problemId: id,
      action: 'whistle',
      departments: ['dept1', 'dept2'],
      leadDepartment: 'dept1',
      ...extra,
    });
  beforeEach(async () => {
    h = createHarness();
    id = ok(await h.call('report', 'demo-resident', 'submitProblem', problemInput)).problem.id;
  });

  test('report → whistle → acknowledge → respond → confirm → rate, with timeline, audit and messages', async () => {
    expect(ok(await h.call('report', 'demo-station', 'inbox', {})).items[0]).toMatchObject({ title: '新的问题反映' });
    const whistled = ok(await whistle()).problem;
    expect(whistled.status).toBe('whistled');
    expect(
      whistled.departments.map((d: { name: string; lead: boolean; deadlineAt: string }) => [
        d.name,
        d.lead,
        d.deadlineAt,
      ]),
    ).toEqual([
      ['区城管局', true, '2026-11-29T02:00:00.000Z'],
      ['区住建局', false, '2026-11-29T02:00:00.000Z'],
    ]);
    const seen = ok(await h.call('report', 'demo-department', 'departmentWhistles', {}));
    expect(seen.items).toEqual([
      expect.objectContaining({ id, reporterName: null, reporterPhone: null, place: '第一网格 01栋1单元' }),
    ]);
    expect(ok(await h.call('report', 'demo-department', 'inbox', {})).unread).toBe(1);
    expect(ok(await h.call('report', 'demo-department', 'acknowledge', { problemId: id })).problem.status).toBe(
      'acknowledged',
    );
    expect(errorCode(await h.call('report', 'demo-department', 'acknowledge', { problemId: id }))).toBe(
      'REPORT.BAD_STATE',
    );
    h.clock.advance(24 * 3600_000);
    ok(
      await h.call('report', 'demo-department', 'respond', {
        problemId: id,
        result: '已安排环卫车清运，并增加清运频次',
      }),
    );
    expect(ok(await h.call('report', 'demo-department', 'departmentWhistles', {})).items).toEqual([]);
    const confirmed = ok(await h.call('report', 'demo-station', 'confirmResult', { problemId: id })).problem;
    expect(confirmed).toMatchObject({ status: 'confirmed', result: '已安排环卫车清运，并增加清运频次' });
    expect(ok(await h.call('report', 'demo-resident', 'inbox', {})).items[0]).toMatchObject({
      title: '您反映的问题已办结',
    });
    const rated = ok(await h.call('report', 'demo-resident', 'rate', { problemId: id, satisfied: true })).problem;
    expect(rated).toMatchObject({ status: 'closed', rating: 'satisfied' });
    expect(rated.timeline.map((t: { to: string }) => t.to)).toEqual([
      'submitted',
      'whistled',
      'acknowledged',
      'responded',
      'confirmed',
      'closed',
    ]);
    expect(
      h.store
        .dump('audit')
        .filter((a) => a.entityId === id)
        .map((a) => a.action),
    ).toEqual([
      'problem.submit',
      'problem.whistle',
      'problem.acknowledge',
      'problem.respond',
      'problem.confirm',
      'problem.rateSatisfied',
    ]);
  });

  test('not satisfied reopens it; the station whistles again in a new round', async () => {
    ok(await whistle());
    ok(await h.call('report', 'demo-department', 'acknowledge', { problemId: id }));
    ok(await h.call('report', 'demo-department', 'respond', { problemId: id, result: '已清运' }));
    ok(await h.call('report', 'demo-station', 'confirmResult', { problemId: id }));
    expect(
      ok(
        await h.call('report', 'demo-resident', 'rate', { problemId: id, satisfied: false, comment: '第二天又堆满了' }),
      ).problem.status,
    ).toBe('reopened');
    const again = ok(await whistle({ departments: ['dept1'], leadDepartment: 'dept1' })).problem;
    expect(again.departments).toHaveLength(1);
    expect(h.store.dump('whistles')).toHaveLength(3);
  });

  test('the station solves it in the station, declines with a reason, or merges a duplicate', async () => {
    ok(await h.call('report', 'demo-station', 'triage', { problemId: id, action: 'solveInStation' }));
    ok(await h.call('report', 'demo-station', 'stationRespond', { problemId: id, result: '网格员已联系物业清理' }));
    expect(ok(await h.call('report', 'demo-station', 'confirmResult', { problemId: id })).problem.status).toBe(
      'confirmed',
    );
    const second = ok(await h.call('report', 'demo-resident', 'submitProblem', problemInput)).problem.id;
    const third = ok(
      await h.call('report', 'demo-resident', 'submitProblem', {
        ...problemInput,
        description: '小区门口路灯不亮已经一周了',
      }),
    ).problem.id;
    expect(
      errorCode(
        await h.call('report', 'demo-station', 'triage', { problemId: second, action: 'merge', mergeInto: id }),
      ),
    ).toBe('INPUT.INVALID');
    ok(await h.call('report', 'demo-station', 'triage', { problemId: third, action: 'solveInStation' }));
    expect(
      ok(await h.call('report', 'demo-station', 'triage', { problemId: second, action: 'merge', mergeInto: third }))
        .problem.status,
    ).toBe('duplicate');
    expect(h.store.dump('problems').find((p) => p._id === third)).toMatchObject({ meToo: 1 });
    const fourth = ok(await h.call('report', 'demo-resident', 'submitProblem', problemInput)).problem.id;
    expect(errorCode(await h.call('report', 'demo-station', 'triage', { problemId: fourth, action: 'decline' }))).toBe(
      'INPUT.INVALID',
    );
    ok(
      await h.call('report', 'demo-station', 'triage', {
        problemId: fourth,
        action: 'decline',
        reason: '属于小区物业管理范围，请联系物业',
      }),
    );
    const inbox = ok(await h.call('report', 'demo-resident', 'inbox', {})).items;
    expect(inbox.find((m: { title: string }) => m.title === '问题反映处理结果').body).toContain('请联系物业');
  });

  test('moves the table does not allow are refused; only the lead department responds', async () => {
    expect(errorCode(await h.call('report', 'demo-station', 'confirmResult', { problemId: id }))).toBe(
      'REPORT.BAD_STATE',
    );
    expect(errorCode(await h.call('report', 'demo-resident', 'rate', { problemId: id, satisfied: true }))).toBe(
      'REPORT.BAD_STATE',
    );
    ok(await whistle());
    expect(
      errorCode(
        await h.call('report', 'demo-station', 'triage', { problemId: id, action: 'decline', reason: '不受理' }),
      ),
    ).toBe('REPORT.BAD_STATE');
    await h.store.insert('grants', {
      _id: 'dept2user~department',
      openid: 'dept2user',
      role: 'department',
      scope: 'department',
      scopeId: 'dept2',
      grantedBy: 't',
      at: 't',
    });
    ok(await h.call('report', 'dept2user', 'acknowledge', { problemId: id }));
    expect(h.store.dump('problems').find((p) => p._id === id)).toMatchObject({ status: 'whistled' });
    expect(errorCode(await h.call('report', 'dept2user', 'respond', { problemId: id, result: '已处理' }))).toBe(
      'REPORT.NOT_LEAD',
    );
    await h.store.insert('grants', {
      _id: 'dept3user~department',
      openid: 'dept3user',
      role: 'department',
      scope: 'department',
      scopeId: 'dept3',
      grantedBy: 't',
      at: 't',
    });
    expect(errorCode(await h.call('report', 'dept3user', 'acknowledge', { problemId: id }))).toBe('AUTH.OUT_OF_SCOPE');
  });

  test.each([
    ['triage', 'demo-member'],
    ['triage', 'demo-department'],
    ['triage', 'demo-district'],
    ['confirmResult', 'demo-department'],
    ['acknowledge', 'demo-station'],
    ['respond', 'demo-resident'],
    ['departmentWhistles', 'demo-station'],
    ['stationProblems', 'demo-department'],
  ])('%s is refused to %s and changes nothing', async (action, openid) => {
    const before = await snapshot(h.store, ['problems', 'whistles', 'audit']);
    const res = await h.call('report', openid, action, { problemId: id, action: 'solveInStation', result: '结果' });
    expect(errorCode(res)).toBe('AUTH.FORBIDDEN');
    expect(await snapshot(h.store, ['problems', 'whistles', 'audit'])).toBe(before);
  });

  test('only the reporter rates; departments see no identity unless shared', async () => {
    ok(await whistle({ shareIdentity: true }));
    expect(ok(await h.call('report', 'demo-department', 'departmentWhistles', {})).items[0]).toMatchObject({
      reporterName: '王秀英',
      reporterPhone: '13600002222',
    });
    expect(errorCode(await h.call('report', 'demo-member', 'rate', { problemId: id, satisfied: true }))).toBe(
      'AUTH.FORBIDDEN',
    );
  });

  test.each([
    [{ category: '其它' }, 'category'],
    [{ description: '脏' }, 'description'],
    [{ phone: '110' }, 'phone'],
    [{ photos: ['http://x/y.jpg'] }, 'photos.0'],
  ])('a bad report %p is refused on %s', async (patch, field) => {
    const res = await h.call('report', 'demo-resident', 'submitProblem', { ...problemInput, ...patch });
    expect(errorCode(res)).toBe('INPUT.INVALID');
    expect(res.ok ? {} : res.error.fields).toHaveProperty([field]);
  });

  test('whistling needs departments of the district and a lead among them', async () => {
    expect(
      errorCode(
        await h.call('report', 'demo-station', 'triage', {
          problemId: id,
          action: 'whistle',
          departments: ['dept1'],
          leadDepartment: 'dept2',
        }),
      ),
    ).toBe('INPUT.INVALID');
    expect(
      errorCode(
        await h.call('report', 'demo-station', 'triage', {
          problemId: id,
          action: 'whistle',
          departments: ['nowhere'],
          leadDepartment: 'nowhere',
        }),
      ),
    ).toBe('INPUT.INVALID');
  });

  describe('the periodic run on a frozen clock', () => {
    beforeEach(async () => {
      ok(await whistle());
    });
    const messages = (title: string) => h.store.dump('messages').filter((m) => m.title === title);

    test('before the reminder time nothing happens; at it the departments are reminded once', async () => {
      h.clock.advance(59 * 3600_000);
      expect(await whistleDeadlines(h.runtime)).toEqual({ reminded: 0, overdue: 0 });
      h.clock.advance(3600_000);
      expect(await whistleDeadlines(h.runtime)).toEqual({ reminded: 2, overdue: 0 });
      expect(await whistleDeadlines(h.runtime)).toEqual({ reminded: 0, overdue: 0 });
      expect(messages('吹哨即将到期')).toHaveLength(1);
    });

    test('at the deadline it is overdue and escalated to the station and the district, once, even with two runs at once', async () => {
      h.clock.advance(72 * 3600_000 - 1000);
      expect(await whistleDeadlines(h.runtime)).toEqual({ reminded: 2, overdue: 0 });
      h.clock.advance(1000);
      const [a, b] = await Promise.all([whistleDeadlines(h.runtime), whistleDeadlines(h.runtime)]);
      expect(a.overdue + b.overdue).toBe(2);
      expect(a.reminded + b.reminded).toBe(0);
      // One escalation per late department, to the station and to the district.
      expect(
        messages('吹哨超期未反馈')
          .map((m) => m.to)
          .sort(),
      ).toEqual(['demo-district', 'demo-district', 'demo-station', 'demo-station']);
      expect(await whistleDeadlines(h.runtime)).toEqual({ reminded: 0, overdue: 0 });
      expect(
        ok(
          await h.call('report', 'demo-station', 'stationProblems', { status: 'whistled' }),
        ).items[0].departments.every((d: { overdue: boolean }) => d.overdue),
      ).toBe(true);
    });

    test('a whistle answered in time is never reminded or marked overdue', async () => {
      ok(await h.call('report', 'demo-department', 'acknowledge', { problemId: id }));
      ok(await h.call('report', 'demo-department', 'respond', { problemId: id, result: '已处理' }));
      h.clock.advance(100 * 3600_000);
      expect(await whistleDeadlines(h.runtime)).toEqual({ reminded: 0, overdue: 0 });
    });
  });
});

/** Issue 12, defect 14: what the messages and the timeline say. */
describe('吹哨报到 texts', () => {
  test('messages read as sentences in Beijing time, and the timeline names the department', async () => {
    const h = createHarness();
    const id = ok(
      await h.call('report', 'demo-resident', 'submitProblem', {
        category: '环境卫生',
        description: '3栋楼下垃圾堆放多日无人清运。',
        unitId: 'huazhongg1u1',
        phone: '13600002222',
      }),
    ).problem.id;
    ok(
      await h.call('report', 'demo-station', 'triage', {
        problemId: id,
        action: 'whistle',
        departments: ['dept1'],
        leadDepartment: 'dept1',
      }),
    );
    // Whistled at 2026-11-26 10:00 Beijing: due 72 hours later, reminded 12 hours before.
    h.clock.advance(61 * 3600_000);
    await whistleDeadlines(h.runtime);
    ok(await h.call('report', 'demo-department', 'acknowledge', { problemId: id }));
    ok(await h.call('report', 'demo-department', 'respond', { problemId: id, result: '已清运完毕。' }));
    const problem = ok(await h.call('report', 'demo-station', 'confirmResult', { problemId: id })).problem;
    const bodies = h.store.dump('messages').map((m) => String(m.body));
    expect(bodies.find((b) => b.startsWith('请于'))).toBe('请于11月29日 10:00前反馈处理情况。');
    for (const body of bodies) expect(body).not.toMatch(/[。，！？][。，！？]/);
    expect(bodies).toContain('已清运完毕。请对处理结果进行评价。');
    const byDepartment = problem.timeline.filter(
      (t: { to: string }) => t.to === 'acknowledged' || t.to === 'responded',
    );
    expect(byDepartment.map((t: { by: string }) => t.by)).toEqual(['区城管局', '区城管局']);
    expect(problem.timeline.find((t: { to: string }) => t.to === 'whistled').by).toBe('社区工作站');
  });
});
