import { CLOSE_CONFIRMATION } from '@shared/org/account.contract';
import { policyVersion } from '@shared/org/policy';
import { verifyBalances } from '../../../cloudfunctions/points/ledger';
import { collections } from '../../../cloudfunctions/deployed/storage';
import { invariantProblems } from '../../support/invariants';
import { heldAnywhere } from '../../support/privacy-scan';
import {
  activityInput,
  createHarness,
  errorCode,
  ok,
  problemInput,
  validReport,
  wishInput,
  type Harness,
} from '../../support/harness';

/**
 * Issue 15, part 7: personal data rights. Consent to the privacy policy (versioned, recorded, audited),
 * 我的数据 (everything held about the caller, nobody else's), and 注销 (personal fields erased everywhere,
 * what others rely on kept under a pseudonym, every balance and statistic unchanged, twice = once).
 */
const GONE = 'wx-gone-person';
const NAME = '钱多多';
const PHONE = '13955550001';
const confirm = { confirm: CLOSE_CONFIRMATION };

function everything(h: Harness): string {
  return JSON.stringify(collections.map((c) => h.store.dump(c)));
}

/** Every string value anywhere in every collection holding one of `needles`, with the collection and field path. */
function held(h: Harness, ...needles: string[]) {
  return heldAnywhere(h.store, collections, needles);
}

describe('consent to the privacy policy', () => {
  const h = createHarness();

  test('first use: nothing agreed; agreeing records the version and time, audited; again changes nothing', async () => {
    expect(ok(await h.call('org', 'wx-first', 'consentState', {}))).toEqual({
      current: policyVersion,
      agreed: null,
      upToDate: false,
    });
    const agreed = ok(await h.call('org', 'wx-first', 'consent', { version: policyVersion }));
    expect(agreed).toEqual({
      current: policyVersion,
      agreed: { version: policyVersion, agreedAt: '2026-11-26T02:00:00.000Z' },
      upToDate: true,
    });
    expect(h.store.dump('audit').filter((a) => a.action === 'account.consent')).toEqual([
      expect.objectContaining({
        actor: 'wx-first',
        entityId: 'wx-first',
        after: expect.objectContaining({ version: policyVersion }),
      }),
    ]);
    const before = everything(h);
    h.clock.advance(3600_000);
    expect(ok(await h.call('org', 'wx-first', 'consent', { version: policyVersion })).agreed.agreedAt).toBe(
      '2026-11-26T02:00:00.000Z',
    );
    expect(everything(h)).toBe(before);
    expect(ok(await h.call('org', 'wx-first', 'consentState', {})).upToDate).toBe(true);
  });

  test('a retry after a lost answer: the consent once, its audit record once (written if the first call left it out)', async () => {
    // The consent is written, then the request fails before its audit record.
    const insert = h.store.insert.bind(h.store);
    const write = jest.spyOn(h.store, 'insert').mockImplementation(async (collection, doc) => {
      if (collection === 'audit') throw new Error('connection reset');
      return insert(collection, doc);
    });
    expect(errorCode(await h.call('org', 'wx-retry', 'consent', { version: policyVersion }))).toBe('INTERNAL');
    write.mockRestore();
    expect(h.store.dump('consents').filter((c) => c._id === 'wx-retry')).toHaveLength(1);
    expect(h.store.dump('audit').filter((a) => a.actor === 'wx-retry')).toHaveLength(0);
    ok(await h.call('org', 'wx-retry', 'consent', { version: policyVersion }));
    ok(await h.call('org', 'wx-retry', 'consent', { version: policyVersion }));
    expect(h.store.dump('audit').filter((a) => a.actor === 'wx-retry' && a.action === 'account.consent')).toHaveLength(
      1,
    );
  });

  test('an older version, or none, is refused and recorded nowhere', async () => {
    const before = everything(h);
    expect(errorCode(await h.call('org', 'wx-old', 'consent', { version: '2020-01-01' }))).toBe(
      'ACCOUNT.POLICY_CHANGED',
    );
    expect(errorCode(await h.call('org', 'wx-old', 'consent', {}))).toBe('INPUT.INVALID');
    expect(everything(h)).toBe(before);
  });

  test('a new version asks again: consent to an earlier one is not up to date', async () => {
    h.store.insertMany('consents', [
      { _id: 'wx-earlier', version: '2025-01-01', agreedAt: '2025-01-01T00:00:00.000Z' },
    ]);
    expect(ok(await h.call('org', 'wx-earlier', 'consentState', {}))).toMatchObject({
      agreed: { version: '2025-01-01' },
      upToDate: false,
    });
    ok(await h.call('org', 'wx-earlier', 'consent', { version: policyVersion }));
    const audit = h.store.dump('audit').find((a) => a.action === 'account.consent' && a.actor === 'wx-earlier');
    expect(audit).toMatchObject({ before: { version: '2025-01-01' }, after: { version: policyVersion } });
  });
});

