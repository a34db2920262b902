import { z } from 'zod';
import { defineContract } from '../core/contract';
import { idField } from '../core/fields';
import { pairingView } from './pairing.contract';

/** 统计看板: the counts kept as the work happens (报到, 微心愿, 问题 by state), and twelve months of them. */

const counts = z.record(z.string(), z.number());

export const communityFigures = z.object({
  id: z.string(),
  name: z.string(),
  /** How many are in each state now (the state's own name: pending, open, submitted…). */
  report: counts,
  wish: counts,
  problem: counts,
  /** 微心愿完成率: confirmed of those that passed review (%); 问题办结率: finished of those accepted (%). Null: none yet. */
  wishCompletion: z.number().nullable(),
  problemResolution: z.number().nullable(),
});
export type CommunityFigures = z.infer<typeof communityFigures>;

/** One month's entries: how many records entered each state that month. */
const monthFigures = z.object({ month: z.string(), report: counts, wish: counts, problem: counts });
export type MonthFigures = z.infer<typeof monthFigures>;

export const statsActions = defineContract({
  dashboard: {
    summary: '统计看板',
    roles: ['stationAdmin', 'districtAdmin'],
    // The station: its community. The district: every community of it side by side, or one (drill-down).
    input: z.object({ communityId: idField.optional() }),
    output: z.object({
      scope: z.enum(['district', 'community']),
      name: z.string(),
      communities: z.array(communityFigures),
      /** The last twelve months, oldest first (for the district: the sum of its communities'). */
      months: z.array(monthFigures),
    }),
    errors: ['ORG.COMMUNITY_UNKNOWN'],
  },
  orgDashboard: {
    summary: '本单位统计',
    roles: ['orgAdmin'],
    input: z.object({}),
    // Its members' 报到 (approved and waiting), and its pairing under the latest notice with this year's visits.
    output: z.object({
      orgName: z.string(),
      reports: z.object({ pending: z.number(), approved: z.number() }),
      pairing: pairingView.nullable(),
    }),
    errors: [],
  },
});
export type StatsContract = typeof statsActions;
