import { WorkCalendar, packageCovers } from '@shared/core/calendar';
import { holidayYearProblems, parseDates } from '@shared/core/holidays';

describe('the holiday calendar', () => {
  test('dates as typed from the notice: lines, commas, ranges with ~ or 至', () => {
    expect(parseDates('2027-01-01\n2027-02-06~2027-02-08，2027-05-01至2027-05-02 2027-01-01')).toEqual({
      dates: ['2027-01-01', '2027-02-06', '2027-02-07', '2027-02-08', '2027-05-01', '2027-05-02'],
    });
    expect(parseDates('')).toEqual({ dates: [] });
    expect(parseDates('2027-13-01')).toEqual({ bad: '2027-13-01' });
    expect(parseDates('2027-2-1')).toEqual({ bad: '2027-2-1' });
    expect(parseDates('2027-02-03~2027-02-01')).toEqual({ bad: '2027-02-03~2027-02-01' });
  });

  test('what the package covers, and the order of precedence', () => {
    expect(packageCovers(2026)).toBe(true);
    expect(packageCovers(2027)).toBe(false);
    const calendar = new WorkCalendar([{ year: 2026, holidays: ['2026-11-30'], workdays: ['2026-11-28'] }]);
    expect([2026, 2027, 2025].map((y) => calendar.coverage(y))).toEqual(['entered', 'fallback', 'package']);
    // Entered: Monday 30 November off, Saturday 28 worked, 1 October (the package's holiday) worked.
    expect(calendar.isWorkday('2026-11-30')).toBe(false);
    expect(calendar.isWorkday('2026-11-28')).toBe(true);
    expect(calendar.isWorkday('2026-10-01')).toBe(true);
    // The package's year: 1 October 2025 is a holiday; the fallback year: weekdays.
    expect(calendar.isWorkday('2025-10-01')).toBe(false);
    expect(calendar.isWorkday('2027-02-08')).toBe(true);
    expect(calendar.isWorkday('2027-02-06')).toBe(false);
  });

  test('a year entered wrongly is explained field by field', () => {
    expect(holidayYearProblems({ year: 2027, holidays: ['2027-02-08'], workdays: ['2027-02-13'] })).toBeNull();
    expect(holidayYearProblems({ year: 2027, holidays: [], workdays: ['2027-02-09'] })).toEqual({
      holidays: '请填写放假日期',
      workdays: '2027-02-09 不是周末，调休上班日应为周六或周日',
    });
  });
});
