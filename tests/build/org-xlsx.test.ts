import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The org function carries exceljs in a file of its own (dist/cloudfunctions/org/xlsx.js, scripts/build-functions.ts
 * `lazyParts`): app.js neither holds nor loads it until the import or export asks, and then finds it beside itself.
 */
const org = resolve(__dirname, '../../dist/cloudfunctions/org');

test('app.js leaves exceljs out and loads xlsx.js beside it with require (a vm script has no import())', () => {
  const app = readFileSync(join(org, 'app.js'), 'utf8');
  expect(app).toContain('require("./xlsx.js")');
  expect(app).not.toContain('import("./xlsx.js")');
  expect(app).not.toContain('Workbook');
  expect(readFileSync(join(org, 'xlsx.js'), 'utf8')).toContain('Workbook');
});

test('outside the repository, the function loads without exceljs, and its xlsx part writes and reads a tree', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hongling-org-'));
  try {
    cpSync(org, dir, { recursive: true });
    const script = `
      const before = Object.keys(require.cache).length;
      const fn = require('./index.js');
      if (typeof fn.main !== 'function') throw new Error('no main');
      const loaded = Object.keys(require.cache).filter((f) => f.endsWith('xlsx.js'));
      const { writeTreeXlsx, readTreeXlsx } = require('./xlsx.js');
      const rows = { community: [{ row: 2, id: 'c1', name: '一社区', status: '在用' }], grid: [], unit: [], org: [], department: [] };
      writeTreeXlsx(rows, '某区').then((bytes) => readTreeXlsx(bytes)).then((read) => {
        console.log(JSON.stringify({ before, loadedAtStart: loaded.length, read }));
      });`;
    const out = execFileSync(process.execPath, ['-e', script], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '' } as unknown as NodeJS.ProcessEnv,
      encoding: 'utf8',
    });
    const result = JSON.parse(out.trim().split('\n').pop() as string) as {
      loadedAtStart: number;
      read: { rows: { community: unknown[] } };
    };
    expect(result.loadedAtStart).toBe(0);
    expect(result.read.rows.community).toEqual([{ row: 2, id: 'c1', name: '一社区', status: '在用' }]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
