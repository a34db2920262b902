import { createHash } from 'node:crypto';
import type { MiniCodeDoc } from '../../cloudfunctions/core/platform/wechat';
import type { GrantDoc } from '../../cloudfunctions/core/runtime/identity';
import { placementOf, scopeCollection } from '../../cloudfunctions/org/people.scope';
import { rebuildStats } from '../../cloudfunctions/deployed/stats';
import { rebuildPointsMonths } from '../../cloudfunctions/points/ledger';
import { StoreConflictError, type Doc, type Store } from '../../cloudfunctions/core/store/store.port';

/**
 * One-off data changes `npm run deploy` runs after the functions are updated (so no old code writes the
 * old shapes any more). Each runs once per environment: a document in `migrations` records that it ran and
 * what it did, and a later deploy skips it. Each is also safe to run again on its own (it finds only what
 * is still to do), so a run cut short is finished by the next deploy.
 */
export const MIGRATIONS_COLLECTION = 'migrations';

/** Cloud storage as the migrations use it (`@cloudbase/manager-node`'s storage: cloud paths, not file ids). */
export type FileStorage = { deleteFile(cloudPaths: string[]): Promise<void> };

export type MigrationContext = { store: Store; files: FileStorage; now: Date };
export type Migration = {
  id: string;
  /** What it does, in Chinese for the engineer reading the deploy's output. */
  title: string;
  run(ctx: MigrationContext): Promise<{ summary: string; result: Record<string, unknown> }>;
};
export type MigrationRecord = Doc & { title: string; at: string; result: Record<string, unknown> };

const VERSIONS = ['release', 'trial', 'develop'] as const;

/**
 * The key the mini-program code cache used before codes came through wx-server-sdk (commit 26e52cd): the
 * same hash without the `v2|` prefix. Those rows may point at a protobuf envelope or an error stored as
 * a PNG. A row is one of them exactly when its id is this hash of its own page and scene for a build
 * version; the rows written since hash `v2|…` and can never match.
 */
export function keyBeforeWxServerSdk(version: string, page: string, scene: string): string {
  return createHash('sha256').update(`${version}|${page}|${scene}`).digest('hex').slice(0, 32);
}

export function writtenBeforeWxServerSdk(row: MiniCodeDoc): boolean {
  return VERSIONS.some((v) => keyBeforeWxServerSdk(v, row.page, row.scene) === row._id);
}

/** The cloud path of an old row's image, when its file id is where the old code put it (`minicodes/<key>.png`). */
function oldImagePath(row: MiniCodeDoc): string | null {
  const path = `minicodes/${row._id}.png`;
  return typeof row.fileID === 'string' && row.fileID.startsWith('cloud://') && row.fileID.endsWith(`/${path}`)
    ? path
    : null;
}

async function allMiniCodes(store: Store): Promise<MiniCodeDoc[]> {
  const rows: MiniCodeDoc[] = [];
  let after: string | null = null;
  do {
    const page: { items: MiniCodeDoc[]; next: string | null } = await store.find<MiniCodeDoc>('miniCodes', {
      limit: 1000,
      after,
    });
    rows.push(...page.items);
    after = page.next;
  } while (after);
  return rows;
}

export const dropMiniCodesBeforeWxServerSdk: Migration = {
  id: '2026-11-minicodes-before-wx-server-sdk',
  title: '删除 wx-server-sdk 修复前缓存的小程序码（可能不是图片）及其云存储文件',
  async run({ store, files }) {
    const old = (await allMiniCodes(store)).filter(writtenBeforeWxServerSdk);
    const filesDeleted: string[] = [];
    const filesFailed: string[] = [];
    for (const row of old) {
      const path = oldImagePath(row);
      // Best effort, one file at a time so each failure is known: the row goes either way (it is never read).
      if (path)
        await files.deleteFile([path]).then(
          () => filesDeleted.push(path),
          (error: unknown) => filesFailed.push(`${path}（${error instanceof Error ? error.message : String(error)}）`),
        );
      await store.transaction((tx) => tx.remove('miniCodes', row._id));
    }
    const failed = filesFailed.length
      ? `；${filesFailed.length} 个文件未能删除，请在云存储 minicodes/ 中手动删除：${filesFailed.join('，')}`
      : '';
    return {
      summary: `删除旧小程序码记录 ${old.length} 条、云存储文件 ${filesDeleted.length} 个${failed}`,
      result: { rowsDeleted: old.length, filesDeleted: filesDeleted.length, filesFailed },
    };
  },
};

