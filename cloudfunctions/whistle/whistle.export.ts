import { beijingMonth } from '@shared/core/time';
import { assessmentPoints, problemRates } from '@shared/whistle/whistle.rules';
import { loadByIds } from '../core/runtime/lookup';
import { allPages } from '../core/runtime/pages';
import type { Store } from '../core/store/store.port';
import type { ProblemDoc, WhistleDoc } from './whistle.documents';
import { whistleFacts } from './whistle.stats';

/**
 * What the district's exports (org's exports part, issue 16) read of whistles: the 吹哨报到考核表, per
 * department and month (by whistle time, Beijing). A whistle counts by the rule of the monthly statistics'
 * counters (`whistleFacts`, whistle.stats.ts): resolved when its problem's result was confirmed in that round
 * with the department's feedback, rated by the resident's rating of that result; the rates and the assessment
 * points are the shared rules' (`problemRates`, `assessmentPoints`).
 */

export type DepartmentMonth = {
  month: string;
  departmentId: string;
  whistled: number;
  acknowledged: number;
  /** 报到 (acknowledged) by the feedback deadline. */
  acknowledgedOnTime: number;
  responded: number;
  respondedOnTime: number;
  resolved: number;
  rated: number;
  satisfied: number;
  /** Past the deadline with no feedback. */
  overdue: number;
  responseRate: number | null;
  onTimeRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
  points: number;
};

/** One month's whistles of the district (of one department), tallied per department, by department id. */
async function monthOf(store: Store, districtId: string, month: string, departmentId?: string) {
  const bounds = beijingMonth(month);
  const whistles = await allPages<WhistleDoc>(store, 'whistles', {
    where: {
      ...(departmentId ? { departmentId } : { districtId }),
      whistledAt: { $gte: bounds.start, $lt: bounds.end },
    },
    orderBy: [['whistledAt', 'asc']],
  });
  const problems = await loadByIds<ProblemDoc>(
    store,
    'problems',
    whistles.map((w) => w.problemId),
  );
  const tallies = new Map<
    string,
    Omit<DepartmentMonth, 'responseRate' | 'onTimeRate' | 'resolutionRate' | 'satisfactionRate' | 'points'> & {
      late: number;
    }
  >();
  for (const w of whistles) {
    const facts = whistleFacts(w, problems.get(w.problemId));
    const t = tallies.get(w.departmentId) ?? {
      month,
      departmentId: w.departmentId,
      whistled: 0,
      acknowledged: 0,
      acknowledgedOnTime: 0,
      responded: 0,
      respondedOnTime: 0,
      resolved: 0,
      rated: 0,
      satisfied: 0,
      overdue: 0,
      late: 0,
    };
    for (const f of facts) t[f === 'confirmed' ? 'resolved' : f]++;
    if (w.acknowledgedAt && w.acknowledgedAt <= w.deadlineAt) t.acknowledgedOnTime++;
    tallies.set(w.departmentId, t);
  }
  return [...tallies.values()].map(({ late, ...t }): DepartmentMonth => ({
    ...t,
    ...problemRates({ ...t, confirmed: t.resolved }),
    points: assessmentPoints({ resolvedOnTime: t.resolved - late, resolvedLate: late, overdueUnanswered: t.overdue }),
  }));
}

/** The district's (or one department's) tallies for each month, the months read at once, in month order. */
export async function departmentMonths(
  store: Store,
  districtId: string,
  months: readonly string[],
  departmentId?: string,
): Promise<DepartmentMonth[][]> {
  return Promise.all(months.map((month) => monthOf(store, districtId, month, departmentId)));
}
