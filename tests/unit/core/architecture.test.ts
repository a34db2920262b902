import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');

/**
 * Lints one sample import per case with the project's ESLint config, in a Node process of its own (the
 * config is an ES module, which jest's module system cannot load). True where no-restricted-imports fires.
 */
function restrictedAll(cases: ReadonlyArray<readonly [string, string]>): boolean[] {
  const script = `
    import { ESLint } from 'eslint';
    const eslint = new ESLint({ cwd: process.cwd() });
    const cases = JSON.parse(process.argv[1]);
    const out = [];
    for (const [file, from] of cases) {
      const [result] = await eslint.lintText("import { x } from '" + from + "';\\nexport const y = x;\\n", { filePath: file });
      out.push(result.messages.some((m) => m.ruleId === 'no-restricted-imports'));
    }
    console.log(JSON.stringify(out));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(cases)], {
    cwd: root,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as boolean[];
}

/** The layer rules of eslint.config.mjs, proven on sample imports: each forbidden one is reported, each allowed one is not. */
describe('import boundaries (eslint.config.mjs)', () => {
  const forbidden = [
    ['cloudfunctions/wish/sample.ts', '../checkin/checkin.documents'],
    ['cloudfunctions/wish/sample.ts', '../points/ledger'],
    ['cloudfunctions/checkin/sample.ts', '../wish/wish.commands'],
    ['cloudfunctions/points/sample.ts', '../deployed/storage'],
    ['cloudfunctions/whistle/sample.ts', '../../local/demo-data'],
    ['cloudfunctions/core/runtime/sample.ts', '../../wish/wish.port'],
    ['cloudfunctions/core/runtime/sample.ts', '../../access/access'],
    ['cloudfunctions/core/store/sample.ts', '../../deployed'],
    ['cloudfunctions/access/sample.ts', '../org/org.documents'],
    ['cloudfunctions/access/sample.ts', '../wish/wish.port'],
    ['shared/src/wish/sample.ts', '../../../cloudfunctions/core/runtime/change'],
    ['shared/src/wish/sample.ts', 'node:crypto'],
    ['miniprogram/pages/sample/index.tsx', '../../../cloudfunctions/core/runtime/router'],
    ['miniprogram/pages/sample/index.tsx', '../../../local/session'],
  ] as const;
  const allowed = [
    ['cloudfunctions/wish/sample.ts', '../points/points.port'],
    ['cloudfunctions/wish/sample.ts', '../access/access'],
    ['cloudfunctions/wish/sample.ts', '../org/org.port'],
    ['cloudfunctions/wish/sample.ts', '../core/runtime/change'],
    ['cloudfunctions/wish/sample.ts', './wish.entity'],
    ['cloudfunctions/access/sample.ts', '../org/org.port'],
    ['cloudfunctions/core/runtime/sample.ts', '../store/store.port'],
    ['shared/src/wish/sample.ts', '../core/transitions'],
    ['miniprogram/pages/sample/index.tsx', '@shared/wish/wish.contract'],
  ] as const;
  let verdicts: boolean[] = [];
  beforeAll(() => {
    verdicts = restrictedAll([...forbidden, ...allowed]);
  });

  test.each(forbidden.map((c, i) => [...c, i] as const))('%s may not import %s', (_file, _from, i) =>
    expect(verdicts[i]).toBe(true),
  );
  test.each(allowed.map((c, i) => [...c, forbidden.length + i] as const))('%s may import %s', (_file, _from, i) =>
    expect(verdicts[i]).toBe(false),
  );
});

/** History entries and audit records have one home: the transition step's module. */
describe('one home for history and audit', () => {
  const home = join(root, 'cloudfunctions/core/runtime/change.ts');
  function files(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return files(path);
      return /\.tsx?$/.test(name) ? [path] : [];
    });
  }
  const deployed = files(join(root, 'cloudfunctions')).filter((f) => f !== home);
  // Seed data (local/, the bench) writes whole documents with their timelines; only changes are checked there.
  const all = [...deployed, ...['local', 'scripts'].flatMap((d) => files(join(root, d)))];
  const cases: Array<[string, RegExp, string[]]> = [
    ['an audit insert', /\.(insert|set)\(\s*'audit'/, all],
    ['a pushed history entry', /history:\s*\{\s*\$push/, all],
    ['a history written whole', /history:\s*\[/, deployed],
  ];

  test('the scan sees the functions', () => expect(deployed.length).toBeGreaterThan(50));
  test.each(cases)('no %s outside core/runtime/change.ts', (_name, pattern, sources) => {
    expect(sources.filter((f) => pattern.test(readFileSync(f, 'utf8'))).map((f) => relative(root, f))).toEqual([]);
  });
});
