import { api, loginAs, phone, shoot, storyApp } from './support/app';

jest.setTimeout(150_000);

/**
 * Issue 16: the station's dashboard shows its figures from the counters and each opens the list behind it,
 * down to a grid; the district's shows its rates, its communities and organisations side by side, opens one
 * community (and its grids) and the departments' assessment.
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
    const checkin = station.locator('[data-testid="figures-checkin"]:visible');
    await checkin.scrollIntoViewIfNeeded();
    expect(await checkin.innerText()).toContain(String(expected.total.checkin.activities ?? 0));
    await shoot(station, '96c-station-dashboard-activities');
    expect(await station.locator('[data-testid="whistle-rates"]:visible').innerText()).toContain(
      `本月吹哨 ${expected.whistles.whistled} 件`,
    );
    const service = station.locator('[data-testid="figures-service"]:visible');
    expect(await service.innerText()).toContain(`待确认 ${expected.total.service.pending ?? 0} 次`);
    await station.locator('[data-testid="trend"]:visible').scrollIntoViewIfNeeded();
    await station.locator('[data-testid="trend"]:visible [role="tab"]', { hasText: '服务时长' }).click();
    await shoot(station, '96a-station-dashboard-trend');
    await reports.locator('[data-state="pending"]').click();
    await station.locator('[data-testid="review-item"]:visible').first().waitFor();
    expect(await station.locator('[data-testid="review-item"]:visible').count()).toBe(Number(pending));

    // Drill-down to a grid: its line opens 报到审核 narrowed to the grid.
    await station.goBack();
    const grid = (expected.grids as Array<{ id: string; name: string; report: Record<string, number> }>).find(
      (g) => (g.report.pending ?? 0) > 0,
    )!;
    const gridRow = station.locator(`[data-testid="grid-figures"][data-name="${grid.name}"]:visible`);
    await gridRow.scrollIntoViewIfNeeded();
    await shoot(station, '96b-station-dashboard-grids');
    expect(await gridRow.locator('[data-testid="grid-report"]').innerText()).toContain(`待审核${grid.report.pending}`);
    await gridRow.locator('[data-testid="grid-report"]').click();
    await station.locator('[data-testid="filter-bar"]:visible', { hasText: grid.name }).waitFor();
    await station.locator('[data-testid="review-item"]:visible').first().waitFor();
    expect(await station.locator('[data-testid="review-item"]:visible').count()).toBe(grid.report.pending);

    const district = await (await phone(story.browser)).newPage();
    await loginAs(district, base, 'demo-district');
    await district.locator('[data-testid="home-cell"][data-title="全区统计"]').click();
    const row = district.locator('[data-testid="community-figures"][data-name="华中社区"]:visible');
    await row.waitFor();
    await shoot(district, '97-district-dashboard');
    // 报到率 over the members the organisations declared, and each organisation side by side.
    const whole = await api(base, 'demo-district', 'org', 'dashboard', {});
    const rate = district.locator('[data-testid="rate"][data-label="报到率"]:visible');
    expect(await rate.innerText()).toContain(whole.reportRate === null ? '—' : `${whole.reportRate}%`);
    const org = district.locator('[data-testid="org-figures"]:visible').first();
    await org.scrollIntoViewIfNeeded();
    await shoot(district, '97b-district-dashboard-orgs');
    expect(await district.locator('[data-testid="org-figures"]:visible').count()).toBe(whole.orgs.length);
    await row.click();
    await district.locator('[data-testid="figures-wish"]:visible').waitFor();
    await district.locator('.link:visible', { hasText: '返回全区' }).waitFor();
    await district.locator('[data-testid="grid-figures"]:visible').first().waitFor();
    await district.locator('.link:visible', { hasText: '返回全区' }).click();
    // The departments side by side: 吹哨报到统计.
    await district.locator('[data-testid="open-whistle-stats"]:visible').click();
    await district.locator('[data-testid="month"]:visible').waitFor();

    // The organisation: its members' 报到 and how many met the half-year rule.
    const orgAdmin = await (await phone(story.browser)).newPage();
    await loginAs(orgAdmin, base, 'demo-orgadmin');
    await orgAdmin.locator('[data-testid="home-cell"][data-title="本单位统计"]').click();
    const own = await api(base, 'demo-orgadmin', 'org', 'orgDashboard', {});
    const line = orgAdmin.locator('[data-testid="org-half-year"]:visible');
    await line.waitFor();
    expect(await line.innerText()).toContain(`履责达标：${own.halfYear.met} 人`);
    await shoot(orgAdmin, '98-org-dashboard');
  });
});