/** The person to close: a member who reported, posted wishes, claimed one, served, redeemed and reported a problem. */
async function livedIn(
  h: Harness,
): Promise<{ ownWish: string; openWish: string; claimed: string; problem: string; photos: string[] }> {
  const photos = [h.upload(GONE), h.upload(GONE), h.upload(GONE)];
  ok(await h.call('org', GONE, 'consent', { version: policyVersion }));
  const reportId = ok(
    await h.call('checkin', GONE, 'submitReport', {
      token: h.token('huazhong'),
      name: NAME,
      phone: PHONE,
      orgId: 'org1',
      unitId: 'huazhongg1u1',
    }),
  ).report.id;
  ok(await h.call('checkin', 'demo-station', 'reviewReport', { reportId, decision: 'approve' }));
  // A wish of theirs, with their photo, claimed, fulfilled and confirmed (a member's service record).
  const ownWish = ok(
    await h.call('wish', GONE, 'postWish', { ...wishInput, phone: PHONE, phoneConsent: true, photo: photos[0] }),
  ).wish.id;
  ok(await h.call('wish', 'demo-station', 'reviewWish', { wishId: ownWish, decision: 'approve' }));
  ok(await h.call('wish', 'demo-member', 'claimWish', { wishId: ownWish }));
  ok(await h.call('wish', 'demo-member', 'fulfilWish', { wishId: ownWish, note: '已修好' }));
  ok(await h.call('wish', GONE, 'confirmWish', { wishId: ownWish, fulfilled: true }));
  ok(await h.call('wish', GONE, 'thankWish', { wishId: ownWish, thanks: `谢谢，${NAME}` }));
  // A wish of theirs still open: cancelled by the closing.
  const openWish = ok(await h.call('wish', GONE, 'postWish', { ...wishInput, title: '想借一把梯子', phone: PHONE }))
    .wish.id;
  ok(await h.call('wish', 'demo-station', 'reviewWish', { wishId: openWish, decision: 'approve' }));
  // A neighbour's wish they claimed and fulfilled: their service record, confirmed, with points.
  const claimed = ok(await h.call('wish', 'demo-resident', 'postWish', wishInput)).wish.id;
  ok(await h.call('wish', 'demo-station', 'reviewWish', { wishId: claimed, decision: 'approve' }));
  ok(await h.call('wish', GONE, 'claimWish', { wishId: claimed }));
  ok(await h.call('wish', GONE, 'fulfilWish', { wishId: claimed, note: '换好了', photo: photos[1] }));
  ok(await h.call('wish', 'demo-resident', 'confirmWish', { wishId: claimed, fulfilled: true }));
  const own = ok(
    await h.call('points', GONE, 'logService', {
      description: '楼道清洁',
      unitId: 'huazhongg1u1',
      date: '2026-11-25',
      hours: 3,
    }),
  ).service.id;
  const pending = ok(await h.call('points', 'demo-unitleader', 'pendingServices', {})).items.map(
    (s: { id: string }) => s.id,
  );
  expect(pending).toContain(own);
  ok(await h.call('points', 'demo-unitleader', 'reviewServices', { serviceIds: pending, decision: 'confirm' }));
  const { order } = ok(await h.call('points', GONE, 'redeem', { itemId: 'demoitem01', requestId: 'req-gone-0001' }));
  ok(await h.call('points', 'demo-station', 'handOver', { pickupCode: order.pickupCode }));
  const problem = ok(
    await h.call('report', GONE, 'submitProblem', { ...problemInput, phone: PHONE, photos: [photos[2]] }),
  ).problem.id;
  ok(
    await h.call('report', 'demo-station', 'triage', {
      problemId: problem,
      action: 'whistle',
      departments: ['dept1'],
      leadDepartment: 'dept1',
      shareIdentity: true,
    }),
  );
  // They also met a neighbour's problem (我也遇到).
  const neighbours = ok(await h.call('report', 'demo-resident', 'submitProblem', problemInput)).problem.id;
  ok(await h.call('report', GONE, 'meToo', { problemId: neighbours }));
  return { ownWish, openWish, claimed, problem, photos };
}

