import fc from 'fast-check';
import { functions } from '../../cloudfunctions/deployed';
import { collections } from '../../cloudfunctions/deployed/storage';
import { demoAccounts } from '../../local/demo-data';
import { contractActions, type ActionDecl } from '../support/actions';
import { createHarness, errorCode, ok, type Harness } from '../support/harness';

/**
 * Issue 12's suite, generated from the contracts so a new action is covered the day it is declared:
 * every action × every role (refused where the contract refuses, changing nothing), property-based bad
 * input (never INTERNAL, never a change on a refused call), and identity injection.
 */
type Def = ActionDecl;
const actions = contractActions;

function mayCall(def: Def, openid: string): boolean {
  const account = demoAccounts.find((a) => a.openid === openid);
  return def.roles.includes('resident') || !!account?.grants.some((g) => def.roles.includes(g.role));
}

/** Every document of every collection: a refused call must leave this exactly as it was. */
function everything(h: Harness): string {
  return JSON.stringify(collections.map((c) => h.store.dump(c)));
}

describe('every action × every role', () => {
  let h: Harness;
  beforeAll(() => {
    h = createHarness();
  });

  test.each(actions.map(([fn, action, def]) => [fn, action, def] as const))('%s.%s', async (fn, action, def) => {
    const before = everything(h);
    expect(errorCode(await h.call(fn, null, action, {}))).toBe('AUTH.UNAUTHENTICATED');
    for (const account of demoAccounts) {
      if (mayCall(def, account.openid)) continue;
      expect(errorCode(await h.call(fn, account.openid, action, {}))).toBe('AUTH.FORBIDDEN');
    }
    expect(everything(h)).toBe(before);
  });
});

/** Values an attacker sends where an id, a string, a number or an object is expected. */
const nasty = fc.oneof(
  fc.constantFrom(
    { $ne: null },
    { $gt: '' },
    { $in: ['demo-member'] },
    JSON.parse('{"__proto__": {"admin": true}}'),
    { constructor: { prototype: { admin: true } } },
    NaN,
    Infinity,
    -1,
    1e308,
    -0,
    '2026-02-30T25:61:00Z',
    '\u202e\u0000\u0007控制',
    'x'.repeat(1_000_000),
    [[[[[[[[[[['deep']]]]]]]]]]],
    '../../etc/passwd',
    '<script>alert(1)</script>',
    'MQ',
  ),
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ maxLength: 40 }),
);
const fieldNames = [
  'wishId',
  'problemId',
  'activityId',
  'reportId',
  'orderId',
  'itemId',
  'entryId',
  'postId',
  'attendanceId',
  'communityId',
  'gridId',
  'unitId',
  'orgId',
  'token',
  'cursor',
  'limit',
  'status',
  'decision',
  'reason',
  'note',
  'phone',
  'name',
  'title',
  'description',
  'category',
  'date',
  'hours',
  'points',
  'serviceIds',
  'departments',
  'checkOutAt',
  'startAt',
  'endAt',
  'capacity',
  'price',
  'stock',
  'requestId',
  'photo',
  'photos',
  'month',
  'open',
  '__proto__',
  'constructor',
  'OPENID',
  'openid',
  '_openid',
];
const worst: unknown[] = [
  { $ne: null },
  JSON.parse('{"__proto__": {"admin": true}}'),
  'x'.repeat(1_000_000),
  NaN,
  1e308,
  '\u202e\u0000控制',
  [[[[[[[[[[['deep']]]]]]]]]]],
];
const payload = fc.oneof(fc.dictionary(fc.constantFrom(...fieldNames), nasty, { maxKeys: 6 }), nasty);

describe('bad input, generated: never INTERNAL, and a refused call changes nothing', () => {
  let h: Harness;
  let calls = 0;
  beforeAll(() => {
    h = createHarness();
  });
  afterAll(() => expect(calls).toBeGreaterThanOrEqual(actions.length * (12 + worst.length)));

  test.each(actions.map(([fn, action, def]) => [fn, action, def] as const))('%s.%s', async (fn, action, def) => {
    const caller = demoAccounts.find((a) => mayCall(def, a.openid))?.openid ?? 'demo-resident';
    await fc.assert(
      fc.asyncProperty(payload, async (data) => {
        const before = everything(h);
        const response = await h.call(fn, caller, action, data);
        calls++;
        if (errorCode(response) === 'INTERNAL') throw new Error(`INTERNAL for ${JSON.stringify(data)?.slice(0, 200)}`);
        if (!response.ok && everything(h) !== before)
          throw new Error(`refused call changed the store: ${response.error.code}`);
      }),
      // Every field set to each of the worst values once, then generated ones.
      {
        numRuns: 12 + worst.length,
        seed: 20261127,
        examples: worst.map((v) => [Object.fromEntries(fieldNames.map((f) => [f, v]))] as [unknown]),
      },
    );
  });
});

describe('identity comes from the platform, never from the event or its data', () => {
  const h = createHarness();
  const org = functions.org(() => h.runtime);
  const injections = [
    { OPENID: 'demo-district' },
    { openid: 'demo-district' },
    { _openid: 'demo-district' },
    { userInfo: { openId: 'demo-district', appId: 'x' } },
    { WX_OPENID: 'demo-district' },
  ];

  test.each(injections)('%j in the event or its data does not change the caller', async (injection) => {
    const asMember = await org({ action: 'me', data: injection, ...injection } as never, { OPENID: 'demo-member' });
    expect(ok(asMember).openid).toBe('demo-member');
    const anonymous = await org({ action: 'me', data: injection, ...injection } as never, {});
    expect(errorCode(anonymous)).toBe('AUTH.UNAUTHENTICATED');
  });
});
