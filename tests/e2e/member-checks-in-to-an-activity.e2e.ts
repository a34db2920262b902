import { api, loginAs, phone, shoot, storyApp } from './support/app';

jest.setTimeout(120_000);

/**
 * The story of an activity: the organiser shows the rotating code, a member opens its link and
 * checks in, and two hours later checks out on a fresh code and sees the hours.
 */
describe('a member checks in to an activity and out again', () => {
  const story = storyApp();

  test('code → check-in → two hours later check-out → hours', async () => {
    const start = new Date(Date.now() + 5 * 60_000);
    await api(story.app.base, 'demo-station', 'checkin', 'createActivity', {
      title: '主题党日·义务植树',
      place: '华中社区党群服务中心',
      capacity: 50,
      startAt: start.toISOString(),
      endAt: new Date(start.getTime() + 2 * 3600_000).toISOString(),
    });

    const organiser = await (await phone(story.browser)).newPage();
    await loginAs(organiser, story.app.base, 'demo-station');
    await organiser.getByText('活动管理').first().click();
    await organiser.locator(`[data-testid="activity"][data-title="主题党日·义务植树"]`).click();
    const link = organiser.getByTestId('activity-link');
    await organiser.getByTestId('activity-qr').waitFor();
    const path = await link.getAttribute('data-path');
    expect(path).toMatch(/^pages\/checkin\/scan\/index\?scene=Ar[a-z0-9]{10}~[a-z0-9]+\.[A-Za-z0-9_-]{12}$/);
    expect((path as string).split('scene=')[1]?.length).toBeLessThanOrEqual(32);
    await shoot(organiser, '20-organiser-activity-code');

    const member = await (await phone(story.browser)).newPage();
    await member.goto(`${story.app.base}/#/${path}`);
    await member.locator('[data-openid="demo-member"]').click();
    await member.locator('.nut-button', { hasText: '签到' }).waitFor();
    await shoot(member, '21-member-scan-page');
    await member.locator('.nut-button', { hasText: '签到' }).click();
    await member.getByTestId('my-attendance').getByText('已签到').waitFor();
    await shoot(member, '22-member-checked-in');

    // The organiser sees the member on the list.
    await organiser.reload();
    await organiser.locator('[data-testid="attendance"][data-name="张明"]').getByText('未签退').waitFor();
    await shoot(organiser, '23-organiser-attendance');

    // Two hours later the old code has expired; the organiser's page shows a fresh one.
    story.app.advance(2 * 3600_000 + 5 * 60_000);
    await member.reload();
    await member.getByText('活动码已过期').waitFor();
    await shoot(member, '24-member-stale-code');
    await organiser.reload();
    await organiser.getByTestId('activity-qr').waitFor();
    const fresh = await organiser.getByTestId('activity-link').getAttribute('data-path');
    expect(fresh).not.toBe(path);
    await member.goto(`${story.app.base}/#/${fresh}`);
    await member.locator('.nut-button', { hasText: '签退' }).click();
    // 签退 asks first (a tap right after 签到 would otherwise end the attendance by mistake).
    await member.getByText('确认签退').waitFor();
    await shoot(member, '24b-member-confirm-checkout');
    await member.locator('.taro-model__confirm').click();
    await member.getByTestId('hours').getByText('服务时长 2 小时').waitFor();
    await shoot(member, '25-member-checked-out');

    await member.goto(`${story.app.base}/#/pages/checkin/service/index`);
    await member.getByTestId('total-hours').getByText('2').waitFor();
    await shoot(member, '26-member-service-record');
  });

  test('a member claims a post; the organisation sees the half-year record', async () => {
    // The demo data has posts of 华中社区 to claim.
    const member = await (await phone(story.browser)).newPage();
    await loginAs(member, story.app.base, 'demo-member');
    await member.getByText('岗位认领').first().click();
    const post = member.locator('[data-testid="post"][data-name="楼道文明劝导员"]');
    await post.locator('.nut-button', { hasText: '认领岗位' }).click();
    await post.getByText('已认领').waitFor();
    await shoot(member, '27-member-claimed-post');

    const org = await (await phone(story.browser)).newPage();
    await loginAs(org, story.app.base, 'demo-orgadmin');
    await org.getByText('党员半年履责').first().click();
    // The claim above counts for this half-year whatever else the member did.
    await org.locator('[data-testid="member-record"][data-name="张明"]').getByText('认领1项').waitFor();
    await shoot(org, '28-org-half-year');

    const station = await (await phone(story.browser)).newPage();
    await loginAs(station, story.app.base, 'demo-station');
    await station.goto(`${story.app.base}/#/pages/checkin/activity-edit/index`);
    await station.getByText('发布活动').last().waitFor();
    await shoot(station, '29-station-new-activity-form');
  });
});
