import type { IndexDef } from './store/indexes';

/** The collections of the core: identity (people, grants), audit records and WeChat's mini-program codes. */
export const coreStorage: { collections: readonly string[]; indexes: readonly IndexDef[] } = {
  collections: ['audit', 'grants', 'miniCodes', 'people'],
  indexes: [
    { collection: 'audit', fields: ['entity', 'entityId', 'at'] },
    { collection: 'audit', fields: ['actor', 'at'] },
    { collection: 'grants', fields: ['openid', 'role'] },
    { collection: 'grants', fields: ['role', 'scope', 'scopeId'] },
    { collection: 'people', fields: ['orgId', 'name'] },
    { collection: 'people', fields: ['phone'] },
  ],
};
