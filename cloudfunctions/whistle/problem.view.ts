import { phoneFor, type Viewer } from '@shared/core/privacy';
import type { ProblemView } from '@shared/whistle/whistle.contract';
import { holds, ownScope } from '../access/access';
import { SYSTEM_ACTOR, type HistoryEntry } from '../core/runtime/change';
import type { ProblemDoc, WhistleDoc } from './whistle.documents';
import { whistleState } from './whistle.entities';

const whistleLabels = {
  waiting: '待报到',
  acknowledged: '已报到',
  answered: '已反馈',
  returned: '已退回',
  closed: '未报到',
} as const;
import { loadPlaces, nameOf } from '../core/runtime/lookup';
import { photoUrls } from '../core/runtime/photos';
import type { Ctx } from '../core/runtime/router';
import type { Doc } from '../core/store/store.port';

/** Who a timeline line names: the resident, the system, the department, the station, or staff. */
function timelineName(h: HistoryEntry, reporter: string, departments: Map<string, Doc>): string {
  if (h.by === reporter) return '居民';
  if (h.by === SYSTEM_ACTOR) return '系统';
  if (h.byDepartment) return nameOf(departments, h.byDepartment) || '职能部门';
  return h.as === 'stationAdmin' ? '社区工作站' : '工作人员';
}

/**
 * Departments see the problem and where it is, not who reported it, unless the station shared that. Its
 * photos (of homes and neighbours) go only to those who reported or handle it: the reporter, the station and
 * the district of its place, a department it was whistled to; never to a neighbour looking at problems nearby.
 */
export async function problemViews(ctx: Ctx, problems: ProblemDoc[]): Promise<ProblemView[]> {
  const whistled = problems.filter((p) => p.round > 0).map((p) => p._id);
  const department = ownScope(ctx.caller, 'department');
  const staff = (p: ProblemDoc) =>
    holds(ctx.caller, ['stationAdmin', 'districtAdmin'], { communityId: p.communityId, districtId: p.districtId });
  // Only problems whose photos this reader may see have them made into URLs (a department's whistles are read below).
  const mayShow = (p: ProblemDoc) => p.openid === ctx.caller.openid || staff(p) || !!department;
  const [communities, grids, units, allWhistles, photoUrl] = await Promise.all([
    loadPlaces(
      ctx.store,
      'communities',
      problems.map((p) => p.communityId),
    ),
    loadPlaces(
      ctx.store,
      'grids',
      problems.map((p) => p.gridId),
    ),
    loadPlaces(
      ctx.store,
      'units',
      problems.map((p) => p.unitId),
    ),
    // Every round's whistles of the page in one query; each problem shows its current round.
    whistled.length
      ? ctx.store.find<WhistleDoc>('whistles', { where: { problemId: { $in: whistled } }, limit: 1000 })
      : Promise.resolve({ items: [] as WhistleDoc[] }),
    // The photos of the page, through URLs made for this reader that soon stop working.
    photoUrls(
      ctx.rt,
      problems.filter(mayShow).flatMap((p) => [...p.photos, ...p.resultPhotos]),
    ),
  ]);
  const urls = (ids: string[]) => ids.map(photoUrl).filter((url): url is string => url !== null);
  const whistles = problems.map((p) => ({
    items: allWhistles.items.filter((w) => w.problemId === p._id && w.round === p.round),
  }));
  const departments = await loadPlaces(ctx.store, 'departments', [
    ...allWhistles.items.map((x) => x.departmentId),
    ...problems.flatMap((p) => p.history.map((h: HistoryEntry) => h.byDepartment)),
  ]);
  const seesPhotos = (p: ProblemDoc) =>
    p.openid === ctx.caller.openid ||
    staff(p) ||
    (!!department && allWhistles.items.some((w) => w.problemId === p._id && w.departmentId === department));
  return problems.map((p, i) => {
    const place = { communityId: p.communityId, districtId: p.districtId };
    // The reporter is shown to a department only when the station shared it and whistled that department.
    const sharedWithMe =
      p.shareIdentity && !!department && (whistles[i]?.items ?? []).some((w) => w.departmentId === department);
    const as: Viewer[] = [
      ...(p.openid === ctx.caller.openid ? (['owner'] as const) : []),
      ...(holds(ctx.caller, ['stationAdmin'], place) ? (['stationAdmin'] as const) : []),
      ...(holds(ctx.caller, ['districtAdmin'], place) ? (['districtAdmin'] as const) : []),
      ...(sharedWithMe ? (['sharedDepartment'] as const) : []),
    ];
    const reporterPhone = phoneFor('problem', as.length ? as : ['other'], p.reporterPhone);
    const identity = reporterPhone !== null && reporterPhone === p.reporterPhone;
    return {
      id: p._id,
      category: p.category,
      description: p.description,
      photos: seesPhotos(p) ? urls(p.photos) : [],
      status: p.status,
      communityName: nameOf(communities, p.communityId),
      unitId: p.unitId,
      place: `${nameOf(grids, p.gridId)} ${nameOf(units, p.unitId)}`,
      reporterName: identity ? (p.reporterName ?? '居民') : null,
      reporterPhone,
      meToo: p.meToo,
      departments: (whistles[i]?.items ?? []).map((w) => ({
        id: w.departmentId,
        name: nameOf(departments, w.departmentId),
        lead: w.lead,
        deadlineAt: w.deadlineAt,
        deadlineEstimated: w.deadlineFallback === true,
        overdue: w.overdue,
        status: whistleLabels[whistleState(w)],
      })),
      result: p.result,
      resultPhotos: seesPhotos(p) ? urls(p.resultPhotos) : [],
      rating: p.rating,
      createdAt: p.createdAt,
      timeline: p.history.map((h) => ({
        ...h,
        by: timelineName(h, p.openid, departments),
      })),
    };
  });
}

export async function problemView(ctx: Ctx, p: ProblemDoc): Promise<ProblemView> {
  return (await problemViews(ctx, [p]))[0] as ProblemView;
}
