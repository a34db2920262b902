import { fail, type Failure } from '@shared/core/result';
import type { Placement } from '@shared/core/roles';
import type { PlaceKind, PlaceNode } from '@shared/org/tree.contract';
import { check, ownScope } from '../access/access';
import type { Ctx } from '../core/runtime/router';
import { MAX_LIMIT, type Doc, type FindQuery, type Store } from '../core/store/store.port';
import type { CommunityDoc, DepartmentDoc, GridDoc, OrgDoc, UnitDoc } from './org.documents';

/** What the tree's handlers share: each kind's collection and parent, a place's view, who may change it. */
export type PlaceDoc = CommunityDoc | GridDoc | UnitDoc | OrgDoc | DepartmentDoc;

export const collectionOf: Record<PlaceKind, 'communities' | 'grids' | 'units' | 'orgs' | 'departments'> = {
  community: 'communities',
  grid: 'grids',
  unit: 'units',
  org: 'orgs',
  department: 'departments',
};

/** The kind a place of this kind sits under (the district for the others). */
export const parentKind: Partial<Record<PlaceKind, PlaceKind>> = { grid: 'community', unit: 'grid' };
/** The kind that sits under a place of this kind. */
export const childKind: Partial<Record<PlaceKind, PlaceKind>> = { community: 'grid', grid: 'unit' };

export function nodeOf(kind: PlaceKind, doc: PlaceDoc): PlaceNode {
  const members = kind === 'org' ? (doc as OrgDoc).members : null;
  return {
    kind,
    id: doc._id,
    name: doc.name,
    seq: 'seq' in doc && typeof doc.seq === 'number' ? doc.seq : null,
    retired: !!doc.retiredAt,
    retiredAt: doc.retiredAt ?? null,
    members: typeof members === 'number' ? members : null,
  };
}

/** Every document a query finds, page by page (a district's communities, a grid's units). */
export async function findAll<T extends Doc>(store: Store, collection: string, query: FindQuery): Promise<T[]> {
  const all: T[] = [];
  let after: string | null = null;
  do {
    const page: { items: T[]; next: string | null } = await store.find<T>(collection, {
      ...query,
      limit: MAX_LIMIT,
      after,
    });
    all.push(...page.items);
    after = page.next;
  } while (after);
  return all;
}

/** In use first, then by order and name (retired places stay listed, marked, so they can be restored). */
export function byOrder(a: PlaceNode, b: PlaceNode): number {
  return (
    Number(a.retired) - Number(b.retired) ||
    (a.seq ?? 0) - (b.seq ?? 0) ||
    a.name.localeCompare(b.name, 'zh-Hans-CN') ||
    a.id.localeCompare(b.id)
  );
}

export function placementOf(kind: PlaceKind, doc: PlaceDoc): Placement {
  if (kind === 'grid') return { districtId: doc.districtId, communityId: (doc as GridDoc).communityId };
  if (kind === 'unit') return { districtId: doc.districtId, communityId: (doc as UnitDoc).communityId };
  if (kind === 'community') return { districtId: doc.districtId, communityId: doc._id };
  return { districtId: doc.districtId };
}

/**
 * May the caller change this place? The district admin anything of its district; a station admin the grids
 * and units of its own community (not the community itself: its name is the district's to give).
 */
export function mayChange(ctx: Ctx, kind: PlaceKind, place: Placement): Failure | null {
  const action = kind === 'grid' || kind === 'unit' ? 'tree.community' : 'tree.district';
  const refused = check(ctx.caller, action, place);
  if (!refused) return null;
  // A station admin asking for the district's kinds is refused outright, not as out of its scope.
  return action === 'tree.district' && !ownScope(ctx.caller, 'districtAdmin') ? fail('AUTH.FORBIDDEN') : refused;
}
