import { act, fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { policyVersion } from '@shared/org/policy';
import { Page } from '../../miniprogram/components/page';

jest.mock('../../miniprogram/api/call', () => ({
  ...jest.requireActual('../../miniprogram/api/call'),
  call: jest.fn(),
}));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { call } = require('../../miniprogram/api/call') as { call: jest.Mock };

/** The first-use gate: nothing of a page before the person agreed to the policy in force. */
describe('the consent gate', () => {
  let agreed: { version: string; agreedAt: string } | null;
  beforeEach(() => {
    Taro.removeStorageSync('hongling.consent');
    agreed = null;
    call.mockReset();
    call.mockImplementation(async (_fn: string, action: string, data: { version?: string }) => {
      if (action === 'consentState')
        return { current: policyVersion, agreed, upToDate: agreed?.version === policyVersion };
      if (action === 'consent') {
        agreed = { version: data.version ?? '', agreedAt: '2026-11-27T00:00:00.000Z' };
        return { current: policyVersion, agreed, upToDate: true };
      }
      throw new Error(`unexpected ${action}`);
    });
  });
  afterAll(() => Taro.setStorageSync('hongling.consent', { who: 'wechat', version: policyVersion }));

  test('first use: the policy is asked first; 同意 records the version and shows the page', async () => {
    render(<Page>内容</Page>);
    await screen.findByTestId('consent-gate');
    expect(screen.queryByText('内容')).toBeNull();
    expect(screen.getByText('欢迎使用红领')).toBeTruthy();
    await act(async () => void fireEvent.click(screen.getByText('同意并继续')));
    await screen.findByText('内容');
    expect(call).toHaveBeenCalledWith('org', 'consent', { version: policyVersion });
    // The phone remembers: the next page shows at once, without asking the server.
    call.mockClear();
    render(<Page>下一页</Page>);
    expect(screen.getByText('下一页')).toBeTruthy();
    expect(call).not.toHaveBeenCalled();
  });

  test('不同意 leaves only the documents to read, or leaving; the page stays hidden', async () => {
    render(<Page>内容</Page>);
    await screen.findByTestId('consent-gate');
    fireEvent.click(screen.getByText('不同意'));
    await screen.findByTestId('consent-declined');
    expect(screen.queryByText('内容')).toBeNull();
    // Declined, the documents can still be read, in place.
    fireEvent.click(screen.getByTestId('read-privacy'));
    expect(screen.getByTestId('policy-document').getAttribute('data-doc')).toBe('privacy');
    expect(screen.getByText('五、您的权利')).toBeTruthy();
    expect(call).not.toHaveBeenCalledWith('org', 'consent', expect.anything());
    fireEvent.click(screen.getByText('重新选择'));
    await screen.findByTestId('consent-gate');
  });

  test('agreed on the server (another phone) opens without asking; an earlier version asks again', async () => {
    agreed = { version: policyVersion, agreedAt: '2026-11-01T00:00:00.000Z' };
    render(<Page>内容</Page>);
    await screen.findByText('内容');
    Taro.removeStorageSync('hongling.consent');
    agreed = { version: '2025-01-01', agreedAt: '2025-01-01T00:00:00.000Z' };
    render(<Page>另一页</Page>);
    await screen.findByText('隐私政策已更新');
    expect(screen.queryByText('另一页')).toBeNull();
  });

  test('the policy page itself is never behind the gate', () => {
    render(
      <Page title="隐私政策和用户协议" consentFree>
        政策全文
      </Page>,
    );
    expect(screen.getByText('政策全文')).toBeTruthy();
    expect(call).not.toHaveBeenCalled();
  });
});
