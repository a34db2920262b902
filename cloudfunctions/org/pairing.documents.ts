import type { PairingStatus } from '@shared/org/pairing.rules';
import type { HistoryEntry } from '../core/runtime/change';
import type { IndexDef } from '../core/store/indexes';

/** The district's pairing notice (结对通知): its date, and the deadline 5 working days after it. */
export type PairingNoticeDoc = {
  _id: string;
  districtId: string;
  title: string;
  /** The notice's date (YYYY-MM-DD, Beijing). */
  date: string;
  deadlineAt: string;
  issuedBy: string;
  issuedAt: string;
};

/** One organisation's pairing under one notice (`<notice>~<org>`). `open` until it is paired. */
export type PairingDoc = {
  _id: string;
  noticeId: string;
  noticeTitle: string;
  districtId: string;
  orgId: string;
  orgName: string;
  communityId: string | null;
  communityName: string | null;
  status: PairingStatus;
  open: boolean;
  deadlineAt: string;
  remindAt: string;
  reminded: boolean;
  escalated: boolean;
  requestedAt: string | null;
  pairedAt: string | null;
  reason: string | null;
  history: HistoryEntry[];
};

/** A visit the organisation made to its paired community (结对服务), counted per year. */
export type PairingVisitDoc = {
  _id: string;
  pairingId: string;
  orgId: string;
  orgName: string;
  communityId: string;
  districtId: string;
  year: number;
  date: string;
  membersPresent: number;
  problemsSolved: number;
  note: string;
  photos: string[];
  loggedBy: string;
  loggedByName: string;
  at: string;
};

export const pairingStorage: { collections: readonly string[]; indexes: readonly IndexDef[] } = {
  collections: ['pairingNotices', 'pairings', 'pairingVisits'],
  indexes: [
    { collection: 'pairingNotices', fields: ['districtId', 'date', '_id'] },
    { collection: 'pairings', fields: ['noticeId', 'orgName', '_id'] },
    { collection: 'pairings', fields: ['noticeId', 'status', 'orgName', '_id'] },
    { collection: 'pairings', fields: ['noticeId', 'open', 'deadlineAt', '_id'] },
    { collection: 'pairings', fields: ['orgId', 'deadlineAt', '_id'] },
    { collection: 'pairings', fields: ['communityId', 'deadlineAt', '_id'] },
    { collection: 'pairings', fields: ['communityId', 'status', 'deadlineAt', '_id'] },
    { collection: 'pairings', fields: ['open', 'reminded', 'remindAt', '_id'] },
    { collection: 'pairings', fields: ['open', 'escalated', 'deadlineAt', '_id'] },
    { collection: 'pairingVisits', fields: ['pairingId', 'date', '_id'] },
    { collection: 'pairingVisits', fields: ['orgId', 'year', 'date', '_id'] },
  ],
};
