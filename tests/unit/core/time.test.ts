import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { beijing, beijingDate, beijingDeadline, beijingInstant, beijingMonth } from '@shared/core/time';

describe('Beijing time (hand-worked against UTC)', () => {
  test.each([
    ['2026-11-26T15:59:59.000Z', '2026-11-26'],
    ['2026-11-26T16:00:00.000Z', '2026-11-27'],
    ['2026-12-31T16:00:00.000Z', '2027-01-01'],
  ])('%s is on %s in Beijing', (utc, date) => expect(beijingDate(new Date(utc))).toBe(date));

  test.each([
    ['2026-11-27', '00:00', '2026-11-26T16:00:00.000Z'],
    ['2026-11-27', '12:00', '2026-11-27T04:00:00.000Z'],
    ['2027-01-01', '07:59:30', '2026-12-31T23:59:30.000Z'],
  ])('%s %s Beijing is %s', (date, time, utc) => expect(beijingInstant(date, time).toISOString()).toBe(utc));

  test.each([
    ['2026-11', '2026-10-31T16:00:00.000Z', '2026-11-30T16:00:00.000Z'],
    ['2026-12', '2026-11-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z'],
    ['2027-02', '2027-01-31T16:00:00.000Z', '2027-02-28T16:00:00.000Z'],
  ])('the month %s runs [%s, %s)', (month, start, end) => expect(beijingMonth(month)).toEqual({ start, end }));

  test('shown to people in Beijing time', () => {
    expect(beijing('2026-11-26T16:30:00.000Z')).toBe('2026-11-27 00:30');
    expect(beijing(null)).toBe('');
  });
});

/** Every file outside the time module: no hand-written UTC+8 offset. */
describe('one home for Beijing time', () => {
  const root = resolve(__dirname, '../../..');
  const home = join(root, 'shared/src/core/time.ts');
  const offset = ['+08', ':00'].join('');
  const patterns = [
    new RegExp(`\\${offset}`),
    /8\s*\*\s*3600/,
    /8\s*\*\s*60\s*\*\s*60/,
    /utcOffset\(\s*(8|480)\b/,
    /28[_]?800/,
  ];
  function files(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return files(path);
      return /\.(ts|tsx)$/.test(name) ? [path] : [];
    });
  }
  const sources = ['shared', 'cloudfunctions', 'miniprogram', 'local', 'scripts', 'tests'].flatMap((d) =>
    files(join(root, d)),
  );

  test('the scan sees the sources', () => expect(sources.length).toBeGreaterThan(100));
  test.each(patterns.map((p) => [p.source]))('no %s outside shared/src/core/time.ts', (source) => {
    const pattern = new RegExp(source);
    const found = sources
      .filter((f) => f !== home && pattern.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f));
    expect(found).toEqual([]);
  });
});

describe('beijingDeadline', () => {
  test('a deadline at midnight reads as the end of the day before; any other time as it is', () => {
    expect(beijingDeadline('2026-12-04T16:00:00.000Z')).toBe('2026-12-04 24:00');
    expect(beijingDeadline('2026-12-04T06:30:00.000Z')).toBe('2026-12-04 14:30');
    expect(beijingDeadline('2026-12-31T16:00:00.000Z')).toBe('2026-12-31 24:00');
  });
});
