import { act, fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import Mine from '../../miniprogram/pages/mine/index';

jest.mock('../../miniprogram/api/call', () => ({
  ...jest.requireActual('../../miniprogram/api/call'),
  call: jest.fn(),
}));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { call } = require('../../miniprogram/api/call') as { call: jest.Mock };

type Grant = { role: string; scopeId: string; scopeName: string | null };
const report = {
  id: 'r1',
  status: 'approved',
  communityName: '华中社区',
  gridName: '第一网格',
  unitName: '01栋1单元',
  orgName: '区财政局机关党支部',
  submittedAt: '2026-09-03T02:00:00.000Z',
  reviewedAt: '2026-09-03T02:00:00.000Z',
  reason: null,
};

function answer(grants: Grant[], reports: unknown[], communityName: string | null = null) {
  call.mockImplementation(async (_fn: string, action: string) => {
    if (action === 'me') return { openid: 'o1', name: '王秀英', communityId: null, communityName, grants };
    if (action === 'myReports') return { items: reports };
    throw new Error(`unexpected ${action}`);
  });
}

describe('我的 shows each role’s true state', () => {
  test('a resident is not told about 报到', async () => {
    answer([], []);
    render(<Mine />);
    await screen.findByText('王秀英');
    await act(async () => undefined);
    expect(screen.getByTestId('my-roles').textContent).toContain('居民');
    expect(screen.queryByText(/报到/)).toBeNull();
  });

  test('an official sees each role with its scope, and nothing about 报到', async () => {
    answer(
      [
        { role: 'stationAdmin', scopeId: 'c1', scopeName: '华中社区' },
        { role: 'department', scopeId: 'd1', scopeName: '区城管局' },
      ],
      [],
    );
    render(<Mine />);
    await screen.findByText('王秀英');
    await act(async () => undefined);
    const roles = screen.getAllByTestId('role').map((r) => r.textContent);
    expect(roles).toEqual(['社区红领工作站华中社区', '职能部门区城管局']);
    expect(screen.queryByText(/尚未在社区报到/)).toBeNull();
    expect(screen.queryByText('我的报到')).toBeNull();
  });

  test('a member sees where they reported, and their 报到 records', async () => {
    answer([{ role: 'member', scopeId: 'o1', scopeName: null }], [report], '华中社区');
    render(<Mine />);
    await screen.findByText('已报到：华中社区');
    expect(await screen.findByTestId('my-report')).toBeTruthy();
  });

  test('someone whose 报到 waits for review (no member grant yet) sees it', async () => {
    answer([], [{ ...report, status: 'pending', reviewedAt: null }]);
    render(<Mine />);
    await screen.findByText('报到待审核：华中社区');
  });
});

describe('大字版', () => {
  test('the switch in 我的 puts every page in elder mode and is kept on the device', async () => {
    answer([], []);
    render(<Mine />);
    await screen.findByText('王秀英');
    const root = () => document.querySelector('.page') as HTMLElement;
    expect(root().className).not.toContain('elder');
    fireEvent.click(screen.getByLabelText('大字版'));
    expect(root().className).toContain('elder');
    expect(Taro.getStorageSync('hongling.elder')).toBe('on');
    fireEvent.click(screen.getByLabelText('大字版'));
    expect(root().className).not.toContain('elder');
    expect(Taro.getStorageSync('hongling.elder')).toBe('off');
  });

  test.each([
    [20, true],
    [17, false],
  ])('in the mini-program, a system font size of %i px turns it on by itself: %s', (size, on) => {
    const env = process.env.TARO_ENV;
    process.env.TARO_ENV = 'weapp';
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const taro = require('@tarojs/taro').default as {
        getSystemInfoSync: () => unknown;
        removeStorageSync: (k: string) => void;
      };
      taro.removeStorageSync('hongling.elder');
      const spy = jest.spyOn(taro, 'getSystemInfoSync').mockReturnValue({ fontSizeSetting: size });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { isElder } = require('../../miniprogram/hooks/elder') as { isElder: () => boolean };
      expect(isElder()).toBe(on);
      spy.mockRestore();
    });
    process.env.TARO_ENV = env;
  });
});
