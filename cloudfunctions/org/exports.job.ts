import type { Changer } from '../core/runtime/change';
import { budgetLeft, type Budget } from '../core/runtime/parallel';
import type { Runtime } from '../core/runtime/runtime';
import { EXPORT_FILE_TTL_MS, type ExportFileDoc } from './exports.documents';

/** Files deleted per round: CloudBase deletes 50 a request. */
const PAGE = 50;

/** Remembers a file an export made, to be deleted once its link is of no more use. */
export async function keepExportFile(c: Changer, fileId: string): Promise<void> {
  await c.store.insert('exportFiles', {
    _id: c.newId(),
    fileId,
    madeAt: c.now.toISOString(),
    deleteAt: new Date(c.now.getTime() + EXPORT_FILE_TTL_MS).toISOString(),
    removed: false,
  } satisfies ExportFileDoc);
}

/**
 * The periodic job: deletes the exported files whose time is up from storage (50 a request), then marks them
 * removed, so a run cut short deletes them again (a missing file is no error). Answers how many.
 */
export async function removeExportFiles(rt: Runtime, budget?: Budget): Promise<number> {
  const remove = rt.files?.remove;
  if (!remove) return 0;
  let removed = 0;
  while (budgetLeft(budget)) {
    const page = await rt.store.find<ExportFileDoc>('exportFiles', {
      where: { removed: false, deleteAt: { $lte: rt.now().toISOString() } },
      orderBy: [['deleteAt', 'asc']],
      limit: PAGE,
    });
    if (!page.items.length) break;
    await remove.call(
      rt.files,
      page.items.map((d) => d.fileId),
    );
    await rt.store.update('exportFiles', { _id: { $in: page.items.map((d) => d._id) } }, { removed: true });
    removed += page.items.length;
    if (page.items.length < PAGE) break;
  }
  return removed;
}
