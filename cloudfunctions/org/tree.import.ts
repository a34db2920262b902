import type { ImportCounts, ImportProblem, PlaceKind } from '@shared/org/tree.contract';
import { hasInvisible, MAX_MEMBERS, placeKinds } from '@shared/org/tree.contract';
import { record, type Changer } from '../core/runtime/change';
import { forgetPlaces, loadByIds } from '../core/runtime/lookup';
import { eachLimited } from '../core/runtime/parallel';
import type { Store } from '../core/store/store.port';
import type { GridDoc, OrgDoc, UnitDoc } from './org.documents';
import { collectionOf, findAll, type PlaceDoc } from './tree.places';
import { ACTIVE, columnNames, kindsInFile, RETIRED, sheetNames, type TreeRow, type TreeRows } from './tree.layout';

export { MAX_PROBLEMS, type TreeRow, type TreeRows } from './tree.layout';

/**
 * The import core, shared by the app's xlsx import (tree.files.ts) and the engineer's `cloudbase:admin --
 * import` (scripts/cloudbase/admin-commands.ts): rows of each kind as read from a file → every problem, or
 * the plan (what is new, what changed) → written in parallel limited batches, each write audited. Nothing
 * is written while any row is wrong; a file imported again finds nothing new or changed and writes nothing.
 * Places not in the file are left as they are (never deleted or retired by their absence).
 */

const COMMUNITY_ID = /^[a-z0-9]{1,14}$/;
const SEQ_RULE = '序号应为1至9999的整数（不填：已有的保持原序，新增的排在最后）';
const PLACE_ID = /^[A-Za-z0-9_-]{1,40}$/;
const MEMBERS_RULE = `在职党员数应为0至${MAX_MEMBERS}的整数（不填表示未填报）`;

/**
 * An organisation's 在职党员数 as its cell says: a number, null when left empty (not declared), undefined when
 * the file has no such column (the stored number stays), or NaN when the cell is not a whole number in range.
 */
function membersOf(text: string | undefined): number | null | undefined {
  if (text === undefined) return undefined;
  if (text === '') return null;
  const n = /^\d{1,7}$/.test(text) ? Number(text) : NaN;
  return n <= MAX_MEMBERS ? n : NaN;
}

type Wanted = { kind: PlaceKind; row: TreeRow; doc: PlaceDoc };
export type ImportPlan = {
  districtId: string;
  added: Wanted[];
  changed: Array<Wanted & { before: PlaceDoc }>;
  counts: ImportCounts;
};

const emptyCounts = (): ImportCounts =>
  Object.fromEntries(placeKinds.map((k) => [k, { added: 0, changed: 0, unchanged: 0 }])) as ImportCounts;

const parentOfKind: Partial<Record<PlaceKind, PlaceKind>> = { grid: 'community', unit: 'grid' };

/**
 * Checks every row against the rules and the store (the file's ids and their parents read in batches, a
 * round trip or two however long the file) and answers every problem, or the plan.
 */
