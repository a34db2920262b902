import { performance } from 'node:perf_hooks';
import { sequentialDepth } from '../../scripts/bench-rtt';
import { CloudbaseFake, sdkDatabase } from './support/cloudbase-fake';

/** The bench's round-trip figures rest on the fake's injected delay and on counting the chain of requests. */
const fake = new CloudbaseFake();
beforeAll(() => fake.install());
afterAll(() => fake.uninstall());
beforeEach(() => {
  fake.reset();
  fake.load('items', [
    { _id: 'a', n: 1 },
    { _id: 'b', n: 2 },
  ]);
});

test('by default the fake answers at once and records no timings', async () => {
  const db = sdkDatabase();
  await db.collection('items').doc('a').get();
  expect(fake.rtt).toBe(0);
  expect(fake.requests[0]).not.toHaveProperty('sentAt');
});

test('with rtt set, each request takes the round trip; requests in flight together overlap', async () => {
  const db = sdkDatabase();
  fake.rtt = 100;
  const t0 = performance.now();
  await db.collection('items').doc('a').get();
  await Promise.all([db.collection('items').doc('a').get(), db.collection('items').doc('b').get()]);
  const elapsed = performance.now() - t0;
  expect(elapsed).toBeGreaterThanOrEqual(200);
  const intervals = fake.requests.map((r) => ({ sentAt: r.sentAt ?? NaN, answeredAt: r.answeredAt ?? NaN }));
  for (const x of intervals) expect(x.answeredAt - x.sentAt).toBeGreaterThanOrEqual(99);
  // The two sent together were in flight at the same time (the recorded times, not the wall clock, which a
  // loaded machine stretches: an upper bound on `elapsed` failed once at 294 ms against 290).
  const [, b, c] = intervals as [
    unknown,
    { sentAt: number; answeredAt: number },
    { sentAt: number; answeredAt: number },
  ];
  expect(b.sentAt < c.answeredAt && c.sentAt < b.answeredAt).toBe(true);
  expect(sequentialDepth(intervals)).toBe(2);
  expect(fake.reset().rtt).toBe(0);
});

test.each([
  ['nothing', [], 0],
  ['one', [[0, 10]], 1],
  [
    'two at once',
    [
      [0, 10],
      [1, 11],
    ],
    1,
  ],
  [
    'one after the other',
    [
      [0, 10],
      [10, 20],
    ],
    2,
  ],
  [
    'a chain beside a long one',
    [
      [0, 10],
      [10, 20],
      [20, 30],
      [0, 35],
    ],
    3,
  ],
  [
    'a fan-out after one',
    [
      [0, 10],
      [11, 21],
      [11, 22],
      [11, 23],
      [24, 30],
    ],
    3,
  ],
] as const)('sequential depth: %s', (_, spans, depth) => {
  expect(sequentialDepth(spans.map(([sentAt, answeredAt]) => ({ sentAt, answeredAt })))).toBe(depth);
});
