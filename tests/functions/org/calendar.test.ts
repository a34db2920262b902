import { createHarness, errorCode, ok, problemInput, reportAndWhistle, type Harness } from '../../support/harness';

/** Spring Festival 2027 as entered by hand for these tests (the figures are the tests', not the notice's). */
const year2027 = {
  year: 2027,
  holidays: '2027-01-01\n2027-02-06~2027-02-13\n2027-04-05, 2027-05-01~2027-05-05',
  workdays: '2027-02-14 2027-02-20',
  source: '国务院办公厅关于2027年部分节假日安排的通知（测试）',
};

/** The station counts whistles' deadlines in 3 working days; a whistle on Friday 5 February 2027, 10:00. */
async function whistleOn2027Friday(h: Harness) {
  if (!h.store.dump('communitySettings').some((d) => d._id === 'huazhong'))
    h.store.insertMany('communitySettings', [{ _id: 'huazhong', deadlineRule: { kind: 'workdays', days: 3 } }]);
  h.clock.set('2027-02-05T02:00:00.000Z');
  const problem = await reportAndWhistle(h);
  return problem.departments[0] as { deadlineAt: string; deadlineEstimated: boolean };
}

describe('the holiday calendar: a year the package lacks, entered by the district', () => {
  test('2027 not entered: the deadline counts weekdays only and says so; the station and the district are warned', async () => {
    const h = createHarness();
    h.clock.set('2026-12-01T02:00:00.000Z');
    const years = ok(await h.call('org', 'demo-district', 'calendar', {})).years;
    expect(years.map((y: { year: number; coverage: string }) => [y.year, y.coverage])).toEqual([
      [2026, 'package'],
      [2027, 'fallback'],
    ]);
    // The district is asked to enter it; a station whose deadlines count working days is warned.
    const district = ok(await h.call('org', 'demo-district', 'todo', {}));
    expect(district.items.find((i: { key: string }) => i.key === 'calendar.enter')).toMatchObject({ count: 1 });
    expect(district.warnings).toEqual([expect.stringContaining('2027年节假日安排尚未录入')]);
    expect(ok(await h.call('org', 'demo-station', 'todo', {})).warnings).toEqual([]);
    h.store.insertMany('communitySettings', [{ _id: 'huazhong', deadlineRule: { kind: 'workdays', days: 3 } }]);
    expect(ok(await h.call('org', 'demo-station', 'todo', {})).warnings).toEqual([
      expect.stringContaining('请区委组织部录入'),
    ]);

    const whistle = await whistleOn2027Friday(h);
    // Monday 8, Tuesday 9, Wednesday 10: due at the end of Wednesday, as the issue found, but now marked.
    expect(whistle).toMatchObject({ deadlineAt: '2027-02-10T16:00:00.000Z', deadlineEstimated: true });
  });

  test('2027 entered by hand: the next deadline follows it (Sunday 14 worked, then 15 and 16)', async () => {
    const h = createHarness();
    h.clock.set('2026-12-01T02:00:00.000Z');
    const saved = ok(await h.call('org', 'demo-district', 'saveCalendarYear', year2027)).year;
    expect(saved).toMatchObject({ year: 2027, coverage: 'entered', workdays: ['2027-02-14', '2027-02-20'] });
    expect(saved.holidays).toHaveLength(1 + 8 + 1 + 5);
    expect(ok(await h.call('org', 'demo-district', 'todo', {})).warnings).toEqual([]);
    const whistle = await whistleOn2027Friday(h);
    expect(whistle).toMatchObject({ deadlineAt: '2027-02-16T16:00:00.000Z', deadlineEstimated: false });
    // The station reads the calendar too; the entry is audited.
    const years = ok(await h.call('org', 'demo-station', 'calendar', {})).years;
    expect(years.find((y: { year: number }) => y.year === 2027)).toMatchObject({ source: year2027.source });
    expect(h.store.dump('audit').filter((a) => a.action === 'calendar.saveYear')).toEqual([
      expect.objectContaining({ actor: 'demo-district', entityId: '2027', before: null }),
    ]);
  });

  test('an entered year takes precedence over the package’s, and correcting it keeps what it replaced', async () => {
    const h = createHarness();
    // 2026 as the package has it: 1 October (National Day) is a holiday.
    ok(
      await h.call('org', 'demo-district', 'saveCalendarYear', {
        ...year2027,
        year: 2026,
        holidays: '2026-10-02',
        workdays: '',
      }),
    );
    h.store.insertMany('communitySettings', [{ _id: 'huazhong', deadlineRule: { kind: 'workdays', days: 1 } }]);
    h.clock.set('2026-09-30T02:00:00.000Z');
    const id = ok(await h.call('report', 'demo-resident', 'submitProblem', problemInput)).problem.id;
    const problem = ok(
      await h.call('report', 'demo-station', 'triage', {
        problemId: id,
        action: 'whistle',
        departments: ['dept1'],
        leadDepartment: 'dept1',
      }),
    ).problem;
    // The entered 2026 says 1 October is worked: one working day after 30 September ends on 1 October.
    expect(problem.departments[0].deadlineAt).toBe('2026-10-01T16:00:00.000Z');
    ok(
      await h.call('org', 'demo-district', 'saveCalendarYear', {
        ...year2027,
        year: 2026,
        holidays: '2026-10-01~2026-10-07',
        workdays: '2026-10-10',
      }),
    );
    const audits = h.store.dump('audit').filter((a) => a.action === 'calendar.saveYear');
    expect(audits).toHaveLength(2);
    expect(audits[1]).toMatchObject({ before: expect.objectContaining({ holidays: ['2026-10-02'] }) });
  });

  test('bad input is refused with the field and changes nothing; only the district may enter', async () => {
    const h = createHarness();
    const refused = async (data: object, field: string, text: RegExp) => {
      const res = await h.call('org', 'demo-district', 'saveCalendarYear', { ...year2027, ...data });
      expect(errorCode(res)).toBe('INPUT.INVALID');
      expect(!res.ok && res.error.fields?.[field]).toMatch(text);
    };
    await refused({ holidays: '2027-02-30' }, 'holidays', /无法识别的日期：2027-02-30/);
    await refused({ holidays: '2027-02-10~2027-02-01' }, 'holidays', /无法识别/);
    await refused({ holidays: '2026-12-31' }, 'holidays', /不在2027年/);
    await refused({ workdays: '2027-02-15' }, 'workdays', /不是周末/);
    await refused({ workdays: '2027-02-07' }, 'workdays', /不能既放假又上班/);
    await refused({ workdays: 'next saturday' }, 'workdays', /无法识别/);
    await refused({ source: '' }, 'source', /请填写通知名称或文号/);
    expect(errorCode(await h.call('org', 'demo-district', 'saveCalendarYear', { ...year2027, year: 1999 }))).toBe(
      'INPUT.INVALID',
    );
    expect(errorCode(await h.call('org', 'demo-station', 'saveCalendarYear', year2027))).toBe('AUTH.FORBIDDEN');
    expect(errorCode(await h.call('org', 'demo-member', 'calendar', {}))).toBe('AUTH.FORBIDDEN');
    expect(h.store.dump('holidayYears')).toEqual([]);
  });
});