/** What the community's and the district's figures say (must not move when a person goes). */
async function figures(h: Harness) {
  return {
    points: ok(await h.call('points', 'demo-station', 'pointsSettings', {})),
    problems: ok(await h.call('report', 'demo-district', 'problemStats', { month: '2026-11' })),
    memberBalance: ok(await h.call('org', 'demo-member', 'myData', {})).balance,
    balances: await verifyBalances({ store: h.store }),
  };
}

describe('我的数据: everything held about the caller, and only the caller', () => {
  const h = createHarness();
  let ids: Awaited<ReturnType<typeof livedIn>>;
  beforeAll(async () => {
    ids = await livedIn(h);
  });

  test('one call: person, roles, consent, balance, messages and each list', async () => {
    const data = ok(await h.call('org', GONE, 'myData', {}));
    expect(data.person).toEqual({
      name: NAME,
      phone: PHONE,
      community: '华中社区',
      unit: expect.stringContaining('1单元'),
      org: expect.any(String),
      since: '2026-11-26T02:00:00.000Z',
    });
    expect(data.roles).toEqual([{ role: 'member', scopeName: '华中社区' }]);
    expect(data.consent).toEqual({ version: policyVersion, agreedAt: '2026-11-26T02:00:00.000Z' });
    expect(data.balance).toBe(30 + 10 - 20);
    expect(data.messages.total).toBeGreaterThan(0);
    const titles = (l: string) => data.lists[l].items.map((i: { id: string }) => i.id);
    expect(titles('reports')).toEqual([`huazhong~${GONE}`]);
    expect(titles('wishes').sort()).toEqual([ids.ownWish, ids.openWish].sort());
    expect(titles('claims')).toEqual([ids.claimed]);
    expect(titles('problems')).toEqual([ids.problem]);
    expect(data.lists.services.items).toHaveLength(2);
    expect(data.lists.ledger.items.map((i: { status: string }) => i.status).sort()).toEqual(['+10', '+30', '-20']);
    expect(data.lists.orders.items).toEqual([expect.objectContaining({ title: '环保购物袋', status: '已领取' })]);
    expect(data.lists.reports.items[0].lines.join()).toContain(PHONE);
  });

  test("never another person's: a neighbour's wish they claimed shows no contact; another sees none of theirs", async () => {
    const mine = JSON.stringify(ok(await h.call('org', GONE, 'myData', {})));
    expect(mine).not.toContain(wishInput.phone);
    expect(mine).not.toContain('王秀英');
    const member = JSON.stringify(ok(await h.call('org', 'demo-member', 'myData', {})));
    // The member sees the thanks they were given (which names the resident, as the resident wrote it), not her number.
    expect(member).not.toContain(PHONE);
    expect(member).not.toContain(ids.problem);
    const stranger = ok(await h.call('org', 'wx-stranger', 'myData', {}));
    expect(stranger.person).toBeNull();
    for (const page of Object.values(stranger.lists) as Array<{ items: unknown[] }>) expect(page.items).toEqual([]);
  });

  test('a long list pages on its own', async () => {
    for (let i = 0; i < 12; i++)
      ok(await h.call('report', 'wx-pager', 'submitProblem', { ...problemInput, description: `楼道灯不亮了第${i}次` }));
    const first = ok(await h.call('org', 'wx-pager', 'myData', {})).lists.problems;
    expect(first.items).toHaveLength(10);
    expect(first.next).toEqual(expect.any(String));
    const rest = ok(await h.call('org', 'wx-pager', 'myData', { list: 'problems', cursor: first.next }));
    expect(Object.keys(rest.lists)).toEqual(['problems']);
    expect(rest.lists.problems.items).toHaveLength(2);
    expect(rest.lists.problems.next).toBeNull();
    const all = [...first.items, ...rest.lists.problems.items].map((i: { id: string }) => i.id);
    expect(new Set(all).size).toBe(12);
  });
});

