import { WorkCalendar } from '../core/calendar';
import { beijingDay } from '../core/time';
import type { DeadlineRule } from './whistle.rules';

/**
 * The feedback deadline of a whistle (落实3日内反馈): 72 hours by default, or N working days by China's
 * official calendar of holidays and make-up working days (调休): the years the district entered, else the
 * `chinese-days` package's, else weekdays (see core/calendar.ts). Working days count from the day after the
 * whistle (in Beijing time); the deadline is the end of the Nth working day, 24:00 Beijing time.
 */
export { defaultDeadlineRule, type DeadlineRule } from './whistle.rules';

export function feedbackDeadline(whistledAt: Date, rule: DeadlineRule, calendar = new WorkCalendar()): Date {
  if (rule.kind === 'hours') return new Date(whistledAt.getTime() + rule.hours * 3600_000);
  let day = beijingDay(whistledAt).startOf('day');
  let counted = 0;
  // A year has at most a few dozen non-working days in a row around Spring Festival; 60 bounds the walk.
  for (let step = 0; step < 60 + rule.days * 3 && counted < rule.days; step++) {
    day = day.add(1, 'day');
    if (calendar.isWorkday(day.format('YYYY-MM-DD'))) counted++;
  }
  return day.add(1, 'day').toDate();
}

/**
 * The years a working-day deadline ran through that no calendar covers (their working days were taken to be
 * Monday to Friday): the station and the district are warned, and the district asked to enter them.
 */
export function uncoveredYears(
  whistledAt: Date,
  deadlineAt: Date,
  rule: DeadlineRule,
  calendar: WorkCalendar,
): number[] {
  if (rule.kind === 'hours') return [];
  const first = beijingDay(whistledAt).year();
  const last = beijingDay(deadlineAt).year();
  const years: number[] = [];
  for (let y = first; y <= last; y++) if (calendar.coverage(y) === 'fallback') years.push(y);
  return years;
}

/** The years whose coverage a whistle made now may need: this one and the next (a deadline crosses New Year). */
export function calendarYears(now: Date): number[] {
  const year = beijingDay(now).year();
  return [year, year + 1];
}
