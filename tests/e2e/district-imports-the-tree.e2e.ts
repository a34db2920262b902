import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workbook } from 'exceljs';
import type { Page } from 'playwright-core';
import { loginAs, phone, shoot, storyApp } from './support/app';

jest.setTimeout(150_000);

/** Clicks a button that downloads a file and answers the workbook it saved. */
async function downloaded(page: Page, button: string, dir: string): Promise<{ wb: Workbook; name: string }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('.nut-button:visible', { hasText: button }).click(),
  ]);
  const path = join(dir, download.suggestedFilename());
  await download.saveAs(path);
  const wb = new Workbook();
  await wb.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
  return { wb, name: download.suggestedFilename() };
}

/** 导入 with this workbook chosen in the browser's file picker. */
async function importFile(page: Page, wb: Workbook, dir: string, name: string): Promise<void> {
  const path = join(dir, name);
  await wb.xlsx.writeFile(path);
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.locator('.nut-button:visible', { hasText: '导入' }).click(),
  ]);
  await chooser.setFiles(path);
}

/**
 * The district sets up its tree without a terminal: downloads the template, exports what it has, adds a
 * community with a grid and units in the file, imports it (a mistake first: the report says where, nothing is
 * written), and the new community is there, with its grid and units.
 */
describe('the district imports its organisation tree from the xlsx template', () => {
  const story = storyApp();

  test('下载模板 → 导出 → edit → 导入 (a broken row: report) → 导入 → the new community', async () => {
    const { base } = story.app;
    const dir = mkdtempSync(join(tmpdir(), 'hongling-tree-'));
    const page = await (await phone(story.browser)).newPage();
    await loginAs(page, base, 'demo-district');
    await page.getByTestId('home-grid').getByText('组织架构').click();
    await page.getByTestId('tree-files').waitFor();
    await page.locator('[data-testid="place"]:visible', { hasText: '华中社区' }).waitFor();
    await shoot(page, '80-district-tree');

    const template = await downloaded(page, '下载模板', dir);
    expect(template.name).toBe('迎江区组织架构模板.xlsx');
    expect(template.wb.worksheets.map((w) => w.name)).toEqual(['说明', '社区', '网格', '单元', '报到单位', '职能部门']);
    expect(template.wb.getWorksheet('单元')!.getRow(1).values).toEqual([
      undefined,
      '编号',
      '名称',
      '序号',
      '所属网格编号',
      '状态',
    ]);

    const { wb } = await downloaded(page, '导出', dir);
    expect(wb.getWorksheet('社区')!.rowCount).toBe(4);
    wb.getWorksheet('社区')!.addRow(['renmin', '人民路社区', '']);
    wb.getWorksheet('网格')!.addRow(['renming1', '第一网格', 1, 'renmin', '']);
    wb.getWorksheet('单元')!.addRow(['renming1u1', '01栋1单元', 1, 'renming1', '']);
    // A mistake: the grid number of the second unit is mistyped.
    wb.getWorksheet('单元')!.addRow(['renming1u2', '01栋2单元', 2, 'renming2', '']);
    await importFile(page, wb, dir, 'broken.xlsx');
    const report = page.locator('[data-testid="import-report"]:visible');
    await report.waitFor();
    expect(await report.getAttribute('data-written')).toBe('false');
    await report.getByText('「单元」第57行 · 所属网格编号').waitFor();
    await report.getByText('网格编号“renming2”不存在：请先在「网格」表中填写').waitFor();
    await shoot(page, '81-district-import-report');
    expect(await page.locator('[data-testid="place"]:visible', { hasText: '人民路社区' }).count()).toBe(0);
    await report.locator('.nut-button', { hasText: '关闭' }).click();

    wb.getWorksheet('单元')!.getRow(57).getCell(4).value = 'renming1';
    await importFile(page, wb, dir, 'fixed.xlsx');
    await page.locator('[data-testid="import-report"][data-written="true"]:visible').waitFor();
    await page.getByText('社区：新增1，修改0，未变3').waitFor();
    await page.getByText('单元：新增2，修改0，未变54').waitFor();
    const added = page.locator('[data-testid="place"]:visible', { hasText: '人民路社区' });
    await added.waitFor();
    await shoot(page, '82-district-import-done');

    await added.locator('.nut-button', { hasText: '网格' }).click();
    const grid = page.locator('[data-testid="place"]:visible', { hasText: '第一网格' });
    await grid.waitFor();
    await grid.locator('.nut-button', { hasText: '单元' }).click();
    await page.locator('[data-testid="place"]:visible', { hasText: '01栋2单元' }).waitFor();
    await page.getByTestId('crumbs').getByText('迎江区').waitFor();
    await shoot(page, '83-district-new-units');
  });
});