/**
 * Grants written before issue 15 name their scope but not where it sits; the people pages list a district's
 * or a community's roles by `districtId` / `communityId` on the grant. This writes them from the scope's
 * record (a grant whose scope no longer exists is left as it is and counted).
 */
export const grantsPlacement: Migration = {
  id: '2026-11-grants-placement',
  title: '为已有身份记录补写所在区、社区（人员与身份页面按此列出）',
  async run({ store }) {
    let placed = 0;
    const orphans: string[] = [];
    let after: string | null = null;
    do {
      const page: { items: GrantDoc[]; next: string | null } = await store.find<GrantDoc>('grants', {
        limit: 1000,
        after,
      });
      for (const grant of page.items) {
        if (grant.districtId) continue;
        const collection = scopeCollection[grant.scope];
        const doc = collection ? await store.get<Doc & { name: string }>(collection, grant.scopeId) : null;
        if (!doc) {
          orphans.push(grant._id);
          continue;
        }
        await store.update('grants', { _id: grant._id }, placementOf(grant.scope, doc));
        placed++;
      }
      after = page.next;
    } while (after);
    return {
      summary: `补写身份记录 ${placed} 条${orphans.length ? `；${orphans.length} 条的范围已不存在：${orphans.join('，')}` : ''}`,
      result: { placed, orphans },
    };
  },
};

/**
 * The dashboards' counters (issue 16) start from the records already there: 报到, 微心愿 and 问题 by state
 * and by month, made from each record's state and timeline. From then on the change step keeps them.
 */
export const statsFromRecords: Migration = {
  id: '2026-11-stats-from-records',
  title: '按现有记录生成统计看板的计数（报到、微心愿、问题：各状态数量与每月数量）',
  async run({ store }) {
    const result = await rebuildStats(store);
    return { summary: `写入计数 ${result.documents} 份，更正 ${result.corrected} 份`, result };
  },
};

/** The points counters' months (issued and redeemed per Beijing month, for the dashboards), from the ledger. */
export const pointsMonths: Migration = {
  id: '2026-11-points-months',
  title: '按积分流水补写各社区每月发放与兑换的积分（统计看板）',
  async run({ store }) {
    const result = await rebuildPointsMonths(store);
    return { summary: `积分计数 ${result.shards} 份，补写 ${result.corrected} 份`, result };
  },
};

/**
 * The counters grew after the first rebuild (issue 16): each record's grid and organisation inside its
 * community's documents, a department's whistles by month, members' half-year tallies. A second rebuild
 * writes what the records say for them; what was right is left alone.
 */
export const statsAgain: Migration = {
  id: '2026-11-stats-places-whistles-halfyear',
  title: '重新按现有记录生成统计看板的计数（网格、报到单位、吹哨报到考核、半年履责）',
  async run({ store }) {
    const result = await rebuildStats(store);
    return { summary: `核对计数 ${result.documents} 份，更正 ${result.corrected} 份`, result };
  },
};

export const migrations: readonly Migration[] = [
  dropMiniCodesBeforeWxServerSdk,
  grantsPlacement,
  statsFromRecords,
  pointsMonths,
  statsAgain,
];

/** Runs each migration not yet recorded, records it, and answers a line per migration for the deploy's output. */
export async function runMigrations(ctx: MigrationContext, list: readonly Migration[] = migrations): Promise<string[]> {
  const lines: string[] = [];
  for (const migration of list) {
    const done = await ctx.store.get<MigrationRecord>(MIGRATIONS_COLLECTION, migration.id);
    if (done) {
      lines.push(`迁移 ${migration.id}：已于 ${done.at} 运行，跳过`);
      continue;
    }
    const { summary, result } = await migration.run(ctx);
    const record: MigrationRecord = {
      _id: migration.id,
      title: migration.title,
      at: ctx.now.toISOString(),
      result,
    };
    try {
      await ctx.store.insert(MIGRATIONS_COLLECTION, record);
    } catch (error) {
      // Another deploy ran it at the same moment: its record stands (the work is the same).
      if (!(error instanceof StoreConflictError)) throw error;
    }
    lines.push(`迁移 ${migration.id}（${migration.title}）：${summary}`);
  }
  return lines;
}
