import { z } from 'zod';
import { roles, scopeKinds } from '../../shared/src/core/roles';
import { record } from '../../cloudfunctions/core/runtime/change';
import type { Runtime } from '../../cloudfunctions/core/runtime/runtime';
import { periodicJobs } from '../../cloudfunctions/deployed/timer/jobs';
import type { Doc, Store } from '../../cloudfunctions/core/store/store.port';
import { StoreConflictError } from '../../cloudfunctions/core/store/store.port';
import { newId } from '../../cloudfunctions/core/runtime/ids';
import { applyImport, planImport, type TreeRows, type TreeRow } from '../../cloudfunctions/org/tree.import';
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
  // Empty lists make only the district (`district <编号> <名称>`): its admin then imports the rest in the app.
  communities: z.array(z.object({ _id: id, name })),
  grids: z.array(z.object({ _id: id, name, seq: z.number().int(), communityId: id })),
  units: z.array(z.object({ _id: id, name, seq: z.number().int(), gridId: id })),
  orgs: z.array(z.object({ _id: id, name })),
  departments: z.array(z.object({ _id: id, name })),
});
export type Tree = z.infer<typeof treeSchema>;

/** How a file's rows of one list look to the import core: its position in the JSON list (1-based) as the row. */
function rowsOf<T extends { _id: string; name: string; seq?: number }>(
  list: T[],
  parent?: (item: T) => string,
): TreeRow[] {
  return list.map((item, i) => ({
    row: i + 1,
    id: item._id,
    name: item.name,
    ...(item.seq !== undefined ? { seq: String(item.seq) } : {}),
    ...(parent ? { parentId: parent(item) } : {}),
  }));
}

/**
 * Imports a tree through the same core as the app's xlsx import (cloudfunctions/org/tree.import.ts): every
 * entry checked first (nothing written when any is wrong), then what is new added and what changed updated,
 * each audited as the operator; running it again changes nothing. The district itself is made when missing
 * (the app's import works inside a district its admin already holds).
 */
export async function importTree(store: Store, input: unknown, now = new Date()): Promise<string[]> {
  const tree = treeSchema.parse(input);
  const districtId = tree.district._id;
  const rows: TreeRows = {
    community: rowsOf(tree.communities),
    grid: rowsOf(tree.grids, (g) => g.communityId),
    unit: rowsOf(tree.units, (u) => u.gridId),
    org: rowsOf(tree.orgs),
    department: rowsOf(tree.departments),
  };
  const planned = await planImport(store, districtId, rows, now);
  if ('problems' in planned)
    throw new Error(
      planned.problems.map((p) => `${p.sheet} 第${p.row}项 ${p.field}：${p.reason}`).join('\n') || '组织结构有误',
    );
  let district = 0;
  try {
    await store.insert('districts', tree.district);
    district = 1;
  } catch (error) {
    if (!(error instanceof StoreConflictError)) throw error;
  }
  const admin = { store, now, actor: 'cloudbase-admin', requestId: `cloudbase-admin~import~${now.getTime()}`, newId };
  await applyImport(admin, planned.plan);
  const { counts } = planned.plan;
  const line = (collection: string, c: { added: number; changed: number }) =>
    `${collection}: 新增 ${c.added}${c.changed ? `，修改 ${c.changed}` : ''}`;
  return [
    `districts: 新增 ${district}`,
    line('communities', counts.community),
    line('grids', counts.grid),
    line('units', counts.unit),
    line('orgs', counts.org),
    line('departments', counts.department),
  ];
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
  return `已运行定时任务：释放超时认领 ${result.expiredClaims}，认领到期提醒 ${result.remindedClaims}，活动开始提醒 ${result.remindedActivities}，吹哨到期提醒 ${result.reminded}，超期上报 ${result.overdue}，退回积分商品 ${result.returnedUnits}，结对到期提醒 ${result.remindedPairings}，结对超期上报 ${result.overduePairings}，删除过期导出文件 ${result.removedExports}`;
}