describe('注销', () => {
  let h: Harness;
  let ids: Awaited<ReturnType<typeof livedIn>>;
  beforeEach(async () => {
    h = createHarness();
    ids = await livedIn(h);
  });

  test('needs the typed confirmation: an empty or a wrong one closes nothing', async () => {
    const before = everything(h);
    expect(errorCode(await h.call('org', GONE, 'closeAccount', {}))).toBe('INPUT.INVALID');
    expect(errorCode(await h.call('org', GONE, 'closeAccount', { confirm: true }))).toBe('INPUT.INVALID');
    expect(errorCode(await h.call('org', GONE, 'closeAccount', { confirm: '注销' }))).toBe('INPUT.INVALID');
    expect(everything(h)).toBe(before);
  });

  test('refused, saying what to do first, while others depend on them; nothing changes', async () => {
    const station = await h.call('org', 'demo-station', 'closeAccount', confirm);
    expect(errorCode(station)).toBe('ACCOUNT.CLOSE_BLOCKED');
    expect(station.ok ? '' : station.error.message).toContain('社区红领工作站（华中社区）');
    const wishId = ok(await h.call('wish', 'demo-resident', 'postWish', { ...wishInput, title: '买菜' })).wish.id;
    ok(await h.call('wish', 'demo-station', 'reviewWish', { wishId, decision: 'approve' }));
    ok(await h.call('wish', GONE, 'claimWish', { wishId }));
    const { order } = ok(await h.call('points', GONE, 'redeem', { itemId: 'demoitem01', requestId: 'req-gone-0002' }));
    const before = everything(h);
    const refused = await h.call('org', GONE, 'closeAccount', confirm);
    expect(errorCode(refused)).toBe('ACCOUNT.CLOSE_BLOCKED');
    const message = refused.ok ? '' : refused.error.message;
    expect(message).toContain('您认领的心愿“买菜”还未完成');
    expect(message).toContain('您兑换的“环保购物袋”还未领取');
    expect(everything(h)).toBe(before);
    ok(await h.call('wish', GONE, 'giveUpWish', { wishId }));
    ok(await h.call('points', GONE, 'cancelOrder', { orderId: order.id }));
    ok(await h.call('org', GONE, 'closeAccount', confirm));
  });

  test('erases the person everywhere, keeps what others rely on under a pseudonym, every figure unchanged', async () => {
    const figuresBefore = await figures(h);
    const ledgerBefore = h.store.dump('ledger').map((e) => [e._id, e.amount, e.balanceAfter]);
    const auditBefore = h.store.dump('audit').length;
    const theirPhotos = `/uploads/${h.upload(GONE).split('/')[2]}/`;
    expect(held(h, NAME).length).toBeGreaterThan(5);
    expect(held(h, PHONE).length).toBeGreaterThan(3);
    expect(held(h, theirPhotos).length).toBeGreaterThanOrEqual(3);
    expect(await h.files.missing(ids.photos)).toEqual([]);
    ok(await h.call('org', GONE, 'closeAccount', confirm));

    // Nothing anywhere holds their name or number, nor their OPENID as a value, nor a photo they took.
    expect(held(h, NAME, PHONE)).toEqual([]);
    const all = held(h, GONE);
    expect(all.filter((s) => s.value === GONE)).toEqual([]);
    expect(held(h, theirPhotos)).toEqual([]);
    // The photo files are gone from storage too.
    expect(await h.files.missing(ids.photos)).toEqual(ids.photos);
    // Where the OPENID is still part of a key, and only there: an order's id (`<openid>~<request>`), the
    // ledger entries keyed by it (the ledger is never rewritten: its keys make a retry a no-op), the pickup
    // code's pointer to it, their audit records' entity ids, and the ids of messages others got about it. No
    // action reads any of them by a person's OPENID.
    const inKeys = [
      ...new Set(all.filter((s) => s.value.includes(GONE)).map((s) => `${s.collection}.${s.path.split('.').pop()}`)),
    ].sort();
    expect(inKeys).toEqual([
      'audit.entityId',
      'ledger._id',
      'ledger.ref',
      'messages._id',
      'orders._id',
      'pickupCodes.orderId',
    ]);
    expect(all.filter((s) => s.value.includes(GONE) && s.collection === 'audit').map((s) => s.value)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^(order~)?wx-gone-person~req-gone-0001$/)]),
    );
    expect(h.store.dump('people').find((p) => p._id === GONE)).toBeUndefined();
    expect(h.store.dump('grants').filter((g) => g.openid === GONE)).toEqual([]);
    expect(h.store.dump('consents').find((c) => c._id === GONE)).toBeUndefined();
    expect(h.store.dump('messages').filter((m) => m.to === GONE)).toEqual([]);
    expect(h.store.dump('closures')).toEqual([]);

    // Kept under one pseudonym: the ledger (same entries, same balances), services, the 报到 receipt, timelines.
    const close = h.store.dump('audit').find((a) => a.action === 'account.close');
    const pseudonym = close?.actor as string;
    expect(pseudonym).toMatch(/^gone~/);
    expect(close?.entityId).toBe(pseudonym);
    expect(h.store.dump('ledger').map((e) => [e._id, e.amount, e.balanceAfter])).toEqual(ledgerBefore);
    expect(h.store.dump('ledger').filter((e) => e.openid === pseudonym)).toHaveLength(3);
    expect(h.store.dump('accounts').find((a) => a._id === pseudonym)).toMatchObject({ balance: 20 });
    expect(h.store.dump('services').filter((s) => s.openid === pseudonym)).toEqual([
      expect.objectContaining({ memberName: '已注销用户', status: 'confirmed' }),
      expect.objectContaining({ memberName: '已注销用户', status: 'confirmed' }),
    ]);
    expect(h.store.dump('reports').find((r) => r._id === `huazhong~${pseudonym}`)).toMatchObject({
      status: 'approved',
      name: '已注销用户',
      phone: '',
    });
    const wishes = new Map(h.store.dump('wishes').map((w) => [w._id, w]));
    expect(wishes.get(ids.ownWish)).toMatchObject({
      openid: pseudonym,
      status: 'confirmed',
      residentName: null,
      residentPhone: '',
      phoneConsent: false,
      photo: null,
      thanks: '谢谢，已注销用户',
    });
    expect((wishes.get(ids.ownWish)?.history as Array<{ by: string }>).map((l) => l.by)).toContain(pseudonym);
    expect(wishes.get(ids.openWish)).toMatchObject({ status: 'cancelled' });
    expect(wishes.get(ids.claimed)).toMatchObject({ claimedBy: pseudonym, fulfilPhoto: null, status: 'confirmed' });
    expect(h.store.dump('problems').find((p) => p._id === ids.problem)).toMatchObject({
      openid: pseudonym,
      reporterName: null,
      reporterPhone: '',
      shareIdentity: false,
      photos: [],
      status: 'whistled',
    });
    expect(h.store.dump('audit').filter((a) => a.actor === GONE)).toEqual([]);
    expect(h.store.dump('audit').length).toBeGreaterThan(auditBefore);

    // Every balance and figure as before; the invariants hold.
    expect(await figures(h)).toEqual(figuresBefore);
    expect(await invariantProblems(h.store)).toEqual([]);
  });

  test('twice is once; the same WeChat user coming back is a new person who finds none of it', async () => {
    ok(await h.call('org', GONE, 'closeAccount', confirm));
    const after = everything(h);
    expect(ok(await h.call('org', GONE, 'closeAccount', confirm))).toEqual({ closed: true });
    expect(everything(h)).toBe(after);

    const back = ok(await h.call('org', GONE, 'myData', {}));
    expect(back).toMatchObject({ person: null, roles: [], consent: null, balance: 0, messages: { total: 0 } });
    for (const page of Object.values(back.lists) as Array<{ items: unknown[] }>) expect(page.items).toEqual([]);
    expect(ok(await h.call('org', GONE, 'consentState', {})).agreed).toBeNull();
    expect(ok(await h.call('org', GONE, 'me', {}))).toMatchObject({ name: null, grants: [] });
    expect(ok(await h.call('checkin', GONE, 'myReports', {})).items).toEqual([]);
    const again = ok(
      await h.call('checkin', GONE, 'submitReport', {
        token: h.token('huazhong'),
        name: '钱新',
        phone: '13955550002',
        orgId: 'org1',
        unitId: 'huazhongg1u1',
      }),
    );
    expect(again).toMatchObject({ changed: true, report: { status: 'pending' } });
    // The new person can go too; the old pseudonym's records stay as they were.
    ok(await h.call('org', GONE, 'closeAccount', confirm));
    expect(h.store.dump('audit').filter((a) => a.action === 'account.close')).toHaveLength(2);
  });

  test('a closing that failed late (its records done, the audit records not) finishes them on the next call', async () => {
    const update = h.store.update.bind(h.store);
    let failed = false;
    const spy = jest.spyOn(h.store, 'update').mockImplementation(async (collection, where, patch) => {
      if (collection === 'audit' && !failed) {
        failed = true;
        throw new Error('connection reset');
      }
      return update(collection, where, patch);
    });
    expect(errorCode(await h.call('org', GONE, 'closeAccount', confirm))).toBe('INTERNAL');
    spy.mockRestore();
    expect(h.store.dump('closures')).toHaveLength(1);
    expect(held(h, NAME, PHONE).length).toBeGreaterThan(0);
    ok(await h.call('org', GONE, 'closeAccount', confirm));
    expect(held(h, NAME, PHONE)).toEqual([]);
    expect(held(h, GONE).filter((s) => s.value === GONE)).toEqual([]);
    expect(h.store.dump('closures')).toEqual([]);
    expect(await invariantProblems(h.store)).toEqual([]);
  });

  test('two taps at once: one closing, one pseudonym, one audit record of it', async () => {
    const answers = await Promise.all([
      h.call('org', GONE, 'closeAccount', confirm),
      h.call('org', GONE, 'closeAccount', confirm),
    ]);
    // Over CloudBase one may meet the other's transaction and answer BUSY (the person taps again).
    expect(answers.every((a) => a.ok || errorCode(a) === 'BUSY')).toBe(true);
    if (!answers.every((a) => a.ok)) ok(await h.call('org', GONE, 'closeAccount', confirm));
    const pseudonyms = new Set(
      [...h.store.dump('ledger'), ...h.store.dump('wishes'), ...h.store.dump('problems')]
        .map((d) => d.openid)
        .filter((o): o is string => typeof o === 'string' && o.startsWith('gone~')),
    );
    expect(pseudonyms.size).toBe(1);
    expect(h.store.dump('audit').filter((a) => a.action === 'account.close')).toHaveLength(1);
    expect(held(h, NAME, PHONE)).toEqual([]);
    expect(await invariantProblems(h.store)).toEqual([]);
  });

  test('a closing interrupted by a fault resumes under the same pseudonym', async () => {
    const spy = jest.spyOn(h.store, 'transaction');
    // The first transaction of the closing (moving their 报到 to the pseudonym's key) fails once.
    spy.mockRejectedValueOnce(new Error('network lost'));
    expect(errorCode(await h.call('org', GONE, 'closeAccount', confirm))).toBe('INTERNAL');
    spy.mockRestore();
    const closure = h.store.dump('closures')[0];
    expect(closure?.pseudonym).toMatch(/^gone~/);
    ok(await h.call('org', GONE, 'closeAccount', confirm));
    expect(h.store.dump('closures')).toEqual([]);
    const pseudonyms = new Set(
      [...h.store.dump('ledger'), ...h.store.dump('wishes'), ...h.store.dump('problems'), ...h.store.dump('services')]
        .map((d) => d.openid)
        .filter((o): o is string => typeof o === 'string' && o.startsWith('gone~')),
    );
    expect([...pseudonyms]).toEqual([closure?.pseudonym]);
    expect(h.store.dump('audit').filter((a) => a.action === 'account.close')).toHaveLength(1);
    expect(await invariantProblems(h.store)).toEqual([]);
  });

  test('an activity attendance stays, anonymous; its pending service is still confirmed, to the pseudonym', async () => {
    const { activity } = ok(await h.call('checkin', 'demo-station', 'createActivity', activityInput(h, {}, 0)));
    const { token } = ok(
      await h.call('checkin', 'demo-station', 'activityCode', { activityId: activity.id, mode: 'fixed' }),
    );
    ok(await h.call('checkin', GONE, 'signUp', { activityId: activity.id }));
    ok(await h.call('checkin', GONE, 'checkIn', { token }));
    h.clock.advance(2 * 3600_000);
    ok(await h.call('checkin', GONE, 'checkOut', { token }));
    ok(await h.call('org', GONE, 'closeAccount', confirm));
    // The sign-up moved to the pseudonym's key, the count as it was; the attendance keeps its key (the ledger's).
    expect(h.store.dump('registrations').filter((r) => String(r._id).includes(GONE))).toEqual([]);
    expect(h.store.dump('activities').find((a) => a._id === activity.id)).toMatchObject({ signed: 1 });
    expect(held(h, GONE).map((s) => `${s.collection}.${s.path.split('.').pop()}`)).not.toContain('registrations._id');
    const pseudonym = h.store.dump('audit').find((a) => a.action === 'account.close')?.actor;
    expect(h.store.dump('attendance').find((a) => a.activityId === activity.id)).toMatchObject({
      openid: pseudonym,
      name: '已注销用户',
      hours: 2,
    });
    const pending = ok(await h.call('points', 'demo-station', 'pendingServices', {})).items;
    const service = pending.find((p: { memberName: string }) => p.memberName === '已注销用户');
    expect(service).toBeTruthy();
    ok(await h.call('points', 'demo-station', 'reviewServices', { serviceIds: [service.id], decision: 'confirm' }));
    expect(h.store.dump('accounts').find((a) => a._id === pseudonym)).toMatchObject({ balance: 20 + 20 });
    expect(h.store.dump('messages').filter((m) => String(m.to).startsWith('gone~'))).toEqual([]);
    expect(await invariantProblems(h.store)).toEqual([]);
  });
});

