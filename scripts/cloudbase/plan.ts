import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { indexName, type IndexDef } from '../../cloudfunctions/core/store/indexes';
import { collections, indexes } from '../../cloudfunctions/deployed/storage';

/**
 * What a deploy does, as data: the collections and indexes from the one declared list, and each
 * function's settings from cloudbaserc.json with `{{env.NAME}}` filled from the environment.
 */
export type FunctionSpec = {
  name: string;
  handler: string;
  runtime: string;
  timeout: number;
  memorySize?: number;
  installDependency: boolean;
  envVariables: Record<string, string>;
  triggers?: Array<{ name: string; type: string; config: string }>;
};
export type CloudbaseConfig = { envId: string; functionRoot: string; functions: FunctionSpec[] };

export type Env = Record<string, string | undefined>;

export const REQUIRED_SECRETS = ['TCB_ENV_ID', 'HONGLING_SECRET'] as const;

/** Reads cloudbaserc.json and fills `{{env.NAME}}`; a name not set becomes '' (the function falls back to its default). */
export function readCloudbaserc(root: string, env: Env): CloudbaseConfig {
  const text = readFileSync(join(root, 'cloudbaserc.json'), 'utf8');
  const filled = text.replace(/\{\{env\.([A-Z0-9_]+)\}\}/g, (_, name: string) =>
    JSON.stringify(env[name] ?? '').slice(1, -1),
  );
  return JSON.parse(filled) as CloudbaseConfig;
}

/** Every problem with the deploy settings, in Chinese for the engineer running it. */
export function checkSettings(env: Env): string[] {
  const problems: string[] = [];
  for (const name of REQUIRED_SECRETS) if (!env[name]) problems.push(`缺少环境变量 ${name}`);
  if (env.HONGLING_SECRET && env.HONGLING_SECRET.length < 16)
    problems.push('HONGLING_SECRET 至少 16 个字符（建议 32 位随机串）');
  if (!env.TENCENTCLOUD_SECRETID || !env.TENCENTCLOUD_SECRETKEY)
    problems.push('缺少腾讯云 API 密钥 TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY');
  return problems;
}

export type IndexSpec = {
  collection: string;
  IndexName: string;
  MgoKeySchema: { MgoIsUnique: boolean; MgoIndexKeys: Array<{ Name: string; Direction: '1' }> };
};

/** The CloudBase index for each declared index (ascending keys: CloudBase walks them either way). */
export function indexSpecs(defs: readonly IndexDef[] = indexes): IndexSpec[] {
  return defs.map((def) => ({
    collection: def.collection,
    IndexName: indexName(def),
    MgoKeySchema: {
      MgoIsUnique: def.unique ?? false,
      MgoIndexKeys: def.fields.map((f) => ({ Name: f, Direction: '1' as const })),
    },
  }));
}

/** The part of `@cloudbase/manager-node` the deploy uses. */
export type Manager = {
  database: {
    createCollectionIfNotExists(name: string): Promise<unknown>;
    checkIndexExists(collection: string, indexName: string): Promise<{ Exists: boolean }>;
    updateCollection(
      collection: string,
      info: { CreateIndexes: Array<Omit<IndexSpec, 'collection'>> },
    ): Promise<unknown>;
  };
  functions: {
    createFunction(params: { func: FunctionSpec; functionRootPath: string; force: boolean }): Promise<unknown>;
  };
};

/** Creates the missing collections and indexes; safe to run again (it only adds what is missing). */
export async function ensureDatabase(
  manager: Manager,
  log: (line: string) => void,
): Promise<{ collections: number; indexesCreated: number }> {
  for (const name of collections) await manager.database.createCollectionIfNotExists(name);
  log(`集合：${collections.length} 个已就绪`);
  let created = 0;
  for (const spec of indexSpecs()) {
    const { Exists } = await manager.database.checkIndexExists(spec.collection, spec.IndexName);
    if (Exists) continue;
    const { collection, ...index } = spec;
    await manager.database.updateCollection(collection, { CreateIndexes: [index] });
    created++;
  }
  log(`索引：新建 ${created} 个，共 ${indexes.length} 个`);
  return { collections: collections.length, indexesCreated: created };
}

/** Uploads and configures every function (code, settings, environment variables, triggers). */
export async function deployFunctions(
  manager: Manager,
  config: CloudbaseConfig,
  functionRootPath: string,
  log: (line: string) => void,
): Promise<void> {
  for (const func of config.functions) {
    // Unset optional variables stay out, so the function uses its defaults.
    const envVariables = Object.fromEntries(Object.entries(func.envVariables).filter(([, v]) => v !== ''));
    await manager.functions.createFunction({ func: { ...func, envVariables }, functionRootPath, force: true });
    log(
      `云函数 ${func.name}：已部署${func.triggers?.length ? `（定时触发 ${func.triggers.map((t) => t.config).join(', ')}）` : ''}`,
    );
  }
}