export async function planImport(
  store: Store,
  districtId: string,
  rows: TreeRows,
  now: Date,
): Promise<{ problems: ImportProblem[] } | { plan: ImportPlan }> {
  const problems: ImportProblem[] = [];
  const problem = (kind: PlaceKind, row: number, field: string, reason: string) =>
    problems.push({ sheet: sheetNames[kind], row, field, reason });

  // Each row's own cells.
  const seqs = new Map<string, number>();
  for (const kind of placeKinds) {
    const ids = new Map<string, number>();
    for (const r of rows[kind]) {
      const idRule = kind === 'community' ? COMMUNITY_ID : PLACE_ID;
      if (!r.id) problem(kind, r.row, columnNames.id, '请填写编号');
      else if (!idRule.test(r.id))
        problem(
          kind,
          r.row,
          columnNames.id,
          kind === 'community'
            ? '社区编号只能用小写字母和数字，最多14位（它印在社区报到码里）'
            : '编号只能用字母、数字、-、_，最多40位',
        );
      else if (ids.has(r.id)) problem(kind, r.row, columnNames.id, `编号与第${ids.get(r.id)}行重复`);
      else ids.set(r.id, r.row);
      if (!r.name) problem(kind, r.row, columnNames.name, '请填写名称');
      else if (r.name.length > 40) problem(kind, r.row, columnNames.name, '名称最多40个字');
      else if (hasInvisible(r.name)) problem(kind, r.row, columnNames.name, '名称含有不可见字符');
      if (r.status && r.status !== ACTIVE && r.status !== RETIRED)
        problem(kind, r.row, columnNames.status, `状态只能填“${ACTIVE}”或“${RETIRED}”（不填为在用）`);
      if (kind === 'org' && Number.isNaN(membersOf(r.members))) problem(kind, r.row, columnNames.members, MEMBERS_RULE);
      const parentKind = parentOfKind[kind];
      if (parentKind) {
        const header = columnNames.parentId[kind as 'grid' | 'unit'];
        if (!r.parentId) problem(kind, r.row, header, `请填写${header}`);
        // Left empty: a place already there keeps its order, a new one goes after its parent's last.
        const text = (r.seq ?? '').trim();
        const seq = Number(text);
        if (text !== '' && (!Number.isInteger(seq) || seq < 1 || seq > 9999))
          problem(kind, r.row, columnNames.seq, SEQ_RULE);
        else if (text !== '') seqs.set(`${kind}/${r.id}`, seq);
      }
    }
  }
  if (problems.length) return { problems };

  // What the store holds of the file's ids, and of parents the file names but does not list.
  const stored = new Map<PlaceKind, Map<string, PlaceDoc>>(
    await Promise.all(
      placeKinds.map(
        async (k) =>
          [
            k,
            await loadByIds<PlaceDoc>(
              store,
              collectionOf[k],
              rows[k].map((r) => r.id),
            ),
          ] as const,
      ),
    ),
  );
  const inFile = (kind: PlaceKind) => new Map(rows[kind].map((r) => [r.id, r]));
  const files = Object.fromEntries(placeKinds.map((k) => [k, inFile(k)])) as Record<PlaceKind, Map<string, TreeRow>>;
  const outsideParents = (kind: 'grid' | 'unit') =>
    rows[kind].map((r) => r.parentId!).filter((id) => !files[parentOfKind[kind]!].has(id));
  const [extraCommunities, extraGrids, siblings] = await Promise.all([
    loadByIds<PlaceDoc>(store, 'communities', outsideParents('grid')),
    loadByIds<PlaceDoc>(store, 'grids', outsideParents('unit')),
    storedSiblings(store, districtId, rows),
  ]);
  // A new grid or unit without an order goes after the last of its parent's (stored or in the file).
  const lastSeq = new Map<string, number>();
  const raise = (key: string, seq: number) => lastSeq.set(key, Math.max(lastSeq.get(key) ?? 0, seq));
  for (const kind of ['grid', 'unit'] as const) {
    for (const d of siblings.get(kind) ?? []) raise(`${kind}/${parentOf(kind, d)}`, (d as GridDoc).seq);
    for (const r of rows[kind]) {
      const seq = seqs.get(`${kind}/${r.id}`) ?? (stored.get(kind)?.get(r.id) as GridDoc | undefined)?.seq;
      if (seq !== undefined) raise(`${kind}/${r.parentId}`, seq);
    }
  }
  const seqOf = (kind: PlaceKind, r: TreeRow, before: PlaceDoc | undefined): number | undefined => {
    if (kind !== 'grid' && kind !== 'unit') return undefined;
    const given = seqs.get(`${kind}/${r.id}`) ?? (before as GridDoc | undefined)?.seq;
    if (given !== undefined) return given;
    const key = `${kind}/${r.parentId}`;
    const next = (lastSeq.get(key) ?? 0) + 1;
    lastSeq.set(key, next);
    return next;
  };
  const retiredNow = (kind: PlaceKind, id: string): boolean | null => {
    const r = files[kind].get(id);
    if (r) return r.status === RETIRED;
    const doc = stored.get(kind)?.get(id) ?? (kind === 'community' ? extraCommunities : extraGrids).get(id);
    return doc ? !!doc.retiredAt : null;
  };
  const communityOfGrid = (gridId: string): string | undefined =>
    files.grid.get(gridId)?.parentId ?? (extraGrids.get(gridId) as GridDoc | undefined)?.communityId;

  const plan: ImportPlan = { districtId, added: [], changed: [], counts: emptyCounts() };
  const at = now.toISOString();
  for (const kind of placeKinds) {
    const names = new Map<string, number>();
    for (const r of rows[kind]) {
      const before = stored.get(kind)?.get(r.id);
      const retired = r.status === RETIRED;
      if (before && before.districtId !== districtId) {
        problem(kind, r.row, columnNames.id, '编号已被其他区使用');
        continue;
      }
      const parentKind = parentOfKind[kind];
      let place: { communityId?: string; gridId?: string } = {};
      if (parentKind) {
        const header = columnNames.parentId[kind as 'grid' | 'unit'];
        const parentId = r.parentId!;
        const parentDoc = (kind === 'grid' ? extraCommunities : extraGrids).get(parentId);
        const parentState = retiredNow(parentKind, parentId);
        if (!files[parentKind].has(parentId) && !parentDoc) {
          problem(
            kind,
            r.row,
            header,
            `${sheetNames[parentKind]}编号“${parentId}”不存在：请先在「${sheetNames[parentKind]}」表中填写`,
          );
          continue;
        }
        if (parentDoc && parentDoc.districtId !== districtId) {
          problem(kind, r.row, header, `${sheetNames[parentKind]}“${parentId}”不属于本区`);
          continue;
        }
        if (!retired && parentState)
          problem(kind, r.row, header, `所属${sheetNames[parentKind]}已停用，本行应填“${RETIRED}”`);
        const before2 = before as (GridDoc & UnitDoc) | undefined;
        if (kind === 'grid') {
          if (before2 && before2.communityId !== parentId)
            problem(kind, r.row, header, `网格不能改到其他社区（原属社区编号 ${before2.communityId}）：请停用后新增`);
          place = { communityId: parentId };
        } else {
          const communityId = communityOfGrid(parentId);
          if (before2 && before2.gridId !== parentId)
            problem(kind, r.row, header, `单元不能改到其他网格（原属网格编号 ${before2.gridId}）：请停用后新增`);
          place = { gridId: parentId, communityId: communityId ?? '' };
        }
      }
      if (!retired) {
        const key = `${r.parentId ?? ''}/${r.name}`;
        const earlier = names.get(key);
        if (earlier) problem(kind, r.row, columnNames.name, `与第${earlier}行同属一个上级且名称相同`);
        else names.set(key, r.row);
      }
      const seq = seqOf(kind, r, before);
      const members = kind === 'org' ? membersOf(r.members) : undefined;
      const doc = {
        _id: r.id,
        name: r.name,
        ...(seq !== undefined ? { seq } : {}),
        ...(place.gridId ? { gridId: place.gridId } : {}),
        ...(place.communityId ? { communityId: place.communityId } : {}),
        districtId,
        ...(members !== undefined ? { members } : {}),
        ...(retired ? { retiredAt: before?.retiredAt ?? at } : before?.retiredAt ? { retiredAt: null } : {}),
      } as PlaceDoc;
      if (!before) {
        plan.added.push({ kind, row: r, doc });
        plan.counts[kind].added++;
      } else if (
        before.name !== doc.name ||
        (seq !== undefined && (before as GridDoc).seq !== seq) ||
        (members !== undefined && ((before as OrgDoc).members ?? null) !== members) ||
        !!before.retiredAt !== retired
      ) {
        plan.changed.push({ kind, row: r, doc: { ...before, ...doc }, before });
        plan.counts[kind].changed++;
      } else plan.counts[kind].unchanged++;
    }
  }
  // A community or grid the file retires must have nothing in use left under it (in the file or only stored);
  // a place in use must not share its name with another in use under the same parent that only the store has.
  storedNamesTaken(siblings, rows, files, problem);
  await retiredWithChildren(store, plan, files, problem);
  return problems.length ? { problems } : { plan };
}

