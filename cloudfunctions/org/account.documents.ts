import type { IndexDef } from '../core/store/indexes';

/**
 * The version of the privacy policy and user agreement a person last agreed to, and when (keyed by the
 * OPENID: one per person; each agreement is also an audit record, `account.consent`).
 */
export type ConsentDoc = { _id: string; version: string; agreedAt: string };

/**
 * A closing (注销) under way, keyed by the OPENID: the pseudonym chosen for it, the names and numbers to
 * take out of every text and the photos taken out, so that a closing interrupted by a fault resumes with the same pseudonym. Removed
 * when the closing is done: nothing then ties the OPENID to the pseudonym.
 */
export type ClosureDoc = {
  _id: string;
  pseudonym: string;
  names: string[];
  phones: string[];
  startedAt: string;
  /** The photo ids taken out of their records so far (their files are deleted at the end). */
  photos?: string[];
};

/** A person's own data: consent to the privacy policy, what is held about them, 注销: the collections and the queries (see core/store/indexes.ts). */
export const accountStorage: { collections: readonly string[]; indexes: readonly IndexDef[] } = {
  collections: ['closures', 'consents'],
  indexes: [
    // 注销: the invitations a person asked a role by, found through their audit records.
    { collection: 'audit', fields: ['actor', 'entity', 'at', '_id'] },
  ],
};
