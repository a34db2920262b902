import { isWorkday } from 'chinese-days';
import { beijingDay } from '../core/time';

/**
 * The feedback deadline of a whistle (落实3日内反馈): 72 hours by default, or N working days by China's
 * official calendar of holidays and make-up working days (调休), from the `chinese-days` package.
 * Working days count from the day after the whistle (in Beijing time); the deadline is the end of the
 * Nth working day, 24:00 Beijing time.
 */
export type DeadlineRule = { kind: 'hours'; hours: number } | { kind: 'workdays'; days: number };

export const defaultDeadlineRule: DeadlineRule = { kind: 'hours', hours: 72 };

export function feedbackDeadline(whistledAt: Date, rule: DeadlineRule): Date {
  if (rule.kind === 'hours') return new Date(whistledAt.getTime() + rule.hours * 3600_000);
  let day = beijingDay(whistledAt).startOf('day');
  let counted = 0;
  // A year has at most a few dozen non-working days in a row around Spring Festival; 60 bounds the walk.
  for (let step = 0; step < 60 + rule.days * 3 && counted < rule.days; step++) {
    day = day.add(1, 'day');
    if (isWorkday(day.format('YYYY-MM-DD'))) counted++;
  }
  return day.add(1, 'day').toDate();
}