describe('注销 of a former station admin', () => {
  test('the 报到 they reviewed names the pseudonym; their own role, while held, stops them', async () => {
    const h = createHarness();
    h.store.insertMany('people', [
      { _id: 'wx-former', name: '钱前任', phone: null, communityId: null, orgId: null, unitId: null, createdAt: 't' },
    ]);
    h.store.insertMany('grants', [
      {
        _id: 'wx-former~stationAdmin',
        openid: 'wx-former',
        role: 'stationAdmin',
        scope: 'community',
        scopeId: 'huazhong',
        grantedBy: 'demo-district',
        at: 't',
      },
    ]);
    const reportId = ok(
      await h.call('checkin', 'demo-newmember', 'submitReport', { token: h.token('huazhong'), ...validReport }),
    ).report.id;
    ok(await h.call('checkin', 'wx-former', 'reviewReport', { reportId, decision: 'approve' }));
    // They organised an activity; a member attended it, and the service waits for its organiser.
    const { activity } = ok(await h.call('checkin', 'wx-former', 'createActivity', activityInput(h, {}, 0)));
    const { token } = ok(
      await h.call('checkin', 'wx-former', 'activityCode', { activityId: activity.id, mode: 'fixed' }),
    );
    ok(await h.call('checkin', 'demo-member', 'checkIn', { token }));
    h.clock.advance(3600_000);
    ok(await h.call('checkin', 'demo-member', 'checkOut', { token }));
    // They solved a resident's problem in the station, with a photo of the work.
    const problemId = ok(await h.call('report', 'demo-resident', 'submitProblem', problemInput)).problem.id;
    ok(await h.call('report', 'wx-former', 'triage', { problemId, action: 'solveInStation' }));
    const workPhoto = h.upload('wx-former');
    ok(await h.call('report', 'wx-former', 'stationRespond', { problemId, result: '已清运', photos: [workPhoto] }));
    expect(errorCode(await h.call('org', 'wx-former', 'closeAccount', confirm))).toBe('ACCOUNT.CLOSE_BLOCKED');
    // The district takes the role back; then they can go.
    await h.store.transaction(async (tx) => void (await tx.remove('grants', 'wx-former~stationAdmin')));
    ok(await h.call('org', 'wx-former', 'closeAccount', confirm));
    const pseudonym = h.store.dump('audit').find((a) => a.action === 'account.close')?.actor as string;
    const report = h.store.dump('reports').find((r) => r._id === reportId);
    expect(report).toMatchObject({ reviewedBy: pseudonym, status: 'approved', name: '李华' });
    expect((report?.history as Array<{ by: string }>).map((l) => l.by)).toEqual(['demo-newmember', pseudonym]);
    expect(held(h, 'wx-former', '钱前任')).toEqual([]);
    // The record of their work keeps its photo, and the file stays.
    expect(h.store.dump('problems').find((p) => p._id === problemId)).toMatchObject({ resultPhotos: [workPhoto] });
    expect(await h.files.missing([workPhoto])).toEqual([]);
    expect(h.store.dump('activities').find((a) => a._id === activity.id)).toMatchObject({
      organiser: pseudonym,
      organiserName: '已注销用户',
    });
    // The member's service from their activity still waits, for its organiser under the pseudonym (as it waited
    // for them once their role was taken back: only an activity's organiser confirms its services).
    expect(h.store.dump('services').find((x) => x.sourceId === `${activity.id}~demo-member`)).toMatchObject({
      confirmer: pseudonym,
      memberName: '张明',
      status: 'pending',
    });
    expect(await invariantProblems(h.store)).toEqual([]);
    expect(JSON.stringify(h.store.dump('audit'))).not.toContain('wx-former');
    expect(JSON.stringify(h.store.dump('audit'))).not.toContain('钱前任');
    // The member's receipt still reads, the reviewer now nameless.
    const mine = ok(await h.call('checkin', 'demo-newmember', 'myReports', {})).items[0];
    expect(mine).toMatchObject({ status: 'approved' });
    expect(JSON.stringify(mine)).not.toContain('钱前任');
  });
});

