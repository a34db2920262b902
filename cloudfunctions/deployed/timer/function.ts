import { messageFor } from '@shared/core/errors';
import type { Response } from '@shared/core/result';
import type { Runtime } from '../../core/runtime/runtime';
import { whistleDeadlines } from '../../whistle/whistle.port';
import { expireClaims } from '../../wish/wish.port';

export type TimerReport = { expiredClaims: number; reminded: number; overdue: number };

/**
 * The periodic function: a CloudBase timer trigger in production (config.json), the local server's own
 * tick locally. Only those run it: any other call (a signed-in user, an anonymous or forged request) is
 * refused. An operator's run outside the schedule is `npm run cloudbase:admin -- run-timer` (audited).
 */
export function timer(runtime: () => Runtime) {
  return async function main(_event: unknown, context?: unknown): Promise<Response<TimerReport>> {
    const rt = runtime();
    if (rt.identify(context) || !rt.isTimerTrigger(context))
      return { ok: false, error: { code: 'AUTH.FORBIDDEN', message: messageFor('AUTH.FORBIDDEN') } };
    try {
      const expiredClaims = await expireClaims(rt);
      const deadlines = await whistleDeadlines(rt);
      return { ok: true, data: { expiredClaims, ...deadlines } };
    } catch (error) {
      rt.log({ level: 'error', fn: 'timer', error: error instanceof Error ? error.stack : String(error) });
      return { ok: false, error: { code: 'INTERNAL', message: messageFor('INTERNAL') } };
    }
  };
}
