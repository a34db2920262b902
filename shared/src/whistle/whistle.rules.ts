import type { TransitionTable } from '../core/transitions';

/**
 * 吹哨报到 (whistle, and the department reports in): a resident reports a neighbourhood problem; the station solves it in
 * the station or blows the whistle (吹哨) to departments, which acknowledge (报到) and feed back within
 * the deadline; the station confirms; the resident rates. 问题在站内发现、事情在站内解决、结果在站内反馈.
 */
export const problemStatuses = [
  'submitted',
  'in_station',
  'whistled',
  'acknowledged',
  'returned',
  'responded',
  'confirmed',
  'closed',
  'reopened',
  'duplicate',
  'declined',
] as const;
export type ProblemStatus = (typeof problemStatuses)[number];

export const problemStatusLabels: Record<ProblemStatus, string> = {
  submitted: '待处理',
  in_station: '站内处理中',
  whistled: '已吹哨',
  acknowledged: '部门已报到',
  returned: '部门退回',
  responded: '已反馈',
  confirmed: '已办结',
  closed: '已评价',
  reopened: '重新处理',
  duplicate: '已合并',
  declined: '不予受理',
};

export const problemCategories = [
  '环境卫生',
  '市政设施',
  '违章搭建',
  '噪音扰民',
  '停车交通',
  '安全隐患',
  '物业管理',
  '其他',
] as const;
export type ProblemCategory = (typeof problemCategories)[number];

/** One table for every move of a problem: from where, to where, and who (`progress` keeps the state). */
export const problemTransitions = {
  solveInStation: { from: ['submitted', 'reopened', 'returned'], to: 'in_station', by: ['stationAdmin'] },
  merge: { from: ['submitted'], to: 'duplicate', by: ['stationAdmin'] },
  decline: { from: ['submitted', 'reopened', 'returned'], to: 'declined', by: ['stationAdmin'] },
  whistle: { from: ['submitted', 'reopened', 'returned', 'responded'], to: 'whistled', by: ['stationAdmin'] },
  acknowledge: { from: ['whistled'], to: 'acknowledged', by: ['lead'] },
  notOurs: { from: ['whistled', 'acknowledged'], to: 'returned', by: ['lead'] },
  respond: { from: ['acknowledged'], to: 'responded', by: ['lead'] },
  stationRespond: { from: ['in_station'], to: 'responded', by: ['stationAdmin'] },
  confirm: { from: ['responded'], to: 'confirmed', by: ['stationAdmin'] },
  rateSatisfied: { from: ['confirmed'], to: 'closed', by: ['owner'] },
  rateUnsatisfied: { from: ['confirmed'], to: 'reopened', by: ['owner'] },
  progress: {
    from: ['submitted', 'in_station', 'whistled', 'acknowledged', 'returned', 'responded', 'reopened'],
    to: null,
    by: ['stationAdmin', 'department'],
  },
} as const satisfies TransitionTable<ProblemStatus>;
export type ProblemEvent = keyof typeof problemTransitions;

/**
 * One department's part in one round of whistling (its state is read from the whistle's times): it
 * acknowledges (报到), then the lead department's result answers for every department that reported in,
 * and closes, unanswered, the whistle of one that never did; a department may say it is not theirs.
 * Reminders and escalation mark it without changing the state.
 */
export const whistleStatuses = ['waiting', 'acknowledged', 'answered', 'returned', 'closed'] as const;
export type WhistleStatus = (typeof whistleStatuses)[number];
export const whistleTransitions = {
  acknowledge: { from: ['waiting'], to: 'acknowledged', by: ['department'] },
  answer: { from: ['waiting', 'acknowledged'], to: 'answered', by: ['lead'] },
  close: { from: ['waiting'], to: 'closed', by: ['lead'] },
  notOurs: { from: ['waiting', 'acknowledged'], to: 'returned', by: ['department', 'lead'] },
  remind: { from: ['waiting', 'acknowledged'], to: null, by: ['system'] },
  overdue: { from: ['waiting', 'acknowledged'], to: null, by: ['system'] },
} as const satisfies TransitionTable<WhistleStatus>;

/** Still being worked on (a "me too" joins it instead of filing a duplicate). */
export function isOpenProblem(status: ProblemStatus): boolean {
  return !['closed', 'duplicate', 'declined', 'confirmed'].includes(status);
}

/** Reminders go out this long before the deadline unless the community sets otherwise. */
export const REMIND_BEFORE_HOURS = 12;

/** A whistle's feedback deadline: N hours, or N working days (deadline.ts counts them). */
export type DeadlineRule = { kind: 'hours'; hours: number } | { kind: 'workdays'; days: number };

export const defaultDeadlineRule: DeadlineRule = { kind: 'hours', hours: 72 };

export type RateInputs = {
  whistled: number;
  acknowledged: number;
  responded: number;
  respondedOnTime: number;
  confirmed: number;
  rated: number;
  satisfied: number;
};

/** The four rates of the district's statistics, as fractions (0–1), null when there is nothing to divide. */
export function problemRates(x: RateInputs) {
  const ratio = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 1000) / 1000);
  return {
    responseRate: ratio(x.acknowledged, x.whistled),
    onTimeRate: ratio(x.respondedOnTime, x.whistled),
    resolutionRate: ratio(x.confirmed, x.whistled),
    satisfactionRate: ratio(x.satisfied, x.rated),
  };
}

/**
 * A department's year-end assessment points from its whistles (结果纳入年终考核): 2 for each one resolved
 * with feedback on time, 1 for one resolved late, minus 1 for each one that went overdue unanswered.
 */
export function assessmentPoints(x: {
  resolvedOnTime: number;
  resolvedLate: number;
  overdueUnanswered: number;
}): number {
  return 2 * x.resolvedOnTime + x.resolvedLate - x.overdueUnanswered;
}
