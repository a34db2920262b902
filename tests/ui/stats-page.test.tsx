import { render, screen } from '@testing-library/react';
import { beijing } from '@shared/core/time';
import ProblemStats from '../../miniprogram/pages/whistle/stats/index';

jest.mock('../../miniprogram/api/call', () => ({
  ...jest.requireActual('../../miniprogram/api/call'),
  call: jest.fn(async () => ({ month: '2026-11', departments: [], communities: [] })),
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
