import { render, screen, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import Shop from '../../miniprogram/pages/points/shop/index';

jest.mock('../../miniprogram/api/call', () => ({
  ...jest.requireActual('../../miniprogram/api/call'),
  call: jest.fn(),
}));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { call } = require('../../miniprogram/api/call') as { call: jest.Mock };

const item = (id: string, name: string, price: number) => ({
  id,
  name,
  description: '',
  price,
  stock: 10,
  perMemberLimit: 1,
  active: true,
});

function answer(balance: number) {
  call.mockImplementation(async (_fn: string, action: string) => {
    if (action === 'me')
      return {
        openid: 'o1',
        name: '张明',
        communityId: 'c1',
        communityName: '华中社区',
        grants: [{ role: 'member', scopeId: 'o1', scopeName: null }],
      };
    if (action === 'myPoints') return { balance, items: [], next: null };
    if (action === 'listItems') return { items: [item('i1', '洗衣液', 80), item('i2', '环保购物袋', 20)], next: null };
    throw new Error(`unexpected ${action}`);
  });
}

const button = (name: string) =>
  within(screen.getByText(name).closest('[data-testid="item"]') as HTMLElement).getByRole('button');

describe('the points shop', () => {
  beforeEach(() => jest.clearAllMocks());

  test('shows the balance, and an item the member cannot afford says 积分不足 before any confirm', async () => {
    answer(20);
    render(<Shop />);
    await screen.findByText('还差 60 积分');
    expect(screen.getByTestId('shop-balance').textContent).toContain('20');
    expect(screen.getByTestId('shop-balance').textContent).toContain('可兑换 1 种');
    expect(button('洗衣液').textContent).toBe('积分不足');
    expect((button('洗衣液') as HTMLButtonElement).disabled).toBe(true);
    expect(button('环保购物袋').textContent).toBe('兑换');
    expect((button('环保购物袋') as HTMLButtonElement).disabled).toBe(false);
    button('洗衣液').click();
    expect(Taro.showModal).not.toHaveBeenCalled();
  });
});
