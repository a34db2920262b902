import { periodicJobs } from '../../../cloudfunctions/deployed/timer/jobs';
import { createHarness, errorCode, ok, type Harness } from '../../support/harness';

/**
 * Issue 15, part 5: 结对共建. The district issues a notice; each organisation pairs with a community within 5
 * working days (reminded a day before, escalated once after); visits are logged and counted per year.
 */

const messagesTo = (h: Harness, openid: string) =>
  h.store
    .dump('messages')
    .filter((m) => m.to === openid)
    .map((m) => String(m.title));

async function issue(h: Harness, date = '2026-11-26') {
  return ok(
    await h.call('org', 'demo-district', 'issuePairingNotice', {
      requestId: `notice-${date}`,
      title: '关于开展机关单位与社区结对共建的通知',
      date,
    }),
  ).notice;
}

async function ownPairing(h: Harness) {
  return ok(await h.call('org', 'demo-orgadmin', 'pairings', {})).items[0];
}

describe('结对共建', () => {
  test('notice → the organisation asks → the station accepts → visits counted; each told', async () => {
    const h = createHarness();
    const notice = await issue(h);
    const orgs = h.store.dump('orgs').length;
    // Thursday 26 November: Friday, Monday…Thursday 3 December → due at the end of Thursday 3 December.
    expect(notice).toMatchObject({
      deadlineAt: '2026-12-03T16:00:00.000Z',
      counts: { waiting: orgs, requested: 0, paired: 0, overdue: 0 },
    });
    expect(h.store.dump('pairings')).toHaveLength(orgs);
    expect(messagesTo(h, 'demo-orgadmin')).toEqual(['结对共建通知']);
    // Retried, nothing twice.
    await issue(h);
    expect(h.store.dump('pairings')).toHaveLength(orgs);
    expect(h.store.dump('pairingNotices')).toHaveLength(1);
    expect(messagesTo(h, 'demo-orgadmin')).toEqual(['结对共建通知']);

    const pairing = await ownPairing(h);
    expect(pairing).toMatchObject({ orgId: 'org1', status: 'waiting', visits: 0 });
    const todo = async (who: string) =>
      ok(await h.call('org', who, 'todo', {})).items.find((i: { key: string }) => i.key === 'pairing.todo');
    expect(await todo('demo-orgadmin')).toMatchObject({ count: 1, dueAt: '2026-12-03T16:00:00.000Z' });
    // Another organisation's admin, a station, a member: not theirs to ask.
    expect(
      errorCode(
        await h.call('org', 'demo-station', 'requestPairing', { pairingId: pairing.id, communityId: 'huazhong' }),
      ),
    ).toBe('AUTH.FORBIDDEN');
    expect(
      errorCode(
        await h.call('org', 'demo-orgadmin', 'requestPairing', { pairingId: pairing.id, communityId: 'nowhere' }),
      ),
    ).toBe('ORG.COMMUNITY_UNKNOWN');
    const asked = ok(
      await h.call('org', 'demo-orgadmin', 'requestPairing', { pairingId: pairing.id, communityId: 'huazhong' }),
    ).pairing;
    expect(asked).toMatchObject({ status: 'requested', communityName: '华中社区' });
    expect(messagesTo(h, 'demo-station')).toEqual(['新的结对申请']);
    expect(await todo('demo-station')).toMatchObject({ count: 1 });
    expect(await todo('demo-orgadmin')).toMatchObject({ count: 0, dueAt: null });
    expect(
      errorCode(
        await h.call('org', 'demo-orgadmin', 'requestPairing', { pairingId: pairing.id, communityId: 'xiaosu' }),
      ),
    ).toBe('PAIRING.BAD_STATE');

    // The station declines with a reason; the organisation asks again; the station accepts.
    expect(
      errorCode(await h.call('org', 'demo-station', 'decidePairing', { pairingId: pairing.id, decision: 'decline' })),
    ).toBe('INPUT.INVALID');
    ok(
      await h.call('org', 'demo-station', 'decidePairing', {
        pairingId: pairing.id,
        decision: 'decline',
        reason: '单位不在本社区辖区',
      }),
    );
    expect(messagesTo(h, 'demo-orgadmin')).toContain('结对未被接受');
    expect((await ownPairing(h)).status).toBe('waiting');
    ok(await h.call('org', 'demo-orgadmin', 'requestPairing', { pairingId: pairing.id, communityId: 'huazhong' }));
    const paired = ok(
      await h.call('org', 'demo-station', 'decidePairing', { pairingId: pairing.id, decision: 'accept' }),
    ).pairing;
    expect(paired).toMatchObject({ status: 'paired', overdue: false });
    expect(messagesTo(h, 'demo-orgadmin')).toContain('结对已确认');

    // Visits: dated on or after the pairing and not later than today; counted for the year.
    const visit = {
      pairingId: pairing.id,
      date: '2026-11-26',
      membersPresent: 12,
      problemsSolved: 2,
      note: '清理小区楼道杂物，修好3栋路灯',
    };
    expect(
      errorCode(
        await h.call('org', 'demo-orgadmin', 'logVisit', { ...visit, requestId: 'visit-0000', date: '2026-11-27' }),
      ),
    ).toBe('PAIRING.VISIT_DATE');
    const logged = ok(await h.call('org', 'demo-orgadmin', 'logVisit', { ...visit, requestId: 'visit-0001' }));
    expect(logged.pairing).toMatchObject({ visits: 1, problemsSolved: 2 });
    // A retried log writes once.
    ok(await h.call('org', 'demo-orgadmin', 'logVisit', { ...visit, requestId: 'visit-0001' }));
    ok(await h.call('org', 'demo-orgadmin', 'logVisit', { ...visit, requestId: 'visit-0002', problemsSolved: 1 }));
    expect(await ownPairing(h)).toMatchObject({ visits: 2, problemsSolved: 3 });
    expect(messagesTo(h, 'demo-station').filter((t) => t === '结对单位到社区服务')).toHaveLength(2);
    expect(ok(await h.call('org', 'demo-station', 'pairingVisits', { pairingId: pairing.id })).items).toHaveLength(2);
    expect(errorCode(await h.call('org', 'demo-department', 'pairingVisits', { pairingId: pairing.id }))).toBe(
      'AUTH.FORBIDDEN',
    );

    // The district sees every organisation's state under its notice.
    const all = ok(await h.call('org', 'demo-district', 'pairings', { noticeId: notice.id })).items;
    expect(all).toHaveLength(orgs);
    const pairedOnly = ok(await h.call('org', 'demo-district', 'pairings', { noticeId: notice.id, status: 'paired' }));
    expect(pairedOnly.items.map((p: { orgId: string }) => p.orgId)).toEqual(['org1']);
    expect(ok(await h.call('org', 'demo-district', 'pairingNotices', {})).items[0].counts).toMatchObject({
      paired: 1,
      waiting: orgs - 1,
    });
    expect(
      h.store
        .dump('audit')
        .filter((a) => String(a.action).startsWith('pairing.'))
        .map((a) => a.action),
    ).toEqual(expect.arrayContaining(['pairing.open', 'pairing.request', 'pairing.decline', 'pairing.accept']));
  });

  test('overdue: reminded a day before, escalated once after; a paired one is left alone', async () => {
    const h = createHarness();
    const notice = await issue(h);
    const pairing = await ownPairing(h);
    // Another organisation pairs in time and is neither reminded nor escalated.
    const other = h.store.dump('pairings').find((p) => p.orgId === 'org2')!;
    h.store.insertMany('grants', [
      { _id: 'org2-admin~orgAdmin', openid: 'org2-admin', role: 'orgAdmin', scope: 'org', scopeId: 'org2' },
    ]);
    ok(await h.call('org', 'org2-admin', 'requestPairing', { pairingId: other._id, communityId: 'huazhong' }));
    ok(await h.call('org', 'demo-station', 'decidePairing', { pairingId: other._id, decision: 'accept' }));

    await periodicJobs(h.runtime);
    expect(messagesTo(h, 'demo-orgadmin')).toEqual(['结对共建通知']);
    h.clock.set('2026-12-02T17:00:00.000Z'); // a day before the deadline
    expect(await periodicJobs(h.runtime)).toMatchObject({ remindedPairings: h.store.dump('orgs').length - 1 });
    expect(messagesTo(h, 'demo-orgadmin').sort()).toEqual(['结对共建通知', '结对即将到期'].sort());
    expect(messagesTo(h, 'org2-admin')).not.toContain('结对即将到期');
    h.clock.set('2026-12-03T16:00:01.000Z');
    const run = await periodicJobs(h.runtime);
    expect(run).toMatchObject({ overduePairings: h.store.dump('orgs').length - 1, remindedPairings: 0 });
    expect(messagesTo(h, 'demo-orgadmin').sort()).toEqual(['结对共建通知', '结对即将到期', '结对超期未完成'].sort());
    expect(messagesTo(h, 'demo-district').filter((t) => t === '结对超期未完成')).toHaveLength(
      h.store.dump('orgs').length - 1,
    );
    // Once.
    expect(await periodicJobs(h.runtime)).toMatchObject({ overduePairings: 0 });
    expect(ok(await h.call('org', 'demo-district', 'pairings', { noticeId: notice.id })).items).toContainEqual(
      expect.objectContaining({ id: pairing.id, overdue: true }),
    );
    // Late is still possible: the organisation pairs after the deadline.
    ok(await h.call('org', 'demo-orgadmin', 'requestPairing', { pairingId: pairing.id, communityId: 'huazhong' }));
    const late = ok(
      await h.call('org', 'demo-station', 'decidePairing', { pairingId: pairing.id, decision: 'accept' }),
    );
    expect(late.pairing).toMatchObject({ status: 'paired', overdue: false });
  });

  test('the deadline follows the holiday calendar: a notice before National Day waits for the working days', async () => {
    const h = createHarness();
    // Monday 28 September 2026; 1–7 October are holidays, Saturday 10 October a make-up working day:
    // 29, 30 September, 8, 9, 10 October → the end of Saturday 10 October (Monday to Friday would say 5 October).
    const notice = await issue(h, '2026-09-28');
    expect(notice.deadlineAt).toBe('2026-10-10T16:00:00.000Z');
  });
});