/** Parents per query when reading the stored places under the file's grids and communities. */
const PARENTS_PER_QUERY = 100;

/** The parent a stored grid or unit sits under (its community, its grid); the district's for the other kinds. */
function parentOf(kind: PlaceKind, d: PlaceDoc): string {
  return kind === 'grid' ? (d as GridDoc).communityId : kind === 'unit' ? (d as UnitDoc).gridId : '';
}

/**
 * The stored places under the parents the file names (a grid's siblings under its community, a unit's under
 * its grid; for the other kinds the district's), read in batches alongside the file's own ids.
 */
async function storedSiblings(store: Store, districtId: string, rows: TreeRows): Promise<Map<PlaceKind, PlaceDoc[]>> {
  const under = async (kind: 'grid' | 'unit'): Promise<PlaceDoc[]> => {
    const field = kind === 'grid' ? 'communityId' : 'gridId';
    const parents = [...new Set(rows[kind].map((r) => r.parentId as string))];
    const chunks: string[][] = [];
    for (let i = 0; i < parents.length; i += PARENTS_PER_QUERY) chunks.push(parents.slice(i, i + PARENTS_PER_QUERY));
    const pages = await Promise.all(
      chunks.map((chunk) =>
        findAll<PlaceDoc>(store, collectionOf[kind], { where: { [field]: { $in: chunk } }, orderBy: [['seq', 'asc']] }),
      ),
    );
    return pages.flat();
  };
  const inDistrict = (kind: PlaceKind) =>
    rows[kind].length
      ? findAll<PlaceDoc>(store, collectionOf[kind], {
          where: { districtId },
          orderBy: [
            ['districtId', 'asc'],
            ['name', 'asc'],
          ],
        })
      : Promise.resolve([]);
  return new Map(
    await Promise.all(
      kindsInFile.map(
        async (kind) =>
          [kind, kind === 'grid' || kind === 'unit' ? await under(kind) : await inDistrict(kind)] as const,
      ),
    ),
  );
}

