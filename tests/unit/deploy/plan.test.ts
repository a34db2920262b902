import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { functions } from '../../../cloudfunctions/deployed';
import { collections, indexes } from '../../../cloudfunctions/deployed/storage';
import {
  checkSettings,
  deployFunctions,
  ensureDatabase,
  indexSpecs,
  readCloudbaserc,
  type Manager,
} from '../../../scripts/cloudbase/plan';

const root = resolve(__dirname, '../../..');
const env = {
  TCB_ENV_ID: 'hongling-prod-9z',
  HONGLING_SECRET: 'k'.repeat(32),
  TENCENTCLOUD_SECRETID: 'id',
  TENCENTCLOUD_SECRETKEY: 'key',
  HONGLING_RESULT_TEMPLATE: 'tmpl-1',
};

function recordingManager(existingIndexes = new Set<string>()) {
  const calls: Array<[string, ...unknown[]]> = [];
  const manager: Manager = {
    database: {
      createCollectionIfNotExists: async (name) => void calls.push(['createCollection', name]),
      checkIndexExists: async (c, n) => ({ Exists: existingIndexes.has(`${c}/${n}`) }),
      updateCollection: async (c, info) => {
        calls.push(['updateCollection', c, info]);
        for (const i of info.CreateIndexes) existingIndexes.add(`${c}/${i.IndexName}`);
      },
    },
    functions: { createFunction: async (params) => void calls.push(['createFunction', params]) },
  };
  return { manager, calls };
}

describe('deploy plan', () => {
  test('cloudbaserc.json lists every function with its settings, secrets filled from the environment', () => {
    const config = readCloudbaserc(root, env);
    expect(config.envId).toBe('hongling-prod-9z');
    expect(config.functions.map((f) => f.name).sort()).toEqual(Object.keys(functions).sort());
    for (const f of config.functions) {
      expect(f).toMatchObject({ handler: 'index.main', installDependency: false });
      expect(f.envVariables.HONGLING_SECRET).toBe('k'.repeat(32));
      expect(f.timeout).toBeGreaterThanOrEqual(5);
    }
    expect(config.functions.find((f) => f.name === 'report')?.envVariables.HONGLING_RESULT_TEMPLATE).toBe('tmpl-1');
    expect(readFileSync(join(root, 'cloudbaserc.json'), 'utf8')).not.toContain('k'.repeat(32));
  });

  test("the timer trigger is the same in cloudbaserc.json and the function's config.json", () => {
    const timer = readCloudbaserc(root, env).functions.find((f) => f.name === 'timer');
    const config = JSON.parse(readFileSync(join(root, 'cloudfunctions/deployed/timer/config.json'), 'utf8')) as {
      triggers: unknown;
    };
    expect(timer?.triggers).toEqual(config.triggers);
    expect(
      readCloudbaserc(root, env)
        .functions.filter((f) => f.triggers?.length)
        .map((f) => f.name),
    ).toEqual(['timer']);
  });

  test('settings are checked before anything is deployed', () => {
    expect(checkSettings(env)).toEqual([]);
    expect(checkSettings({})).toEqual(
      expect.arrayContaining(['缺少环境变量 TCB_ENV_ID', '缺少环境变量 HONGLING_SECRET']),
    );
    expect(checkSettings({ ...env, HONGLING_SECRET: 'short' })).toEqual([
      'HONGLING_SECRET 至少 16 个字符（建议 32 位随机串）',
    ]);
  });

  test('the declared index list becomes CloudBase indexes', () => {
    const specs = indexSpecs();
    expect(specs).toHaveLength(indexes.length);
    // Each sort index ends in _id, as find() sorts, so CloudBase reads pages in index order.
    expect(specs.find((s) => s.IndexName === 'idx_wishes_status_claimExpiresAt__id')).toEqual({
      collection: 'wishes',
      IndexName: 'idx_wishes_status_claimExpiresAt__id',
      MgoKeySchema: {
        MgoIsUnique: false,
        MgoIndexKeys: [
          { Name: 'status', Direction: '1' },
          { Name: 'claimExpiresAt', Direction: '1' },
          { Name: '_id', Direction: '1' },
        ],
      },
    });
    for (const s of specs) expect(collections).toContain(s.collection);
  });

  test('ensureDatabase creates every collection and each missing index, and a second run adds nothing', async () => {
    const { manager, calls } = recordingManager();
    expect(await ensureDatabase(manager, () => undefined)).toEqual({
      collections: collections.length,
      indexesCreated: indexes.length,
    });
    expect(calls.filter((c) => c[0] === 'createCollection').map((c) => c[1])).toEqual([...collections]);
    expect(await ensureDatabase(manager, () => undefined)).toEqual({
      collections: collections.length,
      indexesCreated: 0,
    });
  });

  test('deployFunctions deploys each function from dist with its trigger, leaving unset variables out', async () => {
    const { manager, calls } = recordingManager();
    const config = readCloudbaserc(root, env);
    await deployFunctions(manager, config, '/repo/dist/cloudfunctions', () => undefined);
    const deployed = calls.map(
      (c) =>
        c[1] as {
          func: { name: string; envVariables: Record<string, string>; triggers?: unknown };
          functionRootPath: string;
          force: boolean;
        },
    );
    expect(deployed.map((d) => d.func.name)).toEqual(config.functions.map((f) => f.name));
    for (const d of deployed) expect(d).toMatchObject({ functionRootPath: '/repo/dist/cloudfunctions', force: true });
    const timer = deployed.find((d) => d.func.name === 'timer');
    expect(timer?.func.triggers).toEqual([{ name: 'every-10-minutes', type: 'timer', config: '0 */10 * * * * *' }]);
    expect(timer?.func.envVariables).toEqual({ HONGLING_SECRET: 'k'.repeat(32), HONGLING_RESULT_TEMPLATE: 'tmpl-1' });
  });
});
