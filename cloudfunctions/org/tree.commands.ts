import { fail, failWith, type Failure } from '@shared/core/result';
import type { OrgContract } from '@shared/org/org.contract';
import { placeKindLabels, type PlaceKind } from '@shared/org/tree.contract';
import { ownScope } from '../access/access';
import { earlierCreate, record } from '../core/runtime/change';
import { keyedId } from '../core/runtime/ids';
import { forgetPlaces } from '../core/runtime/lookup';
import type { Ctx, Handlers } from '../core/runtime/router';
import type { Store } from '../core/store/store.port';
import { isActive, type CommunityDoc, type DistrictDoc, type GridDoc, type OrgDoc } from './org.documents';
import { childKind, collectionOf, findAll, mayChange, nodeOf, placementOf, type PlaceDoc } from './tree.places';

/**
 * Creating, renaming, retiring and restoring places of the tree, one at a time (the file import is
 * tree.import.ts). Every change is audited as `tree.<kind>.<create|update|retire|restore>` with what it
 * replaced. A place is never deleted and never moves to another parent (records carry their ancestors).
 */

type Parent = { districtId: string; communityId?: string; gridId?: string; name: string };

const newRecord = (kind: PlaceKind) => ['grid', 'unit'].includes(kind);

/** The places under the same parent as a place of `kind` (for a name already taken, and the next order). */
async function siblings(store: Store, kind: PlaceKind, parent: Parent): Promise<PlaceDoc[]> {
  if (kind === 'grid')
    return findAll(store, 'grids', { where: { communityId: parent.communityId! }, orderBy: [['seq', 'asc']] });
  if (kind === 'unit') return findAll(store, 'units', { where: { gridId: parent.gridId! }, orderBy: [['seq', 'asc']] });
  return findAll(store, collectionOf[kind], {
    where: { districtId: parent.districtId },
    orderBy: [
      ['districtId', 'asc'],
      ['name', 'asc'],
    ],
  });
}

function nameTaken(kind: PlaceKind, parent: Parent, name: string, others: PlaceDoc[], self?: string): Failure | null {
  const taken = others.some((o) => o._id !== self && isActive(o) && o.name === name);
  return taken ? failWith('ORG.NAME_TAKEN', { parent: parent.name, name, kind: placeKindLabels[kind] }) : null;
}

/** The parent a new place goes under, checked: it exists, is in use, and the caller may add to it. */
async function parentFor(ctx: Ctx, kind: PlaceKind, parentId: string | undefined): Promise<Parent | Failure> {
  const { store } = ctx;
  if (kind === 'grid' || kind === 'unit') {
    const doc =
      kind === 'grid'
        ? await store.get<CommunityDoc>('communities', parentId!)
        : await store.get<GridDoc>('grids', parentId!);
    if (!doc) return fail('NOT_FOUND');
    const communityId = kind === 'grid' ? doc._id : (doc as GridDoc).communityId;
    const refused = mayChange(ctx, kind, { districtId: doc.districtId, communityId });
    if (refused) return refused;
    if (!isActive(doc)) return failWith('ORG.PLACE_RETIRED', { name: doc.name });
    return {
      districtId: doc.districtId,
      communityId,
      ...(kind === 'unit' ? { gridId: doc._id } : {}),
      name: doc.name,
    };
  }
  const districtId = ownScope(ctx.caller, 'districtAdmin');
  if (!districtId) return fail('AUTH.FORBIDDEN');
  const district = await store.get<DistrictDoc>('districts', districtId);
  return { districtId, name: district?.name ?? '本区' };
}

