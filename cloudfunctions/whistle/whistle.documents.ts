import type { ProblemCategory, ProblemStatus } from '@shared/whistle/whistle.rules';
import type { HistoryEntry } from '../core/runtime/change';
import type { IndexDef } from '../core/store/indexes';

export type ProblemDoc = {
  _id: string;
  districtId: string;
  communityId: string;
  gridId: string;
  unitId: string;
  openid: string;
  reporterName: string | null;
  reporterPhone: string;
  category: ProblemCategory;
  description: string;
  photos: string[];
  status: ProblemStatus;
  /** Still being worked on: the "me too" and nearby lists read it. */
  open: boolean;
  shareIdentity: boolean;
  mergedInto: string | null;
  meToo: number;
  round: number;
  result: string | null;
  resultPhotos: string[];
  rating: 'satisfied' | 'unsatisfied' | null;
  ratingComment: string | null;
  createdAt: string;
  history: HistoryEntry[];
};

export type WhistleDoc = {
  _id: string; // problemId~departmentId~round
  problemId: string;
  departmentId: string;
  communityId: string;
  districtId: string;
  lead: boolean;
  round: number;
  whistledAt: string;
  deadlineAt: string;
  remindAt: string;
  /** Waiting for the department's result. */
  open: boolean;
  reminded: boolean;
  overdue: boolean;
  acknowledgedAt: string | null;
  respondedAt: string | null;
  /** When the department said it was not theirs (absent on whistles written before it was kept). */
  returnedAt?: string | null;
  /** The deadline counted working days through a year no holiday calendar covered (Monday to Friday). */
  deadlineFallback?: boolean;
};

/** The collections this feature owns and every query it makes (see core/store/indexes.ts). */
export const whistleStorage: { collections: readonly string[]; indexes: readonly IndexDef[] } = {
  collections: ['meToos', 'problems', 'whistles'],
  indexes: [
    { collection: 'problems', fields: ['openid', 'createdAt', '_id'] },
    { collection: 'problems', fields: ['openid', 'status', 'createdAt', '_id'] },
    { collection: 'problems', fields: ['communityId', 'status', 'createdAt', '_id'] },
    { collection: 'problems', fields: ['districtId', 'status', 'createdAt', '_id'] },
    { collection: 'problems', fields: ['gridId', 'open', 'createdAt', '_id'] },
    { collection: 'whistles', fields: ['problemId', 'round', '_id'] },
    { collection: 'whistles', fields: ['districtId', 'whistledAt', '_id'] },
    // A department's own rows of the 吹哨报到考核表 export.
    { collection: 'whistles', fields: ['departmentId', 'whistledAt', '_id'] },
    { collection: 'whistles', fields: ['districtId', 'open', 'overdue', '_id'] },
    // The community's dashboard: its whistles past the deadline with no feedback yet.
    { collection: 'whistles', fields: ['communityId', 'open', 'overdue', '_id'] },
    { collection: 'whistles', fields: ['departmentId', 'open', 'deadlineAt', '_id'] },
    { collection: 'whistles', fields: ['open', 'reminded', 'remindAt', '_id'] },
    { collection: 'whistles', fields: ['open', 'overdue', 'deadlineAt', '_id'] },
  ],
};
