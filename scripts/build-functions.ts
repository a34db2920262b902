import { build, type BuildOptions, type Plugin } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { functions } from '../cloudfunctions/deployed';
import { NODE_TARGET } from './node-target';

/**
 * Bundles each deployed function (cloudfunctions/deployed/<name>/index.ts) with what it imports of the features, core and shared/ into
 * dist/cloudfunctions/<name>/app.js (self-contained), with its entry index.js (scripts/function-loader.js: runs app.js
 * with the V8 code cache app.jsc made here), package.json and config.json.
 * The local server (local/) is never an entry, so the development login cannot reach a bundle.
 */
const root = resolve(__dirname, '..');

const out = join(root, 'dist', 'cloudfunctions');

const stubs = join(root, 'scripts', 'bundle-stubs');
/**
 * SDK parts the functions never call, left out of the bundles so a cold start parses less (issue 13): each is
 * replaced by a stub (scripts/bundle-stubs/). `absent.js` throws if anything ever calls it.
 */
const leftOut: Array<{ module: RegExp; importer?: RegExp; stub: string; why: string }> = [
  { module: /^\.\/ai$/, importer: /node-sdk[\\/]dist[\\/]cloudbase\.js$/, stub: 'absent.js', why: 'app.ai()' },
  { module: /^@cloudbase\/wx-cloud-client-sdk$/, stub: 'absent.js', why: 'data models, MySQL' },
  { module: /^jsonwebtoken$/, stub: 'absent.js', why: 'auth().createTicket()' },
  { module: /^xmlbuilder$/, stub: 'absent.js', why: "xml2js's Builder (storage only parses)" },
  { module: /^mime-types$/, stub: 'mime-types.js', why: "form-data's content types: the few uploaded" },
  { module: /^mime-db$/, stub: 'mime-db.js', why: "wx-server-sdk's file extensions: the few used" },
];

/**
 * Parts of a function that only a few of its actions use, each bundled into a file of its own next to app.js
 * and loaded by the lazy `import()` that names it, so the function's cold start neither loads nor parses
 * them: exceljs (about 1.1 MB) for the organisation tree's xlsx import and export and the district's exports
 * (one file for both: `cloudfunctions/org/xlsx.ts`).
 */
const lazyParts: Record<string, Array<{ module: RegExp; entry: string; file: string }>> = {
  org: [{ module: /^\.\/(?:tree|exports)\.xlsx$/, entry: 'cloudfunctions/org/xlsx.ts', file: 'xlsx.js' }],
};

function splitOff(name: string): Plugin {
  return {
    name: 'split-off',
    setup(b) {
      for (const part of lazyParts[name] ?? [])
        b.onResolve({ filter: part.module }, () => ({ path: `./${part.file}`, external: true }));
    },
  };
}

export const leaveOut: Plugin = {
  name: 'leave-out',
  setup(b) {
    for (const part of leftOut)
      b.onResolve({ filter: part.module }, (args) =>
        !part.importer || part.importer.test(args.importer) ? { path: join(stubs, part.stub) } : undefined,
      );
    // zod's locales: English only, its default (the messages people see are the contracts' Chinese ones).
    b.onResolve({ filter: /^\.\.\/locales\/index\.c?js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer)
        ? { path: join(args.resolveDir, '..', 'locales', 'index.js'), namespace: 'zod-locales' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: "export { default as en } from './en.js';",
      resolveDir: join(args.path, '..'),
      loader: 'js',
    }));
  },
};

async function main() {
  rmSync(out, { recursive: true, force: true });
  for (const name of Object.keys(functions)) {
    const dir = join(out, name);
    mkdirSync(dir, { recursive: true });
    const options: BuildOptions = {
      bundle: true,
      platform: 'node',
      // The runtime every function is deployed on (cloudbaserc.json): Nodejs20.19.
      target: NODE_TARGET,
      format: 'cjs',
      minify: true,
      keepNames: true,
      sourcemap: false,
      legalComments: 'none',
      tsconfig: join(root, 'tsconfig.json'),
      // The embedded store never reaches a bundle; @cloudbase/node-sdk is bundled in, so a function needs no
      // dependency install on CloudBase (installDependency: false in cloudbaserc.json).
      external: ['better-sqlite3'],
      // wx-server-sdk brings its own copy of @cloudbase/node-sdk: one copy (the project's) is enough.
      alias: { '@cloudbase/node-sdk': join(root, 'node_modules', '@cloudbase', 'node-sdk') },
      logLevel: 'warning',
    };
    for (const part of lazyParts[name] ?? [])
      await build({
        ...options,
        entryPoints: [join(root, part.entry)],
        outfile: join(dir, part.file),
        plugins: [leaveOut],
      });
    await build({
      ...options,
      entryPoints: [join(root, 'cloudfunctions', 'deployed', name, 'index.ts')],
      outfile: join(dir, 'app.js'),
      plugins: [leaveOut, splitOff(name)],
      // The loader runs app.js as a vm script, where `import()` has no loader to call: a split-off part is
      // loaded with `require`, which esbuild writes for `import()` when told the target has no dynamic import.
      ...(lazyParts[name] ? { supported: { 'dynamic-import': false } } : {}),
    });
    // A function's triggers (the timer's schedule) travel with it.
    const config = join(root, 'cloudfunctions', 'deployed', name, 'config.json');
    if (existsSync(config)) copyFileSync(config, join(dir, 'config.json'));
    // The entry runs the bundle with V8's code cache, made here by loading it once in a plain Node process.
    copyFileSync(join(root, 'scripts', 'function-loader.js'), join(dir, 'index.js'));
    execFileSync(process.execPath, ['-e', "require('./index.js')"], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', HONGLING_MAKE_CODE_CACHE: '1' } as unknown as NodeJS.ProcessEnv,
    });
    const pkg = { name: `hongling-${name}`, version: '1.0.0', private: true, main: 'index.js', dependencies: {} };
    writeFileSync(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
    const kb = (file: string) => `${(statSync(join(dir, file)).size / 1024).toFixed(1)} KB`;
    console.log(`dist/cloudfunctions/${name}/app.js  ${kb('app.js')}, code cache ${kb('app.jsc')}`);
    for (const part of lazyParts[name] ?? [])
      console.log(`dist/cloudfunctions/${name}/${part.file}  ${kb(part.file)} (loaded on first use)`);
  }
}

if (require.main === module)
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
