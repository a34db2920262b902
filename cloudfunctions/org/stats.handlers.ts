import type { StatsContract } from '@shared/org/stats.contract';
import type { Handlers } from '../core/runtime/router';
import { dashboard, orgDashboard } from './stats.queries';

/** 统计看板: the org function's handler for the dashboards. */
export const statsHandlers: Handlers<StatsContract> = { dashboard, orgDashboard };
