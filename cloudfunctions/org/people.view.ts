import { maskPhone } from '@shared/core/mask';
import type { ScopeKind } from '@shared/core/roles';
import type { HolderView, InviteView } from '@shared/org/people.contract';
import type { GrantDoc, PersonDoc } from '../core/runtime/identity';
import { loadByIds, loadPlaces, nameOf, type PlaceCollection } from '../core/runtime/lookup';
import type { Doc, Store } from '../core/store/store.port';
import type { InviteDoc } from './people.documents';
import { scopeCollection } from './people.scope';

/** The names of the scopes of some grants, by `${scope}/${id}` (places through the place cache). */
export async function scopeNames(
  store: Store,
  grants: ReadonlyArray<{ scope: ScopeKind; scopeId: string }>,
): Promise<(g: { scope: ScopeKind; scopeId: string }) => string> {
  const byCollection = new Map<string, string[]>();
  for (const g of grants) {
    const c = scopeCollection[g.scope];
    if (c) byCollection.set(c, [...(byCollection.get(c) ?? []), g.scopeId]);
  }
  const loaded = new Map<string, Map<string, Doc>>(
    await Promise.all(
      [...byCollection].map(
        async ([c, ids]) =>
          [
            c,
            c === 'districts' ? await loadByIds(store, c, ids) : await loadPlaces(store, c as PlaceCollection, ids),
          ] as const,
      ),
    ),
  );
  return (g) => {
    const c = scopeCollection[g.scope];
    return c ? nameOf(loaded.get(c) ?? new Map(), g.scopeId) : '';
  };
}

/** A person's phone in the people views: always masked (enough to tell two people of one name apart). */
export const maskedPhone = (phone: string | null | undefined): string | null => (phone ? maskPhone(phone) : null);

export function holderOf(
  g: GrantDoc,
  person: PersonDoc | undefined,
  scopeName: string,
  revocable: boolean,
): HolderView {
  return {
    openid: g.openid,
    name: person?.name ?? '（未填写姓名）',
    phone: maskedPhone(person?.phone),
    role: g.role,
    scope: g.scope,
    scopeId: g.scopeId,
    scopeName,
    grantedAt: g.at,
    revocable,
  };
}

export async function holderViews(
  store: Store,
  grants: GrantDoc[],
  revocable: (g: GrantDoc) => boolean,
): Promise<HolderView[]> {
  const [people, names] = await Promise.all([
    loadByIds<PersonDoc>(
      store,
      'people',
      grants.map((g) => g.openid),
    ),
    scopeNames(store, grants),
  ]);
  return grants.map((g) => holderOf(g, people.get(g.openid), names(g), revocable(g)));
}

export function inviteViewOf(i: InviteDoc, now: Date): InviteView {
  return {
    id: i._id,
    role: i.role,
    scope: i.scope,
    scopeId: i.scopeId,
    scopeName: i.scopeName,
    status: i.status,
    expired: i.status === 'open' && new Date(i.expiresAt).getTime() <= now.getTime(),
    expiresAt: i.expiresAt,
    createdAt: i.createdAt,
    createdByName: i.createdByName,
    requester: i.requester ? { name: i.requester.name, phone: maskPhone(i.requester.phone) } : null,
    requestedAt: i.requestedAt,
    decidedAt: i.decidedAt,
    reason: i.reason,
  };
}
