import { activityPhase } from '@shared/checkin/activity.rules';
import {
  checkInOpen,
  checkOutOpen,
  distanceMetres,
  halfYearRecord,
  rotatingSlotValid,
  servedHours,
} from '@shared/checkin/activity.rules';

const window = { startAt: '2026-11-25T01:00:00.000Z', endAt: '2026-11-25T03:00:00.000Z' };

describe('activity rules', () => {
  test.each([
    ['2026-11-25T00:29:59.000Z', 'early'],
    ['2026-11-25T00:30:00.000Z', 'open'],
    ['2026-11-25T02:59:59.000Z', 'open'],
    ['2026-11-25T03:00:00.000Z', 'open'],
    ['2026-11-25T03:00:01.000Z', 'ended'],
  ])('check-in at %s is %s', (at, expected) => expect(checkInOpen(window, new Date(at))).toBe(expected));

  test.each([
    ['2026-11-25T05:00:00.000Z', true],
    ['2026-11-25T05:00:01.000Z', false],
  ])('check-out by scan at %s open: %s', (at, expected) => expect(checkOutOpen(window, new Date(at))).toBe(expected));

  test.each([
    [0, 0],
    [14, 0],
    [15, 0.5],
    [44, 0.5],
    [45, 1],
    [90, 1.5],
    [125, 2],
    [135, 2.5],
    [-10, 0],
  ])('%i minutes serve %f hours (nearest half hour)', (minutes, hours) => {
    const start = '2026-11-25T01:00:00.000Z';
    expect(servedHours(start, new Date(Date.parse(start) + minutes * 60_000).toISOString())).toBe(hours);
  });

  test.each([
    [0, true],
    [1, true],
    [2, true],
    [3, false],
    [-1, false],
  ])('a rotating code %i minutes old is valid: %s', (age, ok) => {
    const now = new Date('2026-11-25T01:00:30.000Z');
    expect(rotatingSlotValid(Math.floor(now.getTime() / 60_000) - age, now)).toBe(ok);
  });

  test.each([
    [{ lat: 30.5087, lng: 117.0436 }, { lat: 30.5087, lng: 117.0436 }, 0],
    [{ lat: 30.5087, lng: 117.0436 }, { lat: 30.5187, lng: 117.0436 }, 1112],
    [{ lat: 30.5087, lng: 117.0436 }, { lat: 30.5087, lng: 117.0536 }, 958],
  ])('distance %j → %j ≈ %i m', (a, b, metres) => expect(Math.round(distanceMetres(a, b))).toBe(metres));

  test.each([
    [{ services: 1, claims: 1 }, true, 0],
    [{ services: 0, claims: 3 }, false, 1],
    [{ services: 2, claims: 0 }, false, 1],
    [{ services: 0, claims: 0 }, false, 2],
  ])('half-year counts %j met: %s, missing %i', (counts, met, missing) => {
    const record = halfYearRecord(counts);
    expect(record.met).toBe(met);
    expect(record.missing).toHaveLength(missing);
  });
});

/** Issue 12, defect 10: what an activity shows comes from the clock, not only from whether it was closed. */
describe('activityPhase', () => {
  const a = { status: 'open' as const, startAt: '2026-11-27T01:00:00.000Z', endAt: '2026-11-27T03:00:00.000Z' };
  test.each([
    ['2026-11-27T00:59:59.000Z', 'upcoming'],
    ['2026-11-27T01:00:00.000Z', 'ongoing'],
    ['2026-11-27T03:00:00.000Z', 'ongoing'],
    ['2026-11-27T03:00:01.000Z', 'ended'],
    ['2026-11-27T05:34:00.000Z', 'ended'],
  ])('open, at %s: %s', (now, phase) => expect(activityPhase(a, new Date(now))).toBe(phase));
  test('closed is closed at any time', () => {
    expect(activityPhase({ ...a, status: 'closed' }, new Date('2026-11-27T02:00:00.000Z'))).toBe('closed');
  });
});
