import { beijingInstant } from '@shared/core/time';
import { feedbackDeadline } from '@shared/whistle/deadline';

/** Times are written in Beijing time; the deadline is compared as an instant. */
const at = (local: string) => beijingInstant(local.slice(0, 10), local.slice(11));

describe('feedback deadline: 72 hours', () => {
  test.each([
    ['2026-11-26T10:00:00', '2026-11-29T10:00:00'],
    ['2026-09-30T18:00:00', '2026-10-03T18:00:00'],
    ['2026-12-31T23:30:00', '2027-01-03T23:30:00'],
  ])('whistled %s → due %s', (from, due) =>
    expect(feedbackDeadline(at(from), { kind: 'hours', hours: 72 })).toEqual(at(due)),
  );
  test('another number of hours', () =>
    expect(feedbackDeadline(at('2026-11-26T10:00:00'), { kind: 'hours', hours: 24 })).toEqual(
      at('2026-11-27T10:00:00'),
    ));
});

describe('feedback deadline: 3 working days (official calendar)', () => {
  test.each([
    // An ordinary week: Thursday → the following Tuesday ends the 3rd working day (Fri, Mon, Tue).
    ['2026-11-26T10:00:00', '2026-12-02T00:00:00'],
    // Monday morning → Thursday 24:00.
    ['2026-11-23T09:00:00', '2026-11-27T00:00:00'],
    // Friday late → Mon, Tue, Wed.
    ['2026-11-27T23:59:00', '2026-12-03T00:00:00'],
    // Saturday → Mon, Tue, Wed.
    ['2026-11-28T10:00:00', '2026-12-03T00:00:00'],
    // National Day 2026 (1–7 October off, Saturday 10 October worked): 30 Sept → 8, 9, 10 October.
    ['2026-09-30T15:00:00', '2026-10-11T00:00:00'],
    // During the holiday → the same three days.
    ['2026-10-03T11:00:00', '2026-10-11T00:00:00'],
    // Spring Festival 2026 (15–23 February off, Saturday 14 and Saturday 28 February worked).
    ['2026-02-13T16:00:00', '2026-02-26T00:00:00'],
    ['2026-02-14T10:00:00', '2026-02-27T00:00:00'],
    ['2026-02-26T10:00:00', '2026-03-03T00:00:00'],
    // National Day 2025 (1–8 October off; Sunday 28 September and Saturday 11 October worked).
    ['2025-09-26T10:00:00', '2025-10-01T00:00:00'],
    ['2025-09-30T10:00:00', '2025-10-12T00:00:00'],
  ])('whistled %s → due %s', (from, due) =>
    expect(feedbackDeadline(at(from), { kind: 'workdays', days: 3 })).toEqual(at(due)),
  );

  test('one working day after a Friday whistle is Monday', () => {
    expect(feedbackDeadline(at('2026-11-27T10:00:00'), { kind: 'workdays', days: 1 })).toEqual(
      at('2026-12-01T00:00:00'),
    );
  });
});