/** A place in use must not share its name with another in use under the same parent that only the store has. */
function storedNamesTaken(
  siblings: Map<PlaceKind, PlaceDoc[]>,
  rows: TreeRows,
  files: Record<PlaceKind, Map<string, TreeRow>>,
  problem: (kind: PlaceKind, row: number, field: string, reason: string) => void,
): void {
  for (const [kind, docs] of siblings) {
    // Only what the file does not list: a listed place is as its row says.
    const taken = new Map(
      docs.filter((d) => !d.retiredAt && !files[kind].has(d._id)).map((d) => [`${parentOf(kind, d)}/${d.name}`, d._id]),
    );
    for (const r of rows[kind]) {
      const other = r.status === RETIRED ? undefined : taken.get(`${r.parentId ?? ''}/${r.name}`);
      if (other)
        problem(
          kind,
          r.row,
          columnNames.name,
          `与系统中已有的${sheetNames[kind]}“${r.name}”（编号 ${other}）同属一个上级且名称相同`,
        );
    }
  }
}

async function retiredWithChildren(
  store: Store,
  plan: ImportPlan,
  files: Record<PlaceKind, Map<string, TreeRow>>,
  problem: (kind: PlaceKind, row: number, field: string, reason: string) => void,
): Promise<void> {
  const retiring = [...plan.changed, ...plan.added].filter(
    (w) => (w.kind === 'community' || w.kind === 'grid') && w.doc.retiredAt,
  );
  await Promise.all(
    retiring.map(async (w) => {
      const child: PlaceKind = w.kind === 'community' ? 'grid' : 'unit';
      const stored = await findAll<PlaceDoc>(store, collectionOf[child], {
        where: w.kind === 'community' ? { communityId: w.doc._id } : { gridId: w.doc._id },
        orderBy: [['seq', 'asc']],
      });
      const inUse =
        stored.some((d) => !d.retiredAt && !files[child].has(d._id)) ||
        [...files[child].values()].some((r) => r.parentId === w.doc._id && r.status !== RETIRED);
      if (inUse)
        problem(
          w.kind,
          w.row.row,
          columnNames.status,
          `${sheetNames[w.kind]}下还有在用的${sheetNames[child]}，请先将它们停用`,
        );
    }),
  );
}

