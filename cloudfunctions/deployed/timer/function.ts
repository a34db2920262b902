import { messageFor } from '@shared/core/errors';
import type { Response } from '@shared/core/result';
import type { Runtime } from '../../core/runtime/runtime';
import { periodicJobs, type TimerReport } from './jobs';

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
      return { ok: true, data: await periodicJobs(rt) };
    } catch (error) {
      rt.log({ level: 'error', fn: 'timer', error: error instanceof Error ? error.stack : String(error) });
      return { ok: false, error: { code: 'INTERNAL', message: messageFor('INTERNAL') } };
    }
  };
}
