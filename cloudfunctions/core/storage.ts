import type { IndexDef } from './store/indexes';

/** The collections of the core: identity (people, grants), audit records and WeChat's mini-program codes. */
export const coreStorage: { collections: readonly string[]; indexes: readonly IndexDef[] } = {
  collections: ['audit', 'grants', 'miniCodes', 'people', 'stats'],
  indexes: [
    { collection: 'audit', fields: ['entity', 'entityId', 'at', '_id'] },
    { collection: 'audit', fields: ['actor', 'at', '_id'] },
    { collection: 'grants', fields: ['openid', 'role', '_id'] },
    { collection: 'grants', fields: ['role', 'scope', 'scopeId', '_id'] },
    { collection: 'people', fields: ['orgId', 'name', '_id'] },
    { collection: 'people', fields: ['phone', '_id'] },
    // The dashboards' counters (core/runtime/counters.ts): a district's current counts, or its months.
    { collection: 'stats', fields: ['districtId', 'month', '_id'] },
    // The district's dashboard: its communities' counter documents, many communities at once.
    { collection: 'stats', fields: ['communityId', '_id'] },
  ],
};
