import { loginAs, phone, shoot, storyApp } from './support/app';

jest.setTimeout(120_000);

/** Issue 15, part 6: the station narrows 报到审核 by a name and a grid; the district picks a community first. */
describe('filters on the admin lists', () => {
  const story = storyApp();

  test('the station finds one pending 报到 by name, then by grid; 重置 brings the list back', async () => {
    const { base } = story.app;
    const station = await (await phone(story.browser)).newPage();
    await loginAs(station, base, 'demo-station');
    await station.locator('[data-testid="home-cell"][data-title="报到审核"]').click();
    const items = station.locator('[data-testid="review-item"]:visible');
    await items.first().waitFor();
    const all = await items.count();
    expect(all).toBeGreaterThan(1);

    await station.locator('[data-testid="filter-bar"]:visible .nut-button').click();
    const form = station.locator('[data-testid="filter-form"]:visible');
    await form.locator('input[name="q"]').fill('何志');
    await shoot(station, '87-station-filter-open');
    await form.locator('.nut-button', { hasText: '查询' }).click();
    await station.locator('[data-testid="filter-bar"]:visible', { hasText: '“何志”' }).waitFor();
    await station.waitForFunction(
      () => document.querySelectorAll('[data-testid="review-item"]').length === 1,
      undefined,
      { timeout: 10_000 },
    );
    expect(await items.first().getAttribute('data-name')).toBe('何志强');
    await shoot(station, '88-station-filtered');

    // By grid: the second grid holds 林小燕's request.
    await station.locator('[data-testid="filter-bar"]:visible .nut-button').click();
    await form.locator('input[name="q"]').fill('');
    await form.getByTestId('filter-grid').click();
    await station.locator('[data-testid="filter-grid-option"]:visible', { hasText: '第二网格' }).click();
    await form.locator('.nut-button', { hasText: '查询' }).click();
    await station.locator('[data-testid="review-item"][data-name="林小燕"]:visible').waitFor();
    expect(await station.locator('[data-testid="review-item"][data-name="何志强"]:visible').count()).toBe(0);

    await station.locator('[data-testid="filter-bar"]:visible .nut-button').click();
    await form.locator('.nut-button', { hasText: '重置' }).click();
    await station.locator('[data-testid="filter-bar"]:visible', { hasText: '筛选：全部' }).waitFor();
    await station.waitForFunction((n) => document.querySelectorAll('[data-testid="review-item"]').length === n, all, {
      timeout: 10_000,
    });
  });
});
