import { phoneFor, type Viewer } from '@shared/core/privacy';
import type { EnrolmentView } from '@shared/checkin/checkin.contract';
import type { EnrolmentDoc } from './checkin.documents';
import { loadByIds, loadPlaces, nameOf } from '../core/runtime/lookup';
import type { Store } from '../core/store/store.port';

/** 报到 documents as the contract's view, names resolved in one query per collection. */
export async function enrolmentViews(
  store: Store,
  reports: EnrolmentDoc[],
  /** How the reader stands to each 报到 (the owner, its station, the district, the member's organisation). */
  viewersOf: (r: EnrolmentDoc) => Viewer[],
): Promise<EnrolmentView[]> {
  const [communities, orgs, grids, units, people] = await Promise.all([
    loadPlaces(
      store,
      'communities',
      reports.map((r) => r.communityId),
    ),
    loadPlaces(
      store,
      'orgs',
      reports.map((r) => r.orgId),
    ),
    loadPlaces(
      store,
      'grids',
      reports.map((r) => r.gridId),
    ),
    loadPlaces(
      store,
      'units',
      reports.map((r) => r.unitId),
    ),
    loadByIds(
      store,
      'people',
      reports.map((r) => r.reviewedBy),
    ),
  ]);
  return reports.map((r) => ({
    id: r._id,
    status: r.status,
    name: r.name,
    phone: phoneFor('enrolment', viewersOf(r), r.phone) ?? '',
    communityId: r.communityId,
    communityName: nameOf(communities, r.communityId),
    orgId: r.orgId,
    orgName: nameOf(orgs, r.orgId),
    gridName: nameOf(grids, r.gridId),
    unitId: r.unitId,
    unitName: nameOf(units, r.unitId),
    submittedAt: r.submittedAt,
    reviewedAt: r.reviewedAt,
    reviewerName: r.reviewedBy ? nameOf(people, r.reviewedBy) || '工作站' : null,
    reason: r.reason,
  }));
}

export async function enrolmentView(store: Store, report: EnrolmentDoc, as: Viewer): Promise<EnrolmentView> {
  const [view] = await enrolmentViews(store, [report], () => [as]);
  return view as EnrolmentView;
}
