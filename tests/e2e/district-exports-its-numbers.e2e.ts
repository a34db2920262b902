import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workbook } from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { beijing } from '@shared/core/time';
import { loginAs, phone, shoot, storyApp } from './support/app';

jest.setTimeout(150_000);

/** Clicks 导出 in a card and answers the workbook the browser saved, with its name. */
async function downloaded(page: Page, card: Locator, dir: string): Promise<{ wb: Workbook; name: string }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    card.locator('.nut-button:visible', { hasText: '导出' }).click(),
  ]);
  const path = join(dir, download.suggestedFilename());
  await download.saveAs(path);
  const wb = new Workbook();
  await wb.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
  return { wb, name: download.suggestedFilename() };
}

function rowsOf(wb: Workbook, sheet: string): string[][] {
  const rows: string[][] = [];
  wb.getWorksheet(sheet)!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}

/**
 * Issue 16, part 5: the district opens 数据导出 from its home, downloads the 报到回执汇总 of this half-year
 * (title rows, period, every 报到, phones masked), then one community's 党员半年履责台账 and the
 * 吹哨报到考核表, and opens each file.
 */
describe('the district downloads its exports', () => {
  const story = storyApp();

  test('首页 → 数据导出 → 报到回执汇总, 半年履责 of one community, 吹哨报到考核表', async () => {
    const { base } = story.app;
    const dir = mkdtempSync(join(tmpdir(), 'hongling-exports-'));
    const page = await (await phone(story.browser)).newPage();
    await loginAs(page, base, 'demo-district');
    await page.getByTestId('home-grid').getByText('数据导出').click();
    const receipts = page.getByTestId('export-enrolments');
    await receipts.waitFor();
    // The district may take all five.
    for (const kind of ['enrolments', 'halfYear', 'wishes', 'points', 'whistles'])
      await page.getByTestId(`export-${kind}`).waitFor();
    await shoot(page, '90-district-exports');

    const today = beijing(new Date(), 'YYYY-MM-DD');
    const second = today.slice(5, 7) >= '07';
    const year = today.slice(0, 4);
    const half = second
      ? { from: `${year}-07-01`, to: `${year}-12-31` }
      : { from: `${year}-01-01`, to: `${year}-06-30` };

    const enrolments = await downloaded(page, receipts, dir);
    expect(enrolments.name).toBe(`迎江区在职党员进社区报到回执汇总${half.from}至${half.to}.xlsx`);
    const sheet = rowsOf(enrolments.wb, '报到回执');
    expect(sheet[0]?.[0]).toBe('迎江区在职党员进社区报到回执汇总');
    expect(sheet[1]?.[0]).toBe(`统计期间：${half.from} 至 ${half.to}`);
    expect(sheet[2]?.[0]).toBe('范围：迎江区全区');
    expect(sheet[3]?.[0]).toMatch(/^导出时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(sheet[4]?.slice(0, 3)).toEqual(['姓名', '手机号', '报到单位']);
    const zhang = sheet.find((r) => r[0] === '张明');
    expect(zhang?.[1]).toBe('138****0001');
    await receipts.getByTestId('export-done').waitFor();
    await shoot(page, '91-district-exported');

    // One community: 华中社区's 党员半年履责台账.
    await page.getByTestId('export-scope').click();
    await page.getByTestId('export-scope-option').filter({ hasText: '华中社区' }).click();
    const halfYear = await downloaded(page, page.getByTestId('export-halfYear'), dir);
    expect(halfYear.name).toBe(`迎江区党员半年履责台账（华中社区）${half.from}至${half.to}.xlsx`);
    const members = rowsOf(halfYear.wb, '半年履责');
    expect(members[2]?.[0]).toBe('范围：华中社区');
    expect(members.slice(5).map((r) => r[0])).toContain('张明');

    const whistles = await downloaded(page, page.getByTestId('export-whistles'), dir);
    expect(whistles.name).toMatch(/^迎江区吹哨报到考核表\d{4}-\d{2}-01至\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(rowsOf(whistles.wb, '考核表')[4]).toContain('考核积分');
    await shoot(page, '92-district-exports-done');
  });
});
