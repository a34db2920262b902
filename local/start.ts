import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { demoAccounts } from './demo-data';
import { createLocalServer } from './server';

const root = resolve(__dirname, '..');
const h5Dir = join(root, 'dist', 'h5');

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** Rebuilds the H5 app when any source it is made from is newer than the last build. */
function buildH5IfStale(): void {
  const index = join(h5Dir, 'index.html');
  const sources = ['miniprogram', 'shared', 'config'].map((d) => join(root, d)).filter(existsSync);
  const stale = !existsSync(index) || Math.max(...sources.map(newest)) > statSync(index).mtimeMs;
  if (!stale) return;
  console.log('构建 H5 应用（首次约 30 秒）…');
  const result = spawnSync('npx', ['taro', 'build', '--type', 'h5'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const port = Number(process.env.PORT ?? process.argv.find((a) => a.startsWith('--port='))?.slice(7) ?? 8787);
if (!process.argv.includes('--no-build')) buildH5IfStale();
const { server } = createLocalServer({ dataDir: process.env.HONGLING_DATA ?? join(root, '.data'), h5Dir });
server.listen(port, '127.0.0.1', () => {
  console.log(`\n红领 hongling 本地运行: http://127.0.0.1:${port}/\n`);
  console.log('演示账号（登录页选择）:');
  for (const a of demoAccounts) console.log(`  ${a.openid.padEnd(18)} ${a.name}  ${a.title}`);
});
