import { fireEvent, render, screen } from '@testing-library/react';
import { beijing } from '@shared/core/time';
import ProblemStats from '../../miniprogram/pages/whistle/stats/index';

jest.mock('../../miniprogram/api/call', () => ({
  ...jest.requireActual('../../miniprogram/api/call'),
  call: jest.fn(async () => ({
    month: '2026-11',
    departments: [],
    communities: [],
    months: ['2026-10', '2026-11'].map((month, i) => ({ month, whistled: 4 + i, respondedOnTime: 3, resolved: 2 + i })),
  })),
}));

describe('the district’s statistics', () => {
  test('the month picker offers the months that exist, up to this month (not 2999)', async () => {
    render(<ProblemStats />);
    await screen.findByText('本月没有吹哨');
    const picker = document.querySelector('[data-picker]') as HTMLElement;
    expect(picker.dataset.fields).toBe('month');
    expect(picker.dataset.start).toBe('2025-01-01');
    expect(picker.dataset.end).toBe(beijing(new Date().toISOString(), 'YYYY-MM-DD'));
  });
});

test('the district’s twelve months: one figure at a time, a bar and its count per month', async () => {
  render(<ProblemStats />);
  await screen.findByText('全区近12个月');
  const counts = () =>
    Array.from(document.querySelectorAll('[data-testid="trend-month"] .ws-count')).map((el) => el.textContent);
  expect(counts()).toEqual(['4', '5']);
  fireEvent.click(screen.getByText('解决'));
  expect(counts()).toEqual(['2', '3']);
});
