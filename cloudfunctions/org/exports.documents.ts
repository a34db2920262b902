import type { IndexDef } from '../core/store/indexes';

/**
 * An exported file (数据导出, the organisation tree's 导出) kept in storage only as long as its link is of use:
 * the files hold names and phone numbers, so the periodic job deletes each an hour after it was made.
 */
export type ExportFileDoc = { _id: string; fileId: string; madeAt: string; deleteAt: string; removed: boolean };

/** How long an exported file stays in storage (its download link works for 15 minutes). */
export const EXPORT_FILE_TTL_MS = 60 * 60 * 1000;

export const exportsStorage: { collections: readonly string[]; indexes: readonly IndexDef[] } = {
  collections: ['exportFiles'],
  indexes: [{ collection: 'exportFiles', fields: ['removed', 'deleteAt', '_id'] }],
};
