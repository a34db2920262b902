import type { IndexDef } from '../core/store/indexes';

/** People and roles: grants by scope, invitation codes and the requests they make: the collections and the queries (see core/store/indexes.ts). */
export const peopleStorage: { collections: readonly string[]; indexes: readonly IndexDef[] } = {
  collections: [],
  indexes: [],
};
