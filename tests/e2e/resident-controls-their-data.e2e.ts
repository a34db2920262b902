import { policyVersion } from '@shared/org/policy';
import { api, loginAs, phone, shoot, storyApp } from './support/app';
import { confirmDialog } from './support/dialog';

jest.setTimeout(180_000);

/**
 * Issue 15, part 7: a resident reads the policy from 我的, sees everything held about her in 我的数据, and
 * cancels her account (注销); the same WeChat user opening the app again is a new person, met by the privacy
 * policy before anything else: 不同意 leaves her only the documents and the way out; 同意 is recorded.
 */
describe('a resident controls her data', () => {
  const story = storyApp();
  const PHONE = '13600005555';

  test('我的 → the policy, 我的数据, 注销; then first use: 不同意, read, 同意', async () => {
    const { base } = story.app;
    await api(base, 'demo-resident', 'wish', 'postWish', {
      title: '想请人教用智能手机',
      description: '想学会用手机挂号和视频通话',
      category: '学习辅导',
      unitId: 'huazhongg1u1',
      phone: PHONE,
    });
    await api(base, 'demo-resident', 'report', 'submitProblem', {
      category: '环境卫生',
      description: '1栋门口的路灯坏了，晚上很黑',
      unitId: 'huazhongg1u1',
      phone: PHONE,
    });

    const page = await (await phone(story.browser)).newPage();
    await loginAs(page, base, 'demo-resident');
    await page.goto(`${base}/#/pages/mine/index`);
    await page.getByTestId('my-data-links').waitFor();
    await shoot(page, '90-mine-data-links');

    // The privacy policy, then the user agreement, from 我的.
    await page.getByTestId('mine-privacy').click();
    const policy = page.locator('[data-testid="policy-document"]:visible');
    await policy.waitFor();
    expect(await policy.getAttribute('data-doc')).toBe('privacy');
    await policy.getByText('三、谁能看到您的信息').waitFor();
    await shoot(page, '91-privacy-policy');
    await page.locator('[data-testid="policy-tab-terms"]:visible').click();
    await page.locator('[data-testid="policy-document"][data-doc="terms"]:visible').getByText('四、注销').waitFor();
    await shoot(page, '92-user-agreement');
    await page.locator('.h5-back:visible').click();
    await page.locator('[data-testid="policy-document"]:visible').waitFor({ state: 'hidden' });

    // 我的数据: her wish and her problem, with the number she gave; her consent.
    await page.getByTestId('mine-data').click();
    const wishes = page.locator('[data-testid="data-list"][data-list="wishes"]:visible');
    await wishes.getByText('想请人教用智能手机').waitFor();
    expect(await wishes.innerText()).toContain(PHONE);
    await page.locator('[data-testid="data-list"][data-list="problems"]:visible').getByText('环境卫生').waitFor();
    expect(await page.locator('[data-testid="data-consent"]:visible').innerText()).toContain(policyVersion);
    await shoot(page, '93-my-data');

    // 注销, after the dialog that says what it does.
    const close = page.locator('[data-testid="data-close"]:visible');
    await close.scrollIntoViewIfNeeded();
    await shoot(page, '94-close-account');
    await close.locator('.nut-button', { hasText: '注销账号' }).click();
    await confirmDialog(page, '剩余积分作废');
    await page.locator('[data-testid="closed"]:visible').waitFor();
    await shoot(page, '95-account-closed');
    const after = await api(base, 'demo-resident', 'org', 'myData', {});
    expect(after.lists.wishes.items).toEqual([]);
    expect(after.lists.problems.items).toEqual([]);
    expect(after.consent).toBeNull();
    // The station still sees the problem, without her name or number.
    const problems = await api(base, 'demo-station', 'report', 'stationProblems', { status: 'submitted' });
    const kept = problems.items.find((p: { description: string }) => p.description.includes('路灯'));
    expect(kept).toBeTruthy();
    expect(JSON.stringify(kept)).not.toContain(PHONE);
    expect(JSON.stringify(kept)).not.toContain('王秀英');

    // 退出; she opens the app again: the policy comes before anything else.
    await page.locator('[data-testid="closed"]:visible .nut-button', { hasText: '退出' }).click();
    await page.waitForURL(/pages\/login\/index/);
    await page.locator('[data-openid="demo-resident"]').click();
    const gate = page.locator('[data-testid="consent-gate"]:visible');
    await gate.waitFor();
    expect(await page.locator('[data-testid="home-grid"]:visible').count()).toBe(0);
    await shoot(page, '96-consent-gate');
    await gate.locator('.nut-button', { hasText: '不同意' }).click();
    const declined = page.locator('[data-testid="consent-declined"]:visible');
    await declined.waitFor();
    await shoot(page, '97-consent-declined');
    // Declined, she can still read the policy (in place: nothing else of the app opens), then think again.
    await declined.getByTestId('read-privacy').click();
    await declined.getByText('五、您的权利').waitFor();
    await shoot(page, '97b-declined-reading');
    await declined.locator('.nut-button', { hasText: '重新选择' }).click();
    const again = page.locator('[data-testid="consent-gate"]:visible');
    await again.waitFor();
    expect(await page.locator('[data-testid="home-grid"]:visible').count()).toBe(0);
    await again.locator('.nut-button', { hasText: '同意并继续' }).click();
    await page.locator('[data-testid="home-grid"]:visible').waitFor();
    await shoot(page, '98-consented-home');
    expect(await api(base, 'demo-resident', 'org', 'consentState', {})).toMatchObject({
      current: policyVersion,
      upToDate: true,
    });
  });
});
