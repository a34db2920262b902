import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { functions } from '../cloudfunctions/deployed';
import { NODE_TARGET } from './node-target';

/**
 * Bundles each deployed function (cloudfunctions/deployed/<name>/index.ts) with what it imports of the features, core and shared/ into
 * dist/cloudfunctions/<name>/index.js (self-contained), with its package.json and config.json.
 * The local server (local/) is never an entry, so the development login cannot reach a bundle.
 */
const root = resolve(__dirname, '..');

const out = join(root, 'dist', 'cloudfunctions');

async function main() {
  rmSync(out, { recursive: true, force: true });
  for (const name of Object.keys(functions)) {
    const dir = join(out, name);
    mkdirSync(dir, { recursive: true });
    await build({
      entryPoints: [join(root, 'cloudfunctions', 'deployed', name, 'index.ts')],
      outfile: join(dir, 'index.js'),
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
    });
    // A function's triggers (the timer's schedule) travel with it.
    const config = join(root, 'cloudfunctions', 'deployed', name, 'config.json');
    if (existsSync(config)) copyFileSync(config, join(dir, 'config.json'));
    const pkg = { name: `hongling-${name}`, version: '1.0.0', private: true, main: 'index.js', dependencies: {} };
    writeFileSync(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
    console.log(`dist/cloudfunctions/${name}/index.js  ${(statSync(join(dir, 'index.js')).size / 1024).toFixed(1)} KB`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
