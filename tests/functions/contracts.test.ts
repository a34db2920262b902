import { demoAccounts } from '../../local/demo-data';
import { contractActions } from '../support/actions';
import { createHarness, errorCode, type Harness } from '../support/harness';

/**
 * Every action of every contract, called by every demo account (and by nobody) with nothing and with
 * nonsense: no answer is INTERNAL, and every failure is one the action declares (the harness checks
 * each call against the contract, here and in every other function test).
 */
const nonsense = {
  problemId: 42,
  wishId: ['x'],
  activityId: '',
  token: '%%%',
  communityId: 'no-such-community',
  status: 'weird',
  limit: 1000,
  unitId: '',
  phone: '123',
  decision: 'maybe',
  serviceIds: 'all',
};

/** Well-formed ids of nothing: actions whose other fields have defaults reach their handlers with these. */
const unknownIds = Object.fromEntries(
  [
    'communityId',
    'gridId',
    'unitId',
    'orgId',
    'wishId',
    'problemId',
    'activityId',
    'reportId',
    'orderId',
    'itemId',
    'entryId',
    'postId',
    'attendanceId',
  ].map((k) => [k, 'nope']),
);

const actions = contractActions.map(([fn, action]) => [fn, action] as const);
const callers = [null, ...demoAccounts.map((a) => a.openid)];

describe('every action answers bad calls with a declared code, never INTERNAL', () => {
  let h: Harness;
  beforeAll(() => {
    h = createHarness();
  });

  test('the list covers every deployed contract', () => expect(actions.length).toBeGreaterThan(60));

  test.each(actions)('%s.%s', async (fn, action) => {
    for (const openid of callers) {
      for (const data of [undefined, {}, nonsense, unknownIds]) {
        const response = await h.call(fn, openid, action, data);
        if (errorCode(response) === 'INTERNAL')
          throw new Error(`${fn}.${action} as ${openid} with ${JSON.stringify(data)} answered INTERNAL`);
      }
    }
  });
});

/** Issue 12, defect 4: a forged paging cursor is bad input on every paged action, never INTERNAL. */
describe('forged cursors', () => {
  const forged = [
    'abc',
    'MQ',
    '%%%',
    Buffer.from('[{"a":1},{"b":2}]').toString('base64url'),
    Buffer.from('[1e999,"x"]').toString('base64url'),
    Buffer.from('{"a":1}').toString('base64url'),
    Buffer.from('["x"]').toString('base64url'),
  ];
  const paged = actions.filter(([fn, action]) => {
    const input = contractActions.find(([f, a]) => f === fn && a === action)?.[2].input;
    return !!input?.shape && 'cursor' in input.shape;
  });
  let h: Harness;
  beforeAll(() => {
    h = createHarness();
  });

  test('the paged actions are found', () => expect(paged.length).toBeGreaterThanOrEqual(20));

  test.each(paged)('%s.%s', async (fn, action) => {
    let refusedAsBadCursor = 0;
    for (const openid of callers) {
      for (const cursor of forged) {
        const response = await h.call(fn, openid, action, { cursor });
        if (errorCode(response) === 'INTERNAL')
          throw new Error(`${fn}.${action} as ${openid}: cursor ${cursor} → INTERNAL`);
        if (!response.ok && response.error.fields?.cursor) refusedAsBadCursor++;
      }
    }
    // Someone may page this action without other input; for them every forged cursor is named as the fault.
    if (refusedAsBadCursor > 0) expect(refusedAsBadCursor % forged.length).toBe(0);
  });
});