/** The parent of a place that exists (for its siblings). */
async function parentOf(store: Store, kind: PlaceKind, doc: PlaceDoc): Promise<Parent> {
  if (kind === 'grid') {
    const community = await store.get<CommunityDoc>('communities', (doc as GridDoc).communityId);
    return { districtId: doc.districtId, communityId: (doc as GridDoc).communityId, name: community?.name ?? '' };
  }
  if (kind === 'unit') {
    const grid = await store.get<GridDoc>('grids', (doc as { gridId: string }).gridId);
    return { districtId: doc.districtId, gridId: grid?._id ?? '', name: grid?.name ?? '' };
  }
  const district = await store.get<DistrictDoc>('districts', doc.districtId);
  return { districtId: doc.districtId, name: district?.name ?? '本区' };
}

async function createPlace(
  input: Parameters<Handlers<OrgContract>['savePlace']>[0],
  ctx: Ctx,
): Promise<{ place: ReturnType<typeof nodeOf> } | Failure> {
  const { kind } = input;
  const parent = await parentFor(ctx, kind, input.parentId);
  if ('failure' in parent) return parent;
  // Generated, and short and plain enough for a printed community code (core/runtime/codes.ts).
  const id = keyedId(ctx.caller.openid, input.requestId, 14);
  const others = await siblings(ctx.store, kind, parent);
  // The same form sent again meets its own first write, not a name taken.
  const taken = nameTaken(kind, parent, input.name, others, id);
  if (taken) return taken;
  const seq = input.seq ?? Math.max(0, ...others.map((o) => ('seq' in o ? o.seq : 0))) + 1;
  const doc = {
    _id: id,
    name: input.name,
    ...(newRecord(kind) ? { seq } : {}),
    ...(kind === 'unit' ? { gridId: parent.gridId } : {}),
    ...(kind === 'grid' || kind === 'unit' ? { communityId: parent.communityId } : {}),
    districtId: parent.districtId,
    // Only a number is written: an organisation that declared none has no 在职党员数 (the contract refuses it for other kinds).
    ...(kind === 'org' && typeof input.members === 'number' ? { members: input.members } : {}),
  } as PlaceDoc;
  const collection = collectionOf[kind];
  try {
    await ctx.store.insert(collection, doc);
  } catch (error) {
    // The same form sent twice: its first write answers.
    const earlier = await earlierCreate<PlaceDoc>(ctx, collection, id, error, (d) => d.districtId === doc.districtId);
    return { place: nodeOf(kind, earlier) };
  }
  forgetPlaces(ctx.store, collection, [id]);
  await record(ctx, { action: `tree.${kind}.create`, entity: collection, entityId: id, before: null, after: doc });
  return { place: nodeOf(kind, doc) };
}

/** A place as it is, and whether the caller may change it. */
async function loadForChange(ctx: Ctx, kind: PlaceKind, id: string): Promise<PlaceDoc | Failure> {
  const doc = await ctx.store.get<PlaceDoc>(collectionOf[kind], id);
  if (!doc) return fail('NOT_FOUND');
  return mayChange(ctx, kind, placementOf(kind, doc)) ?? doc;
}

/** A new place, or a place's new name and order (and an organisation's 在职党员数). */
export const savePlace: Handlers<OrgContract>['savePlace'] = async (input, ctx) => {
  if (!input.id) return createPlace(input, ctx);
  const { kind } = input;
  const doc = await loadForChange(ctx, kind, input.id);
  if ('failure' in doc) return doc;
  const parentId =
    kind === 'grid' ? (doc as GridDoc).communityId : kind === 'unit' ? (doc as { gridId: string }).gridId : null;
  if (input.parentId && input.parentId !== parentId)
    return fail('INPUT.INVALID', { parentId: '不能移到其他上级：请停用后在新的上级下新增' });
  if (!isActive(doc)) return failWith('ORG.PLACE_RETIRED', { name: doc.name });
  const seq = newRecord(kind) && input.seq !== undefined ? input.seq : undefined;
  // Absent: left as it is; null: no longer declared.
  const members = kind === 'org' && input.members !== undefined ? input.members : undefined;
  const patch = {
    name: input.name,
    ...(seq !== undefined ? { seq } : {}),
    ...(members !== undefined ? { members } : {}),
  };
  if (
    patch.name === doc.name &&
    (seq === undefined || seq === (doc as GridDoc).seq) &&
    (members === undefined || members === ((doc as OrgDoc).members ?? null))
  )
    return { place: nodeOf(kind, doc) };
  const parent = await parentOf(ctx.store, kind, doc);
  const taken = nameTaken(kind, parent, input.name, await siblings(ctx.store, kind, parent), doc._id);
  if (taken) return taken;
  const collection = collectionOf[kind];
  // On the document as it was read: two people renaming at once, one wins and the other is told.
  const changed = await ctx.store.update(collection, { _id: doc._id, name: doc.name }, patch);
  if (!changed) return fail('CONFLICT');
  const after = { ...doc, ...patch } as PlaceDoc;
  forgetPlaces(ctx.store, collection, [doc._id]);
  await record(ctx, { action: `tree.${kind}.update`, entity: collection, entityId: doc._id, before: doc, after });
  return { place: nodeOf(kind, after) };
};

