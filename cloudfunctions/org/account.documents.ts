import type { IndexDef } from '../core/store/indexes';

/** A person's own data: consent to the privacy policy, what is held about them, 注销: the collections and the queries (see core/store/indexes.ts). */
export const accountStorage: { collections: readonly string[]; indexes: readonly IndexDef[] } = {
  collections: [],
  indexes: [],
};
