import {
  isOpenProblem,
  problemTransitions,
  whistleTransitions,
  type ProblemStatus,
  type WhistleStatus,
} from '@shared/whistle/whistle.rules';
import { clause, excerpt } from '@shared/core/text';
import { beijing } from '@shared/core/time';
import { noticesOf, type Changer, type Entity, type Notice } from '../core/runtime/change';
import { withinPlaces } from '../core/runtime/counters';
import type { ProblemDoc, WhistleDoc } from './whistle.documents';
import { whistleTally } from './whistle.stats';

const toStation = (communityId: string) =>
  ({ role: 'stationAdmin', scope: 'community', scopeId: communityId }) as const;
const toDepartment = (departmentId: string) =>
  ({ role: 'department', scope: 'department', scopeId: departmentId }) as const;

/** What a subscribe message names the problem by (clipped to the template's 20 characters when sent). */
const subject = (p: ProblemDoc) => `${p.category}：${clause(p.description)}`;

/** A problem report moves by its table; `open` follows the state (the nearby and "me too" lists read it). */
export const problemEntity: Entity<ProblemDoc, ProblemStatus, typeof problemTransitions> = {
  name: 'problem',
  collection: 'problems',
  table: problemTransitions,
  badState: 'REPORT.BAD_STATE',
  stateOf: (p) => p.status,
  guardOf: (p) => ({ status: p.status }),
  enter: (status) => ({ status, open: isOpenProblem(status) }),
  history: true,
  counted: {
    kind: 'problem',
    place: (p) => ({ districtId: p.districtId, communityId: p.communityId }),
    within: (p) => withinPlaces({ g: p.gridId }),
  },
  audience: {
    owner: (p) => [{ openids: [p.openid] }],
    station: (p) => [toStation(p.communityId)],
  },
  facts: (p, note) => ({
    subject: subject(p),
    summary: `${p.category}：${excerpt(p.description, 40)}`,
    result: clause(p.result ?? ''),
    note: clause(note ?? ''),
  }),
};

/** Each whistled department's staff hear of it (a whistle is written with its problem's move, not created alone). */
export function whistledNotices(c: Changer, p: ProblemDoc, w: WhistleDoc): Notice[] {
  return noticesOf(c, whistleEntity, 'open', w, w, {
    key: `whistle.open~${w._id}`,
    facts: { subject: subject(p), summary: `${p.category}：${excerpt(p.description, 40)}` },
  });
}

/** The state of one department's whistle, read from its times and whether it still waits. */
export function whistleState(w: WhistleDoc): WhistleStatus {
  if (w.respondedAt) return 'answered';
  if (!w.open) return w.returnedAt ? 'returned' : 'closed';
  return w.acknowledgedAt ? 'acknowledged' : 'waiting';
}

export const whistleEntity: Entity<WhistleDoc, WhistleStatus, typeof whistleTransitions> = {
  name: 'whistle',
  collection: 'whistles',
  table: whistleTransitions,
  badState: 'REPORT.BAD_STATE',
  stateOf: whistleState,
  guardOf: (w) => ({ open: w.open, acknowledgedAt: w.acknowledgedAt, respondedAt: w.respondedAt }),
  enter: (to) => (to === 'answered' || to === 'returned' || to === 'closed' ? { open: false } : {}),
  history: false,
  audience: {
    station: (w) => [toStation(w.communityId)],
    department: (w) => [toDepartment(w.departmentId)],
    district: (w) => [{ role: 'districtAdmin', scope: 'district', scopeId: w.districtId }],
  },
  facts: (w) => ({ deadline: beijing(w.deadlineAt, 'MM月DD日 HH:mm') }),
  linkId: (w) => w.problemId,
  // Its department's month of whistles (whistle.stats.ts); what follows the problem is counted with its moves.
  tally: (next, before) => whistleTally(next, before),
};
