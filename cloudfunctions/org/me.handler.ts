import type { OrgContract } from '@shared/org/org.contract';
import type { ScopeKind } from '@shared/core/roles';
import type { CommunityDoc } from '../core/runtime/documents';
import { loadByIds, nameOf } from '../core/runtime/lookup';
import type { Handlers } from '../core/runtime/router';

const scopeCollection: Record<ScopeKind, string | null> = {
  self: null,
  unit: 'units',
  grid: 'grids',
  community: 'communities',
  department: 'departments',
  org: 'orgs',
  district: 'districts',
};

/** Who the caller is: their community and role grants with the names of their scopes. */
export const me: Handlers<OrgContract>['me'] = async (_input, ctx) => {
  const { caller, store } = ctx;
  const byCollection = new Map<string, string[]>();
  for (const g of caller.grants) {
    const collection = scopeCollection[g.scope];
    if (collection) byCollection.set(collection, [...(byCollection.get(collection) ?? []), g.scopeId]);
  }
  const loaded = new Map(await Promise.all([...byCollection].map(async ([c, ids]) => [c, await loadByIds(store, c, ids)] as const)));
  const community = caller.person?.communityId ? await store.get<CommunityDoc>('communities', caller.person.communityId) : null;
  return {
    openid: caller.openid,
    name: caller.person?.name ?? null,
    communityId: community?._id ?? null,
    communityName: community?.name ?? null,
    grants: caller.grants.map((g) => {
      const collection = scopeCollection[g.scope];
      return { ...g, scopeName: collection ? nameOf(loaded.get(collection) ?? new Map(), g.scopeId) : '' };
    }),
  };
};
