import { api, loginAs, phone, shoot, storyApp } from './support/app';

jest.setTimeout(120_000);

/** The station changes its rules on 社区设置 (a wrong value refused first); the next whistle follows them. */
describe('the station sets its community’s rules', () => {
  const story = storyApp();

  test('3 working days and a 300 m radius; a radius of 30 m refused; 恢复默认', async () => {
    const { base } = story.app;
    const station = await (await phone(story.browser)).newPage();
    await loginAs(station, base, 'demo-station');
    await station.locator('[data-testid="home-cell"][data-title="社区设置"]').click();
    const form = station.getByTestId('settings-form');
    await form.waitFor();
    await station.getByTestId('pick-rule').click();
    await station.getByTestId('pick-rule-option').filter({ hasText: '按工作日' }).click();
    await form.locator('input[name="ruleAmount"]').fill('3');
    await form.locator('input[name="checkinRadiusM"]').fill('30');
    await form.locator('.nut-button', { hasText: '保存设置' }).click();
    await form.getByText('0（不限）或50至5000米').waitFor();
    await shoot(station, '72-station-settings-error');
    await form.locator('input[name="checkinRadiusM"]').fill('300');
    await form.locator('.nut-button', { hasText: '保存设置' }).click();
    await station.getByText('本社区设置').first().waitFor();
    await shoot(station, '73-station-settings-saved');
    const saved = await api(base, 'demo-station', 'org', 'settings', {});
    expect(saved.values).toMatchObject({ deadlineRule: { kind: 'workdays', days: 3 }, checkinRadiusM: 300 });
    expect(saved.sources).toMatchObject({
      deadlineRule: 'community',
      checkinRadiusM: 'community',
      wishClaimDays: 'default',
    });

    // 恢复默认 gives the radius back to the default.
    await station.getByTestId('settings-form').locator('.link', { hasText: '恢复默认' }).last().click();
    await station.waitForFunction(
      () => (document.querySelector('input[name="checkinRadiusM"]') as HTMLInputElement | null)?.value === '0',
    );
    expect((await api(base, 'demo-station', 'org', 'settings', {})).sources.checkinRadiusM).toBe('default');
  });
});
