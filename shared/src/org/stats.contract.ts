import { z } from 'zod';
import { defineContract } from '../core/contract';
import { idField } from '../core/fields';
import { pairingView } from './pairing.contract';

/** 统计看板: the counts kept as the work happens (报到, 微心愿, 问题 by state), and twelve months of them. */

const counts = z.record(z.string(), z.number());
/** Points issued (credited, and corrections) and redeemed (net of refunds). */
const pointsFigures = z.object({ issued: z.number(), redeemed: z.number() });

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
  points: pointsFigures,
  /** 志愿服务: services by state now (pending, confirmed, rejected) and the confirmed ones' hours (`hours`). */
  service: counts,
  /** 岗位与活动: post claims held now (`posts`), activities made (`activities`), attendances (`attended`). */
  checkin: counts,
  /** 半年履责: approved members who met the rule this half-year, and of all approved members (%). */
  halfYearMet: z.number(),
  halfYearRate: z.number().nullable(),
});
export type CommunityFigures = z.infer<typeof communityFigures>;

/** A grid of the community (drill-down): its records by state now. */
export const gridFigures = z.object({
  id: z.string(),
  name: z.string(),
  report: counts,
  wish: counts,
  problem: counts,
  /** Its approved members who met the half-year rule. */
  halfYearMet: z.number(),
});
export type GridFigures = z.infer<typeof gridFigures>;

/**
 * An organisation of the district: its members' 报到 (approved, waiting) across the district's communities, and
 * 报到率: approved of the in-service members it declared (null: none declared).
 */
export const orgFigures = z.object({
  id: z.string(),
  name: z.string(),
  members: z.number().nullable(),
  approved: z.number(),
  pending: z.number(),
  reportRate: z.number().nullable(),
  /** Its approved members who met the half-year rule, and of its approved members (%). */
  halfYearMet: z.number(),
  halfYearRate: z.number().nullable(),
});
export type OrgFigures = z.infer<typeof orgFigures>;

/** One month's entries: how many records entered each state that month; the points issued and redeemed. */
const monthFigures = z.object({
  month: z.string(),
  report: counts,
  wish: counts,
  problem: counts,
  points: pointsFigures,
  /** The services given that month by state now, and the confirmed ones' hours. */
  service: counts,
  /** Activities starting that month, attendances checked in that month, post claims made that month and held. */
  checkin: counts,
});
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
      /** The half-year the 半年履责 figures are of: 2026年下半年. */
      halfYear: z.string(),
      /** The whole place's figures: the community, or the district (its communities added up). */
      total: communityFigures,
      communities: z.array(communityFigures),
      /** The last twelve months, oldest first (for the district: the sum of its communities'). */
      months: z.array(monthFigures),
      /** One community: its grids (in use), side by side. */
      grids: z.array(gridFigures),
      /** The district: its organisations (in use), side by side, and 报到率 over those that declared members. */
      orgs: z.array(orgFigures),
      reportRate: z.number().nullable(),
      /** Whistles past their deadline with no feedback yet (逾期未反馈), of the community or the district. */
      overdueWhistles: z.number(),
      /**
       * This month's whistles of the community or the district and the four rates (0–1, null: none yet): 响应率
       * (acknowledged), 按时反馈率, 办结率, 满意率 (of those rated), as 吹哨报到统计 counts them.
       */
      whistles: z.object({
        month: z.string(),
        whistled: z.number(),
        responseRate: z.number().nullable(),
        onTimeRate: z.number().nullable(),
        resolutionRate: z.number().nullable(),
        satisfactionRate: z.number().nullable(),
      }),
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
      /** Its approved members who met the half-year rule this half-year, and of its approved members (%). */
      halfYear: z.object({ label: z.string(), met: z.number(), rate: z.number().nullable() }),
      pairing: pairingView.nullable(),
    }),
    errors: [],
  },
});
export type StatsContract = typeof statsActions;