/**
 * How many places are written at once (each an insert or update, then its audit record). A 3,000-unit tree
 * is about 8,000 requests: 50 in flight keep the chain of round trips near 170 (`npm run bench -- tree`),
 * without flooding the database; the org function's timeout (cloudbaserc.json, 20 s) leaves room for it.
 */
export const IMPORT_PARALLEL = 50;

/** Writes the plan: new places inserted, changed ones updated, each with its audit record (`tree.<kind>.import`). */
export async function applyImport(c: Changer, plan: ImportPlan): Promise<void> {
  const work = [
    ...plan.added.map((w) => ({ ...w, before: null as PlaceDoc | null })),
    ...plan.changed.map((w) => ({ ...w, before: w.before as PlaceDoc | null })),
  ];
  await eachLimited(work, IMPORT_PARALLEL, async (w) => {
    const collection = collectionOf[w.kind];
    if (!w.before) await c.store.insert(collection, w.doc);
    else {
      const { _id, ...fields } = w.doc;
      await c.store.update(collection, { _id }, fields);
    }
    // This instance's place cache may hold it as it was (or as missing).
    forgetPlaces(c.store, collection, [w.doc._id]);
    await record(c, {
      action: `tree.${w.kind}.import`,
      entity: collection,
      entityId: w.doc._id,
      before: w.before,
      after: w.doc,
    });
  });
}

/** The district's tree as rows of the file (the export, and the template's example). */
export async function treeRows(store: Store, districtId: string): Promise<TreeRows> {
  const byName = [
    ['districtId', 'asc'],
    ['name', 'asc'],
  ] as const;
  const [communities, grids, units, orgs, departments] = await Promise.all([
    findAll<PlaceDoc>(store, 'communities', { where: { districtId }, orderBy: byName }),
    findAll<GridDoc>(store, 'grids', { where: { districtId } }),
    findAll<UnitDoc>(store, 'units', { where: { districtId } }),
    findAll<OrgDoc>(store, 'orgs', { where: { districtId }, orderBy: byName }),
    findAll<PlaceDoc>(store, 'departments', { where: { districtId }, orderBy: byName }),
  ]);
  const status = (d: PlaceDoc) => (d.retiredAt ? RETIRED : ACTIVE);
  const communityOrder = new Map(communities.map((c, i) => [c._id, i]));
  const sortedGrids = [...grids].sort(
    (a, b) => (communityOrder.get(a.communityId) ?? 0) - (communityOrder.get(b.communityId) ?? 0) || a.seq - b.seq,
  );
  const gridOrder = new Map(sortedGrids.map((g, i) => [g._id, i]));
  const sortedUnits = [...units].sort(
    (a, b) => (gridOrder.get(a.gridId) ?? 0) - (gridOrder.get(b.gridId) ?? 0) || a.seq - b.seq,
  );
  const plain = (d: PlaceDoc, i: number): TreeRow => ({ row: i + 2, id: d._id, name: d.name, status: status(d) });
  const declared = (o: OrgDoc) => (typeof o.members === 'number' ? String(o.members) : '');
  return {
    community: communities.map(plain),
    grid: sortedGrids.map((g, i) => ({ ...plain(g, i), seq: String(g.seq), parentId: g.communityId })),
    unit: sortedUnits.map((u, i) => ({ ...plain(u, i), seq: String(u.seq), parentId: u.gridId })),
    org: orgs.map((o, i) => ({ ...plain(o, i), members: declared(o) })),
    department: departments.map(plain),
  };
}
