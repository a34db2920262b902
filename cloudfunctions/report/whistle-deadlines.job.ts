import type { WhistleDoc } from '../core/runtime/documents';
import { holders, notify } from '../core/runtime/notifier';
import type { Runtime } from '../core/runtime/runtime';

/**
 * Reminds departments before the deadline and marks whistles overdue after it, escalating to the
 * station and the district. It reads only what is due, through indexes, page by page; each whistle
 * moves by a conditional update on its flag, so two runs (or a repeated one) act on it once.
 */
export async function whistleDeadlines(rt: Runtime, max = 500): Promise<{ reminded: number; overdue: number }> {
  const now = rt.now().toISOString();
  let reminded = 0;
  let overdue = 0;
  const due = (where: Record<string, unknown>, field: string) =>
    rt.store.find<WhistleDoc>('whistles', { where: where as never, orderBy: [[field, 'asc']], limit: 200 });

  for (let page = await due({ open: true, reminded: false, remindAt: { $lte: now } }, 'remindAt'); page.items.length && reminded < max; page = await due({ open: true, reminded: false, remindAt: { $lte: now } }, 'remindAt')) {
    let moved = 0;
    for (const w of page.items) {
      if (!(await rt.store.update('whistles', { _id: w._id, reminded: false }, { reminded: true }))) continue;
      moved++;
      await notify(rt, await holders(rt, 'department', 'department', w.departmentId), { key: `remind~${w._id}`, title: '吹哨即将到期', body: `请于${w.deadlineAt}前反馈处理情况`, link: null });
    }
    reminded += moved;
    if (!moved) break;
  }
  for (let page = await due({ open: true, overdue: false, deadlineAt: { $lte: now } }, 'deadlineAt'); page.items.length && overdue < max; page = await due({ open: true, overdue: false, deadlineAt: { $lte: now } }, 'deadlineAt')) {
    let moved = 0;
    for (const w of page.items) {
      if (!(await rt.store.update('whistles', { _id: w._id, overdue: false }, { overdue: true }))) continue;
      moved++;
      const to = [...(await holders(rt, 'stationAdmin', 'community', w.communityId)), ...(await holders(rt, 'districtAdmin', 'district', w.districtId))];
      await notify(rt, to, { key: `overdue~${w._id}`, title: '吹哨超期未反馈', body: `部门未在期限内反馈（问题 ${w.problemId}）`, link: null });
    }
    overdue += moved;
    if (!moved) break;
  }
  return { reminded, overdue };
}
