import { WorkCalendar } from '@shared/core/calendar';
import { holidayYearProblems, parseDates } from '@shared/core/holidays';
import { fail } from '@shared/core/result';
import type { OrgContract } from '@shared/org/org.contract';
import { record } from '../core/runtime/change';
import type { Handlers } from '../core/runtime/router';
import { calendarYearOf } from './calendar.queries';
import type { HolidayYearDoc } from './org.documents';

/**
 * The district enters (or corrects) a year's holidays and make-up working days from the State Council's
 * notice: checked (real dates of that year, make-up days on weekends, no day both), stored over the
 * package's calendar and audited with what it replaced. Deadlines computed from then on use it.
 */
export const saveCalendarYear: Handlers<OrgContract>['saveCalendarYear'] = async (input, ctx) => {
  const holidays = parseDates(input.holidays);
  if ('bad' in holidays)
    return fail('INPUT.INVALID', {
      holidays: `无法识别的日期：${holidays.bad}（格式如 2027-02-05 或 2027-02-05~2027-02-11）`,
    });
  const workdays = parseDates(input.workdays);
  if ('bad' in workdays)
    return fail('INPUT.INVALID', { workdays: `无法识别的日期：${workdays.bad}（格式如 2027-02-07）` });
  const year = { year: input.year, holidays: holidays.dates, workdays: workdays.dates };
  const problems = holidayYearProblems(year);
  if (problems) return fail('INPUT.INVALID', problems);
  const doc: HolidayYearDoc = {
    _id: String(input.year),
    ...year,
    source: input.source,
    enteredBy: ctx.caller.openid,
    enteredAt: ctx.now.toISOString(),
  };
  await ctx.store.transaction(async (tx) => {
    const before = await tx.get<HolidayYearDoc>('holidayYears', doc._id);
    await tx.set('holidayYears', doc);
    await record(
      ctx,
      { action: 'calendar.saveYear', entity: 'holidayYears', entityId: doc._id, before: before ?? null, after: doc },
      tx,
    );
  });
  return { year: calendarYearOf(new WorkCalendar([doc]), doc.year, doc) };
};