describe('注销 while asking a role by an invitation', () => {
  test('refused while the request waits; once decided, the invitation keeps no name or number of theirs', async () => {
    const h = createHarness();
    const made = ok(
      await h.call('org', 'demo-station', 'createInvite', {
        requestId: 'req-gone-invite-01',
        role: 'unitLeader',
        scopeId: 'huazhongg1u1',
        days: 7,
      }),
    );
    ok(await h.call('org', 'wx-asker', 'requestInvite', { token: made.token, name: '钱问问', phone: '13955550009' }));
    const before = JSON.stringify(collections.map((c) => h.store.dump(c)));
    const refused = await h.call('org', 'wx-asker', 'closeAccount', confirm);
    expect(errorCode(refused)).toBe('ACCOUNT.CLOSE_BLOCKED');
    expect(refused.ok ? '' : refused.error.message).toContain('正在等待审批');
    expect(JSON.stringify(collections.map((c) => h.store.dump(c)))).toBe(before);
    ok(
      await h.call('org', 'demo-station', 'decideInvite', {
        inviteId: made.invite.id,
        decision: 'reject',
        reason: '请先在社区报到',
      }),
    );
    expect(held(h, '钱问问').length).toBeGreaterThan(0);
    ok(await h.call('org', 'wx-asker', 'closeAccount', confirm));
    expect(held(h, '钱问问', '13955550009', 'wx-asker')).toEqual([]);
    const pseudonym = h.store.dump('audit').find((a) => a.action === 'account.close')?.actor;
    expect(h.store.dump('invites').find((i) => i._id === made.invite.id)).toMatchObject({
      status: 'rejected',
      requester: { openid: pseudonym, name: '已注销用户' },
    });
  });
});
