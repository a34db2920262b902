import { api, loginAs, phone, shoot, storyApp } from './support/app';

jest.setTimeout(150_000);

/**
 * Issue 16: the station's dashboard shows its figures from the counters and each opens the list behind it;
 * the district's shows its communities side by side and opens one.
 */
describe('dashboards', () => {
  const story = storyApp();

  test('the station’s 待审核 opens 报到审核 on that tab; the district drills into a community', async () => {
    const { base } = story.app;
    const station = await (await phone(story.browser)).newPage();
    await loginAs(station, base, 'demo-station');
    await station.locator('[data-testid="home-cell"][data-title="社区统计"]').click();
    const reports = station.locator('[data-testid="figures-report"]:visible');
    await reports.waitFor();
    const expected = await api(base, 'demo-station', 'org', 'dashboard', {});
    const pending = String(expected.communities[0].report.pending ?? 0);
    expect(await reports.locator('[data-state="pending"] .dash-count').innerText()).toBe(pending);
    await station.locator('[data-testid="trend"]:visible').waitFor();
    await shoot(station, '96-station-dashboard');
    await reports.locator('[data-state="pending"]').click();
    await station.locator('[data-testid="review-item"]:visible').first().waitFor();
    expect(await station.locator('[data-testid="review-item"]:visible').count()).toBe(Number(pending));

    const district = await (await phone(story.browser)).newPage();
    await loginAs(district, base, 'demo-district');
    await district.locator('[data-testid="home-cell"][data-title="全区统计"]').click();
    const row = district.locator('[data-testid="community-figures"][data-name="华中社区"]:visible');
    await row.waitFor();
    await shoot(district, '97-district-dashboard');
    await row.click();
    await district.locator('[data-testid="figures-wish"]:visible').waitFor();
    await district.locator('.link:visible', { hasText: '返回全区' }).waitFor();
  });
});