/**
 * Retires a place: never deleted, since reports, wishes, services and problems name it; it leaves the
 * pickers and new records and stays readable in old ones. A community or grid with places still in use
 * under it is refused (retire those first), so nothing in use hangs under a retired place.
 */
export const retirePlace: Handlers<OrgContract>['retirePlace'] = async (input, ctx) => {
  const { kind } = input;
  const doc = await loadForChange(ctx, kind, input.id);
  if ('failure' in doc) return doc;
  if (!isActive(doc)) return { place: nodeOf(kind, doc) };
  const child = childKind[kind];
  if (child) {
    const under = await findAll<PlaceDoc>(ctx.store, collectionOf[child], {
      where: kind === 'community' ? { communityId: doc._id } : { gridId: doc._id },
      orderBy: [['seq', 'asc']],
    });
    if (under.some(isActive)) return failWith('ORG.PLACE_IN_USE', { name: doc.name, children: placeKindLabels[child] });
  }
  const retiredAt = ctx.now.toISOString();
  const collection = collectionOf[kind];
  if (!(await ctx.store.update(collection, { _id: doc._id, name: doc.name }, { retiredAt }))) return fail('CONFLICT');
  const after = { ...doc, retiredAt } as PlaceDoc;
  forgetPlaces(ctx.store, collection, [doc._id]);
  await record(ctx, { action: `tree.${kind}.retire`, entity: collection, entityId: doc._id, before: doc, after });
  return { place: nodeOf(kind, after) };
};

/** Puts a retired place back in use, under a parent that is in use, under a name no place in use has there. */
export const restorePlace: Handlers<OrgContract>['restorePlace'] = async (input, ctx) => {
  const { kind } = input;
  const doc = await loadForChange(ctx, kind, input.id);
  if ('failure' in doc) return doc;
  if (isActive(doc)) return { place: nodeOf(kind, doc) };
  const parentId =
    kind === 'grid' ? (doc as GridDoc).communityId : kind === 'unit' ? (doc as { gridId: string }).gridId : null;
  if (parentId) {
    const above = await ctx.store.get<PlaceDoc>(kind === 'grid' ? 'communities' : 'grids', parentId);
    if (above && !isActive(above)) return failWith('ORG.PLACE_RETIRED', { name: above.name });
  }
  const parent = await parentOf(ctx.store, kind, doc);
  const taken = nameTaken(kind, parent, doc.name, await siblings(ctx.store, kind, parent), doc._id);
  if (taken) return taken;
  const collection = collectionOf[kind];
  if (!(await ctx.store.update(collection, { _id: doc._id, name: doc.name }, { retiredAt: null })))
    return fail('CONFLICT');
  const after = { ...doc, retiredAt: null } as PlaceDoc;
  forgetPlaces(ctx.store, collection, [doc._id]);
  await record(ctx, { action: `tree.${kind}.restore`, entity: collection, entityId: doc._id, before: doc, after });
  return { place: nodeOf(kind, after) };
};
