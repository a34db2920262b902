import { z } from 'zod';

/** An instant as an ISO string with a zone (the client sends UTC). */
export const instantField = z.iso.datetime({ offset: true, error: '时间格式不正确' });
/** A calendar date in Beijing, YYYY-MM-DD. */
export const dateField = z.iso.date({ error: '日期格式不正确' });
