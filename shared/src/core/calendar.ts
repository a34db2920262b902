import { getDayDetail, getHolidaysInRange } from 'chinese-days';
import { isWeekend, type Coverage, type HolidayYear } from './holidays';

/**
 * China's working days: the State Council's yearly notice (国务院办公厅关于某年部分节假日安排的通知) names the
 * holidays (放假) and the make-up working days on weekends (调休上班). The `chinese-days` package carries the
 * years published when it was released; a year it lacks is entered by the district (the notice comes out
 * each autumn), and an entered year takes precedence over the package. A year neither covers falls back to
 * weekdays (Monday to Friday) and says so, so a deadline in it is never silently wrong.
 */

/** The package's coverage by year, once asked (it never changes). */
const covered = new Map<number, boolean>();

/** Does the package know the year's holidays (a year it lacks has no holiday in it)? */
export function packageCovers(year: number): boolean {
  // A deadline asks for each day it walks through: the package's answer for a year is kept (it never changes).
  let covers = covered.get(year);
  if (covers === undefined)
    covered.set(year, (covers = getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0));
  return covers;
}

/** The working-day calendar: the entered years first, then the package's, then weekdays. */
export class WorkCalendar {
  private readonly entered = new Map<number, { holidays: Set<string>; workdays: Set<string> }>();

  constructor(years: readonly HolidayYear[] = []) {
    for (const y of years) this.entered.set(y.year, { holidays: new Set(y.holidays), workdays: new Set(y.workdays) });
  }

  coverage(year: number): Coverage {
    if (this.entered.has(year)) return 'entered';
    return packageCovers(year) ? 'package' : 'fallback';
  }

  /** Is this date (YYYY-MM-DD) a working day? */
  isWorkday(date: string): boolean {
    const year = Number(date.slice(0, 4));
    const entered = this.entered.get(year);
    if (entered) {
      if (entered.workdays.has(date)) return true;
      if (entered.holidays.has(date)) return false;
      return !isWeekend(date);
    }
    if (packageCovers(year)) return getDayDetail(date).work;
    return !isWeekend(date);
  }
}

/** A year as the package has it: its holidays and its make-up working days (weekend days worked). */
export function packageYear(year: number): HolidayYear {
  const holidays = getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).map(String).sort();
  const workdays: string[] = [];
  for (let d = new Date(`${year}-01-01T00:00:00Z`); d.getUTCFullYear() === year; d.setUTCDate(d.getUTCDate() + 1)) {
    const date = d.toISOString().slice(0, 10);
    if (isWeekend(date) && getDayDetail(date).work) workdays.push(date);
  }
  return { year, holidays, workdays };
}
