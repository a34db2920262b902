import { z } from 'zod';
import { roles, scopeKinds } from '../../shared/src/core/roles';
import { record } from '../../cloudfunctions/core/runtime/change';
import type { Runtime } from '../../cloudfunctions/core/runtime/runtime';
import { periodicJobs } from '../../cloudfunctions/deployed/timer/jobs';
import type { Doc, Store } from '../../cloudfunctions/core/store/store.port';
import { StoreConflictError } from '../../cloudfunctions/core/store/store.port';
import { placementOf } from '../../cloudfunctions/org/people.scope';

/**
 * The engineer's commands for a new environment (`npm run cloudbase:admin -- …`): import the district's
 * tree (district, communities, grids, units, reporting organisations, departments) and grant roles,
 * starting with the first district admin. They write through the same store port the functions use.
 */
const id = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, '编号只能含字母、数字、-、_，最长 40');
const name = z.string().trim().min(1).max(40);
export const treeSchema = z.object({
  district: z.object({ _id: id, name }),
  communities: z.array(z.object({ _id: id, name })).min(1),
  grids: z.array(z.object({ _id: id, name, seq: z.number().int(), communityId: id })),
  units: z.array(z.object({ _id: id, name, seq: z.number().int(), gridId: id })),
  orgs: z.array(z.object({ _id: id, name })),
  departments: z.array(z.object({ _id: id, name })),
});
export type Tree = z.infer<typeof treeSchema>;

async function insertNew(store: Store, collection: string, docs: Doc[]): Promise<number> {
  let added = 0;
  for (const doc of docs) {
    try {
      await store.insert(collection, doc);
      added++;
    } catch (error) {
      if (!(error instanceof StoreConflictError)) throw error;
    }
  }
  return added;
}

/** Imports a tree; documents that already exist are kept as they are, so it can be run again. */
export async function importTree(store: Store, input: unknown): Promise<string[]> {
  const tree = treeSchema.parse(input);
  const districtId = tree.district._id;
  const communityIds = new Set(tree.communities.map((c) => c._id));
  const grids = new Map(tree.grids.map((g) => [g._id, g]));
  for (const g of tree.grids)
    if (!communityIds.has(g.communityId)) throw new Error(`网格 ${g._id} 的社区 ${g.communityId} 不在文件中`);
  for (const u of tree.units) if (!grids.has(u.gridId)) throw new Error(`单元 ${u._id} 的网格 ${u.gridId} 不在文件中`);
  const counts = {
    districts: await insertNew(store, 'districts', [tree.district]),
    communities: await insertNew(
      store,
      'communities',
      tree.communities.map((c) => ({ ...c, districtId })),
    ),
    grids: await insertNew(
      store,
      'grids',
      tree.grids.map((g) => ({ ...g, districtId })),
    ),
    units: await insertNew(
      store,
      'units',
      tree.units.map((u) => ({ ...u, communityId: grids.get(u.gridId)!.communityId, districtId })),
    ),
    orgs: await insertNew(
      store,
      'orgs',
      tree.orgs.map((o) => ({ ...o, districtId })),
    ),
    departments: await insertNew(
      store,
      'departments',
      tree.departments.map((d) => ({ ...d, districtId })),
    ),
  };
  return Object.entries(counts).map(([c, n]) => `${c}: 新增 ${n}`);
}

const scopeOf: Record<string, (typeof scopeKinds)[number]> = {
  districtAdmin: 'district',
  stationAdmin: 'community',
  gridSecretary: 'grid',
  unitLeader: 'unit',
  orgAdmin: 'org',
  department: 'department',
  member: 'community',
};
const scopeCollection: Partial<Record<(typeof scopeKinds)[number], string>> = {
  district: 'districts',
  community: 'communities',
  grid: 'grids',
  unit: 'units',
  org: 'orgs',
  department: 'departments',
};

/** Grants `role` over `scopeId` to the person with `openid` (shown on their 我的 page as 用户编号). */
export async function grant(store: Store, openid: string, role: string, scopeId: string, now: Date): Promise<string> {
  if (!/^[A-Za-z0-9_-]{6,64}$/.test(openid)) throw new Error('用户编号（OPENID）格式不对');
  const r = z.enum(roles).parse(role);
  const scope = scopeOf[r];
  if (!scope) throw new Error(`角色 ${r} 不能这样授予`);
  const collection = scopeCollection[scope];
  const place = collection ? await store.get<Doc & { name: string }>(collection, scopeId) : null;
  if (collection && !place) throw new Error(`${collection} 中没有 ${scopeId}：请先导入区的组织结构`);
  const doc = {
    _id: `${openid}~${r}`,
    openid,
    role: r,
    scope,
    scopeId,
    grantedBy: 'cloudbase-admin',
    at: now.toISOString(),
    ...(place ? placementOf(scope, place) : {}),
  };
  try {
    await store.insert('grants', doc);
    const admin = {
      store,
      now,
      actor: 'cloudbase-admin',
      requestId: 'cloudbase-admin',
      newId: () => `grant~${openid}~${r}~${now.getTime()}`,
    };
    await record(admin, { action: 'grant.add', entity: 'grants', entityId: doc._id, before: null, after: doc });
    return `已授予 ${openid} ${r}（${scope} ${scopeId}）`;
  } catch (error) {
    if (error instanceof StoreConflictError) return `${openid} 已有 ${r} 身份，未改动`;
    throw error;
  }
}

/**
 * An operator's run of the periodic jobs outside the schedule (the deployed `timer` function answers
 * only its trigger). It runs the same jobs against the store and leaves an audit record of who ran it.
 */
export async function runTimer(rt: Runtime, operator: string): Promise<string> {
  const result = await periodicJobs(rt);
  const now = rt.now();
  const admin = { store: rt.store, now, actor: operator, requestId: 'cloudbase-admin', newId: rt.newId };
  await record(admin, { action: 'timer.adminRun', entity: 'timer', entityId: 'timer', before: null, after: result });
  return `已运行定时任务：释放超时认领 ${result.expiredClaims}，认领到期提醒 ${result.remindedClaims}，活动开始提醒 ${result.remindedActivities}，吹哨到期提醒 ${result.reminded}，超期上报 ${result.overdue}，退回积分商品 ${result.returnedUnits}`;
}
