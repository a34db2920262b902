import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const probe =
  "const t=process.hrtime.bigint();const m=require('./index.js');process.stdout.write(JSON.stringify({main:typeof m.main,codeCache:m.codeCache,ms:Number(process.hrtime.bigint()-t)/1e6}))";

/**
 * Loads a function bundle as CloudBase would: copied to a temporary folder with nothing of the repository
 * around it, required by a fresh Node process whose environment holds only PATH. Returns what `main` is,
 * whether V8 took the code cache made at build time, how long the require took and how long the whole process
 * took (a cold-start proxy).
 */
export function probeBundle(
  bundleDir: string,
  options: { withoutCodeCache?: boolean } = {},
): {
  mainType: string;
  codeCache: string;
  requireMs: number;
  processMs: number;
} {
  const dir = mkdtempSync(join(tmpdir(), 'hongling-fn-'));
  try {
    cpSync(bundleDir, dir, { recursive: true });
    if (options.withoutCodeCache) rmSync(join(dir, 'app.jsc'), { force: true });
    const start = performance.now();
    const out = execFileSync(process.execPath, ['-e', probe], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '' } as unknown as NodeJS.ProcessEnv,
      encoding: 'utf8',
    });
    const processMs = performance.now() - start;
    const { main, codeCache, ms } = JSON.parse(out) as { main: string; codeCache: string; ms: number };
    return { mainType: main, codeCache, requireMs: ms, processMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
