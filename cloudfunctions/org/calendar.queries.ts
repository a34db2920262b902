import { packageYear, WorkCalendar } from '@shared/core/calendar';
import type { CalendarYearView, OrgContract } from '@shared/org/org.contract';
import { calendarYears } from '@shared/whistle/deadline';
import type { Handlers } from '../core/runtime/router';
import type { HolidayYearDoc } from './org.documents';

/** One year as the calendar has it: entered (with its notice), the package's, or not covered. */
export function calendarYearOf(calendar: WorkCalendar, year: number, entered?: HolidayYearDoc): CalendarYearView {
  const coverage = calendar.coverage(year);
  const days = entered ?? (coverage === 'package' ? packageYear(year) : { holidays: [], workdays: [] });
  return {
    year,
    coverage,
    holidays: [...days.holidays],
    workdays: [...days.workdays],
    source: entered?.source ?? null,
    enteredAt: entered?.enteredAt ?? null,
  };
}

/** This year and the next, and any later year entered ahead: where each year's working days come from. */
export const calendar: Handlers<OrgContract>['calendar'] = async (_input, ctx) => {
  const [year, next] = calendarYears(ctx.now);
  const entered = await ctx.store.find<HolidayYearDoc>('holidayYears', {
    where: { year: { $gte: year } },
    orderBy: [['year', 'asc']],
    limit: 20,
  });
  const byYear = new Map(entered.items.map((d) => [d.year, d]));
  const known = new WorkCalendar(entered.items);
  const years = [...new Set([year as number, next as number, ...byYear.keys()])].sort();
  return { years: years.map((y) => calendarYearOf(known, y, byYear.get(y))) };
};
