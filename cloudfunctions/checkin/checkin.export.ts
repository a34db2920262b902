import { enrolmentStatuses } from '@shared/checkin/enrolment.rules';
import { allPages, countPerMember, eachPage, monthSlices, slicesInOrder } from '../core/runtime/pages';
import type { Store, Where } from '../core/store/store.port';
import type { EnrolmentDoc, PostClaimDoc } from './checkin.documents';

/**
 * What the district's exports (org's exports part, issue 16) read of 报到: the 报到 of a period and the
 * approved members of a scope, page by page, and the post claims of many members at once.
 */

/** A scope of the exports: the district, one community, or an employer organisation. */
export type ExportWhere = { districtId: string } | { communityId: string } | { orgId: string };

/** Months read at once: each a query of its own, page by page. */
const SLICES_AT_ONCE = 6;

/**
 * Every 报到 of the scope submitted in [start, end), oldest first, a month at a time (months read at once,
 * handed over in order). A community's query names every status (its index leads with the status).
 */
export async function eachEnrolment(
  store: Store,
  scope: ExportWhere,
  range: { start: string; end: string },
  each: (reports: EnrolmentDoc[]) => void | Promise<void>,
): Promise<void> {
  const where: Where = 'communityId' in scope ? { ...scope, status: { $in: [...enrolmentStatuses] } } : { ...scope };
  await slicesInOrder(
    monthSlices(range).map(
      (slice) => () =>
        allPages<EnrolmentDoc>(store, 'reports', {
          where: { ...where, submittedAt: { $gte: slice.start, $lt: slice.end } },
          orderBy: [['submittedAt', 'asc']],
        }),
    ),
    SLICES_AT_ONCE,
    each,
  );
}

/** The members reported and approved in the scope (their approved 报到), page by page. */
export async function eachApprovedMember(
  store: Store,
  scope: ExportWhere,
  each: (reports: EnrolmentDoc[]) => void | Promise<void>,
): Promise<void> {
  await eachPage<EnrolmentDoc>(
    store,
    'reports',
    { where: { ...scope, status: 'approved' }, orderBy: [['submittedAt', 'asc']] },
    each,
  );
}

/** How many posts each member claimed in [start, end) and still holds (the half-year rule's posts). */
export async function postClaimsOf(
  store: Store,
  openids: readonly string[],
  range: { start: string; end: string },
): Promise<Map<string, number>> {
  return countPerMember<PostClaimDoc>(
    store,
    { collection: 'postClaims', member: 'openid', time: 'claimedAt', counts: (c) => c.status === 'active' },
    openids,
    range,
  );
}
