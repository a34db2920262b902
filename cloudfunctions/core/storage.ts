import type { IndexDef } from './store/indexes';

/** The collections of the core: identity (people, grants), audit records and WeChat's mini-program codes. */
export const coreStorage: { collections: readonly string[]; indexes: readonly IndexDef[] } = {
  collections: ['audit', 'grants', 'miniCodes', 'people'],
  indexes: [
    { collection: 'audit', fields: ['entity', 'entityId', 'at', '_id'] },
    { collection: 'audit', fields: ['actor', 'at', '_id'] },
    { collection: 'grants', fields: ['openid', 'role', '_id'] },
    { collection: 'grants', fields: ['role', 'scope', 'scopeId', '_id'] },
    { collection: 'people', fields: ['orgId', 'name', '_id'] },
    { collection: 'people', fields: ['phone', '_id'] },
  ],
};
