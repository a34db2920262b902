import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

/** China has one time zone and no daylight saving: Beijing time is UTC+8 all year. */
export const BEIJING_OFFSET_MINUTES = 8 * 60;

/** Stored times are UTC ISO strings; people read Beijing time. */
export function beijing(iso: string | null | undefined, format = 'YYYY-MM-DD HH:mm'): string {
  return iso ? dayjs(iso).utcOffset(BEIJING_OFFSET_MINUTES).format(format) : '';
}
