import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

/**
 * The one home of Beijing time. Stored times are UTC ISO strings; people read and type Beijing time.
 * China has one time zone and no daylight saving: Beijing is UTC+8 all year. Nothing else in the code
 * writes the offset by hand (a test looks for it).
 */
export const BEIJING_OFFSET_MINUTES = 8 * 60;

/** A dayjs value in Beijing time, for calendar arithmetic (days, months, half-years). */
export function beijingDay(at: Date | string) {
  return dayjs(at).utcOffset(BEIJING_OFFSET_MINUTES);
}

/** An instant shown to a person in Beijing time; empty for none. */
export function beijing(iso: string | Date | null | undefined, format = 'YYYY-MM-DD HH:mm'): string {
  return iso ? beijingDay(iso).format(format) : '';
}

/** Today's date in Beijing, YYYY-MM-DD. */
export function beijingDate(now: Date): string {
  return beijing(now, 'YYYY-MM-DD');
}

/** The instant of a Beijing wall-clock date and time ('2026-11-27', '09:30' or '09:30:15'). */
export function beijingInstant(date: string, time = '00:00'): Date {
  const seconds = time.length === 5 ? `${time}:00` : time;
  return dayjs.utc(`${date}T${seconds}`).subtract(BEIJING_OFFSET_MINUTES, 'minute').toDate();
}

/** The Beijing calendar month 'YYYY-MM' as UTC ISO bounds [start, end). */
export function beijingMonth(month: string): { start: string; end: string } {
  const start = beijingInstant(`${month}-01`);
  const end = dayjs(start).utcOffset(BEIJING_OFFSET_MINUTES).add(1, 'month').toDate();
  return { start: start.toISOString(), end: end.toISOString() };
}

/**
 * A deadline as people read it: one falling at midnight is the end of the day before ('2026-12-04 24:00'
 * reads as "by the end of Friday", where '2026-12-05 00:00' reads as Saturday).
 */
export function beijingDeadline(iso: string): string {
  const at = beijingDay(iso);
  if (at.hour() === 0 && at.minute() === 0) return `${at.subtract(1, 'day').format('YYYY-MM-DD')} 24:00`;
  return at.format('YYYY-MM-DD HH:mm');
}
