import { maskPhone } from '@shared/core/mask';
import type { ReportView } from '@shared/checkin/checkin.contract';
import type { ReportDoc } from '../core/runtime/documents';
import { loadByIds, nameOf } from '../core/runtime/lookup';
import type { Store } from '../core/store/store.port';

/** Report documents as the contract's view, names resolved in one query per collection. */
export async function reportViews(store: Store, reports: ReportDoc[], showPhone: (r: ReportDoc) => boolean): Promise<ReportView[]> {
  const [communities, orgs, grids, units, people] = await Promise.all([
    loadByIds(store, 'communities', reports.map((r) => r.communityId)),
    loadByIds(store, 'orgs', reports.map((r) => r.orgId)),
    loadByIds(store, 'grids', reports.map((r) => r.gridId)),
    loadByIds(store, 'units', reports.map((r) => r.unitId)),
    loadByIds(store, 'people', reports.map((r) => r.reviewedBy)),
  ]);
  return reports.map((r) => ({
    id: r._id,
    status: r.status,
    name: r.name,
    phone: showPhone(r) ? r.phone : maskPhone(r.phone),
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

export async function reportView(store: Store, report: ReportDoc, showPhone: boolean): Promise<ReportView> {
  const [view] = await reportViews(store, [report], () => showPhone);
  return view as ReportView;
}
