import { loginAs, phone, shoot, storyApp } from './support/app';
import { confirmDialog } from './support/dialog';

/**
 * The story of 报到: the station shows the community code, a member opens its link and reports, the
 * station approves, the member sees it approved, and the member's organisation sees the receipt.
 */
jest.setTimeout(120_000);

describe('a member reports in (报到) to their community', () => {
  const story = storyApp();

  test('code → report → approval → receipt', async () => {
    const station = await (await phone(story.browser)).newPage();
    await loginAs(station, story.app.base, 'demo-station');
    await station.getByText('社区报到码').first().click();
    const link = station.getByTestId('community-link');
    await link.waitFor();
    await station.getByTestId('community-qr').waitFor();
    const path = await link.getAttribute('data-path');
    expect(path).toMatch(/^pages\/checkin\/report\/index\?scene=R[a-z0-9]+\.[A-Za-z0-9_-]{16}$/);
    // The README's "link under the QR": shown in full, to copy.
    expect((await link.innerText()).trim()).toBe(`${story.app.base}/#/${path}`);
    await station.locator('.nut-button', { hasText: '复制' }).waitFor();
    await shoot(station, '01-station-community-code');

    // The member opens the code's link on their phone and is asked to sign in first.
    const member = await (await phone(story.browser)).newPage();
    await member.goto(`${story.app.base}/#/${path}`);
    await member.locator('[data-openid="demo-newmember"]').click();
    await member.getByText('提交报到').waitFor();
    await member.getByText('华中社区').first().waitFor();
    await shoot(member, '02-member-report-form');

    // Submitting with a bad phone shows the field error and keeps the form.
    await member.locator('input[name="name"]').fill('李华');
    await member.locator('input[name="phone"]').fill('1391234');
    await member.locator('.nut-button', { hasText: '提交报到' }).click();
    await member.getByText('请输入11位手机号').waitFor();
    await shoot(member, '03-member-report-errors');

    await member.locator('input[name="phone"]').fill('13912345678');
    await member.getByTestId('pick-org').click();
    await member.getByTestId('pick-org-option').filter({ hasText: '区财政局机关党支部' }).click();
    await member.getByTestId('pick-grid').click();
    await member.getByTestId('pick-grid-option').filter({ hasText: '第一网格' }).click();
    await member.getByTestId('pick-unit').click();
    await member.getByTestId('pick-unit-option').filter({ hasText: '01栋1单元' }).click();
    await shoot(member, '04-member-report-filled');
    await member.locator('.nut-button', { hasText: '提交报到' }).click();
    const status = member.getByTestId('report-status');
    await status.getByText('待审核').waitFor();
    await shoot(member, '05-member-report-pending');

    // The station approves it.
    await station.goto(`${story.app.base}/#/pages/checkin/review/index`);
    const item = station.locator('[data-testid="review-item"][data-name="李华"]');
    await item.waitFor();
    await expect(item.innerText()).resolves.toContain('13912345678');
    await shoot(station, '06-station-review-list');
    await item.locator('.nut-button', { hasText: '通过' }).click();
    await confirmDialog(station, '通过报到');
    await item.waitFor({ state: 'detached' });
    await shoot(station, '07-station-approved');

    // The member sees the approval.
    await member.reload();
    await member.getByTestId('report-status').getByText('已报到').waitFor();
    await shoot(member, '08-member-report-approved');
    await member.goto(`${story.app.base}/#/pages/mine/index`);
    await member.getByTestId('my-report').getByText('已报到').waitFor();
    await shoot(member, '09-member-mine');

    // The organisation's admin sees the receipt with a masked phone.
    const org = await (await phone(story.browser)).newPage();
    await loginAs(org, story.app.base, 'demo-orgadmin');
    await org.getByText('报到回执').first().click();
    const receipt = org.locator('[data-testid="receipt"][data-name="李华"]');
    await receipt.waitFor();
    const text = await receipt.innerText();
    expect(text).toContain('已报到');
    expect(text).toContain('139****5678');
    expect(text).not.toContain('13912345678');
    await shoot(org, '10-org-receipts');
  });

  test('a forged code is refused on the page', async () => {
    const page = await (await phone(story.browser)).newPage();
    await loginAs(page, story.app.base, 'demo-newmember');
    await page.goto(`${story.app.base}/#/pages/checkin/report/index?scene=Rhuazhong.AAAAAAAAAAAAAAAA`);
    await page.getByText('二维码无效或已被篡改').waitFor();
    await shoot(page, '11-forged-code');
  });

  test('every role sees its own home page', async () => {
    for (const openid of ['demo-district', 'demo-resident']) {
      const page = await (await phone(story.browser)).newPage();
      await loginAs(page, story.app.base, openid);
      await page.locator('.banner').waitFor();
      await shoot(page, `12-home-${openid}`);
    }
  });
});
