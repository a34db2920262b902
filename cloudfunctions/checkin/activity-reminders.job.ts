import { ACTIVITY_REMIND_HOURS } from '@shared/checkin/activity.rules';
import { systemChanger, transition } from '../core/runtime/change';
import type { Budget } from '../core/runtime/parallel';
import type { Runtime } from '../core/runtime/runtime';
import { sweepDue } from '../core/runtime/sweep';
import { deliver } from '../messages/messages.port';
import type { ActivityDoc } from './checkin.documents';
import { activityEntity } from './checkin.entities';

/**
 * Reminds the members signed up for an activity that it starts soon: every open activity starting within
 * `ACTIVITY_REMIND_HOURS` (and not yet started) and not yet reminded moves once, as the system, guarded
 * on its flag.
 */
export async function remindActivities(rt: Runtime, max = 2000, budget?: Budget): Promise<number> {
  const system = systemChanger(rt, 'timer');
  const now = system.now.toISOString();
  const due = new Date(system.now.getTime() + ACTIVITY_REMIND_HOURS * 3600_000).toISOString();
  return sweepDue<ActivityDoc>(rt, {
    collection: 'activities',
    where: { status: 'open', reminded: false, startAt: { $gt: now, $lte: due } },
    field: 'startAt',
    max,
    budget,
    move: (activity) =>
      transition(system, activityEntity, activity, 'startsSoon', {
        as: 'system',
        changes: { reminded: true },
        guard: { reminded: false },
        detail: {},
      }),
    moved: (step) => deliver(rt, step.notices),
  });
}
