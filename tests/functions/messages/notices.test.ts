import { activityTransitions, attendanceTransitions } from '@shared/checkin/activity.rules';
import { enrolmentTransitions } from '@shared/checkin/enrolment.rules';
import { postClaimTransitions } from '@shared/checkin/post.rules';
import { beijingDate } from '@shared/core/time';
import { noticeTable, quietChanges, type NoticeKey } from '@shared/messages/notices';
import { orderTransitions, serviceTransitions } from '@shared/points/points.rules';
import { problemTransitions, whistleTransitions } from '@shared/whistle/whistle.rules';
import { wishTransitions } from '@shared/wish/wish.rules';
import { inviteTransitions } from '@shared/org/people.rules';
import { pairingTransitions } from '@shared/org/pairing.rules';
import { periodicJobs } from '../../../cloudfunctions/deployed/timer/jobs';
import { seedPoints } from '../../support/seed';
import {
  activityInput,
  addMembers,
  createHarness,
  ok,
  validReport,
  wishInput,
  type Harness,
} from '../../support/harness';

/**
 * The notice table (shared/src/messages/notices.ts) against what the flows really send: for each row, the
 * change is made through the real router and store, and the messages it wrote are compared with the row:
 * each person it names gets exactly one message, opening the row's page for the record, and nobody else
 * gets one.
 */

/** Every event of every status machine, and every create, by its audit name (`<entity>.<event>`). */
const tables: Record<string, object> = {
  report: enrolmentTransitions,
  post: postClaimTransitions,
  activity: activityTransitions,
  attendance: attendanceTransitions,
  service: serviceTransitions,
  order: orderTransitions,
  wish: wishTransitions,
  problem: problemTransitions,
  whistle: whistleTransitions,
  invite: inviteTransitions,
  pairing: pairingTransitions,
};
const creates = [
  'report.submit',
  'post.claim',
  'activity.create',
  'attendance.checkIn',
  'service.log',
  'order.place',
  'wish.post',
  'problem.submit',
  'whistle.open',
  'invite.create',
  // A grant has no states: it is given and taken back.
  'grant.add',
  'grant.remove',
  'pairing.open',
  // A visit has no states: it is logged.
  'visit.log',
];
const changes = [
  ...new Set([...Object.entries(tables).flatMap(([name, t]) => Object.keys(t).map((e) => `${name}.${e}`)), ...creates]),
];

test('every change is either told (the notice table) or explained (quietChanges), and nothing else is listed', () => {
  const told = Object.keys(noticeTable);
  const quiet = Object.keys(quietChanges);
  expect(changes.filter((c) => !told.includes(c) && !quiet.includes(c))).toEqual([]);
  expect([...told, ...quiet].filter((c) => !changes.includes(c))).toEqual([]);
  expect(told.filter((c) => quiet.includes(c))).toEqual([]);
  // The figure the issue note gives: N changes concern someone other than the actor, and N are told.
  expect({ changes: changes.length, told: told.length, quiet: quiet.length }).toEqual({
    changes: 67,
    told: 53,
    quiet: 14,
  });
});

/** Who got which message since `mark`: `${row}|${openid}|${page}` per message. */
function sentSince(h: Harness, mark: Set<string>): string[] {
  return h.store
    .dump('messages')
    .filter((m) => !mark.has(m._id))
    .map((m) => {
      const row = m._id.split('~')[0] as string;
      const page = String((m as { link?: string }).link ?? '').split('?')[0];
      return `${row}|${String((m as unknown as { to: string }).to)}|${page}`;
    })
    .sort();
}

function marked(h: Harness): Set<string> {
  return new Set(h.store.dump('messages').map((m) => m._id));
}

/** The messages a row promises: each named person once, opening the row's page for their audience. */
function promised(row: NoticeKey, people: Partial<Record<string, string[]>>): string[] {
  const to = noticeTable[row].to as Record<string, { page: string }>;
  return Object.entries(people)
    .flatMap(([audience, openids]) => {
      const told = to[audience];
      if (!told) throw new Error(`${row} has no audience ${audience}`);
      return (openids ?? []).map((o) => `${row}|${o}|/${told.page}`);
    })
    .sort();
}

/** The rows some test below made a change of and saw delivered. */
const exercised = new Set<string>();
afterAll(() => {
  // Every row of the table is proven by a change below (a row nothing here makes would be untested).
  if (expect.getState().testNamePattern) return;
  expect(Object.keys(noticeTable).filter((row) => !exercised.has(row))).toEqual([]);
});

/** Makes a change and expects exactly the promised messages, and no other, to have been written by it. */
async function expectTold(
  h: Harness,
  act: () => Promise<unknown>,
  rows: Array<[NoticeKey, Partial<Record<string, string[]>>]>,
): Promise<void> {
  const mark = marked(h);
  await act();
  const sent = sentSince(h, mark);
  expect(sent).toEqual(rows.flatMap(([row, people]) => promised(row, people)).sort());
  for (const line of sent) exercised.add(line.split('|')[0] as string);
}

describe('报到', () => {
  test('submit → station; reject → member; resubmit → station; approve → member and the organisation; move → old station', async () => {
    const h = createHarness();
    let id = '';
    await expectTold(h, async () => {
      id = ok(await h.call('checkin', 'demo-newmember', 'submitReport', { token: h.token('huazhong'), ...validReport }))
        .report.id;
    }, [['report.submit', { station: ['demo-station'] }]]);
    await expectTold(
      h,
      () =>
        h.call('checkin', 'demo-station', 'reviewReport', { reportId: id, decision: 'reject', reason: '单位填写有误' }),
      [['report.reject', { owner: ['demo-newmember'] }]],
    );
    expect(h.store.dump('messages').find((m) => m._id.startsWith('report.reject~'))).toMatchObject({
      body: '驳回原因：单位填写有误。请修改后重新提交。',
      link: `/pages/mine/index?id=${encodeURIComponent(id)}`,
    });
    await expectTold(
      h,
      () => h.call('checkin', 'demo-newmember', 'submitReport', { token: h.token('huazhong'), ...validReport }),
      [['report.resubmit', { station: ['demo-station'] }]],
    );
    await expectTold(
      h,
      () => h.call('checkin', 'demo-station', 'reviewReport', { reportId: id, decision: 'approve' }),
      [['report.approve', { owner: ['demo-newmember'], orgAdmin: ['demo-orgadmin'] }]],
    );
    // The member moves house: the new community's station approves, the old one hears the member left.
    h.store.insertMany('grants', [
      {
        _id: 'other-station~stationAdmin',
        openid: 'other-station',
        role: 'stationAdmin',
        scope: 'community',
        scopeId: 'xiaosu',
      },
    ]);
    const other = await h.call('checkin', 'demo-newmember', 'submitReport', {
      token: h.token('xiaosu'),
      ...validReport,
      unitId: (
        h.store.dump('units').find((u) => (u as { communityId?: string }).communityId === 'xiaosu') as { _id: string }
      )._id,
    });
    const otherId = ok(other).report.id;
    await expectTold(
      h,
      () => h.call('checkin', 'other-station', 'reviewReport', { reportId: otherId, decision: 'approve' }),
      [
        ['report.approve', { owner: ['demo-newmember'], orgAdmin: ['demo-orgadmin'] }],
        ['report.move', { station: ['demo-station'] }],
      ],
    );
  });
});

describe('岗位与活动', () => {
  test('a member leaving a post tells the station; claiming tells nobody', async () => {
    const h = createHarness();
    const post = ok(await h.call('checkin', 'demo-member', 'listPosts', {})).items[0];
    await expectTold(h, () => h.call('checkin', 'demo-member', 'claimPost', { postId: post.id }), []);
    await expectTold(h, () => h.call('checkin', 'demo-member', 'releasePost', { postId: post.id }), [
      ['post.release', { station: ['demo-station'] }],
    ]);
    expect(h.store.dump('messages').at(-1)).toMatchObject({ body: expect.stringContaining(`「${post.name}」`) });
  });

  test('signed-up members are reminded once before the start, and told when it is cancelled', async () => {
    const h = createHarness();
    const activityId = ok(await h.call('checkin', 'demo-station', 'createActivity', activityInput(h, {}, 180))).activity
      .id;
    ok(await h.call('checkin', 'demo-member', 'signUp', { activityId }));
    await expectTold(h, () => periodicJobs(h.runtime), []);
    h.clock.advance(65 * 60_000);
    await expectTold(h, () => periodicJobs(h.runtime), [['activity.startsSoon', { registered: ['demo-member'] }]]);
    await expectTold(h, () => periodicJobs(h.runtime), []);
    await expectTold(h, () => h.call('checkin', 'demo-station', 'closeActivity', { activityId }), [
      ['activity.close', { registered: ['demo-member'] }],
    ]);
  });

  test('an activity’s 120 sign-ups are each reminded once (written 50 at a time)', async () => {
    const h = createHarness();
    const members = addMembers(h, 120);
    const activityId = ok(await h.call('checkin', 'demo-station', 'createActivity', activityInput(h, {}, 60))).activity
      .id;
    for (const m of members) ok(await h.call('checkin', m, 'signUp', { activityId }));
    await expectTold(h, () => periodicJobs(h.runtime), [['activity.startsSoon', { registered: members }]]);
  });

  test('check-out asks the organiser to confirm the hours; a correction tells the member', async () => {
    const h = createHarness();
    const activityId = ok(await h.call('checkin', 'demo-station', 'createActivity', activityInput(h, {}, 0))).activity
      .id;
    const code = async () =>
      ok(await h.call('checkin', 'demo-station', 'activityCode', { activityId, mode: 'fixed' })).token as string;
    await expectTold(h, async () => ok(await h.call('checkin', 'demo-member', 'checkIn', { token: await code() })), []);
    h.clock.advance(90 * 60_000);
    const token = await code();
    await expectTold(h, async () => ok(await h.call('checkin', 'demo-member', 'checkOut', { token })), [
      ['service.log', { confirmer: ['demo-station'] }],
    ]);
    // The organiser's own check-out would not ask the organiser: nobody is told of their own act.
    const list = ok(await h.call('checkin', 'demo-station', 'activityAttendance', { activityId }));
    await expectTold(
      h,
      () =>
        h.call('checkin', 'demo-station', 'correctCheckOut', {
          attendanceId: list.items[0].id,
          checkOutAt: new Date(h.clock.now().getTime() - 10 * 60_000).toISOString(),
          note: '提前离场',
        }),
      [['attendance.correct', { owner: ['demo-member'] }]],
    );
  });
});

describe('积分', () => {
  test('log → unit leader; confirm and reject → member', async () => {
    const h = createHarness();
    const log = async (description: string) =>
      ok(
        await h.call('points', 'demo-member', 'logService', {
          description,
          unitId: 'huazhongg1u1',
          date: beijingDate(h.clock.now()),
          hours: 1,
        }),
      ).service.id as string;
    let first = '';
    await expectTold(h, async () => void (first = await log('楼道清洁')), [
      ['service.log', { confirmer: ['demo-unitleader'] }],
    ]);
    const second = await log('帮老人买菜');
    await expectTold(
      h,
      () => h.call('points', 'demo-unitleader', 'reviewServices', { serviceIds: [first], decision: 'confirm' }),
      [['service.confirm', { owner: ['demo-member'] }]],
    );
    // It opens 我的积分 on the service records.
    expect(h.store.dump('messages').find((m) => m._id.startsWith('service.confirm~'))).toMatchObject({
      link: `/pages/points/mine/index?id=${encodeURIComponent(first)}&tab=services`,
    });
    await expectTold(
      h,
      () =>
        h.call('points', 'demo-unitleader', 'reviewServices', {
          serviceIds: [second],
          decision: 'reject',
          reason: '当天未见到服务',
        }),
      [['service.reject', { owner: ['demo-member'] }]],
    );
  });

  test('an order tells the station; cancelling tells the station; handing over tells the member', async () => {
    const h = createHarness();
    seedPoints(h.store, ['demo-member'], 200);
    let order: { id: string; pickupCode: string } = { id: '', pickupCode: '' };
    await expectTold(
      h,
      async () =>
        void (order = ok(
          await h.call('points', 'demo-member', 'redeem', { itemId: 'demoitem01', requestId: 'req-n-0001' }),
        ).order),
      [['order.place', { station: ['demo-station'] }]],
    );
    // A retry of the same order tells nobody again.
    await expectTold(
      h,
      () => h.call('points', 'demo-member', 'redeem', { itemId: 'demoitem01', requestId: 'req-n-0001' }),
      [],
    );
    await expectTold(h, () => h.call('points', 'demo-member', 'cancelOrder', { orderId: order.id }), [
      ['order.cancel', { station: ['demo-station'] }],
    ]);
    const again = ok(
      await h.call('points', 'demo-member', 'redeem', { itemId: 'demoitem01', requestId: 'req-n-0002' }),
    ).order;
    await expectTold(h, () => h.call('points', 'demo-station', 'handOver', { pickupCode: again.pickupCode }), [
      ['order.handOver', { owner: ['demo-member'] }],
    ]);
  });
});

describe('微心愿', () => {
  async function posted(h: Harness): Promise<string> {
    let id = '';
    await expectTold(
      h,
      async () => void (id = ok(await h.call('wish', 'demo-resident', 'postWish', wishInput)).wish.id),
      [['wish.post', { reviewers: ['demo-station', 'demo-grid'] }]],
    );
    return id;
  }

  test('post → reviewers; approve → resident; claim → resident; fulfil → resident and unit leader; confirm → member; thank → member', async () => {
    const h = createHarness();
    const wishId = await posted(h);
    await expectTold(h, () => h.call('wish', 'demo-station', 'reviewWish', { wishId, decision: 'approve' }), [
      ['wish.approve', { owner: ['demo-resident'] }],
    ]);
    await expectTold(h, () => h.call('wish', 'demo-member', 'claimWish', { wishId }), [
      ['wish.claim', { owner: ['demo-resident'] }],
    ]);
    await expectTold(h, () => h.call('wish', 'demo-member', 'fulfilWish', { wishId, note: '已修好' }), [
      ['wish.fulfil', { owner: ['demo-resident'], unitLeader: ['demo-unitleader'] }],
    ]);
    await expectTold(
      h,
      () => h.call('wish', 'demo-resident', 'confirmWish', { wishId, fulfilled: false, note: '还在滴水' }),
      [['wish.dispute', { claimant: ['demo-member'] }]],
    );
    ok(await h.call('wish', 'demo-member', 'fulfilWish', { wishId, note: '换了阀芯' }));
    // Confirmed by the unit leader: the member and the resident hear it; the service waits for the unit leader.
    await expectTold(h, () => h.call('wish', 'demo-unitleader', 'confirmWish', { wishId, fulfilled: true }), [
      ['wish.confirm', { claimant: ['demo-member'], owner: ['demo-resident'] }],
      ['service.log', {}],
    ]);
    await expectTold(h, () => h.call('wish', 'demo-resident', 'thankWish', { wishId, thanks: '谢谢张师傅！' }), [
      ['wish.thank', { claimant: ['demo-member'] }],
    ]);
    expect(h.store.dump('messages').find((m) => m._id.startsWith('wish.thank~'))).toMatchObject({
      title: '居民向您致谢',
      body: `「${wishInput.title}」：谢谢张师傅！`,
      link: `/pages/wish/claims/index?id=${wishId}`,
    });
  });

  test('confirmed by the resident: the member is told, the unit leader is asked for the service', async () => {
    const h = createHarness();
    const wishId = await posted(h);
    ok(await h.call('wish', 'demo-grid', 'reviewWish', { wishId, decision: 'approve' }));
    ok(await h.call('wish', 'demo-member', 'claimWish', { wishId }));
    ok(await h.call('wish', 'demo-member', 'fulfilWish', { wishId, note: '已修好' }));
    await expectTold(h, () => h.call('wish', 'demo-resident', 'confirmWish', { wishId, fulfilled: true }), [
      ['wish.confirm', { claimant: ['demo-member'] }],
      ['service.log', { confirmer: ['demo-unitleader'] }],
    ]);
  });

  test('reject → resident; give up → resident; release → resident and member; reminder and expiry → member and resident', async () => {
    const h = createHarness();
    const rejected = await posted(h);
    await expectTold(
      h,
      () =>
        h.call('wish', 'demo-station', 'reviewWish', { wishId: rejected, decision: 'reject', reason: '不属于微心愿' }),
      [['wish.reject', { owner: ['demo-resident'] }]],
    );
    const wishId = ok(await h.call('wish', 'demo-resident', 'postWish', { ...wishInput, title: '陪老人去医院复查' }))
      .wish.id;
    ok(await h.call('wish', 'demo-station', 'reviewWish', { wishId, decision: 'approve' }));
    ok(await h.call('wish', 'demo-member', 'claimWish', { wishId }));
    await expectTold(h, () => h.call('wish', 'demo-member', 'giveUpWish', { wishId }), [
      ['wish.giveUp', { owner: ['demo-resident'] }],
    ]);
    ok(await h.call('wish', 'demo-member', 'claimWish', { wishId }));
    await expectTold(h, () => h.call('wish', 'demo-station', 'releaseClaim', { wishId, reason: '长期未完成' }), [
      ['wish.release', { owner: ['demo-resident'], formerClaimant: ['demo-member'] }],
    ]);
    ok(await h.call('wish', 'demo-member', 'claimWish', { wishId }));
    // Claim days are 7: a day before, the member is reminded once; after, the claim expires.
    h.clock.advance(5 * 86400_000);
    await expectTold(h, () => periodicJobs(h.runtime), []);
    h.clock.advance(86400_000 + 60_000);
    await expectTold(h, () => periodicJobs(h.runtime), [['wish.remindClaim', { claimant: ['demo-member'] }]]);
    await expectTold(h, () => periodicJobs(h.runtime), []);
    h.clock.advance(86400_000);
    await expectTold(h, () => periodicJobs(h.runtime), [
      ['wish.expire', { owner: ['demo-resident'], formerClaimant: ['demo-member'] }],
    ]);
  });

  test('cancelling one’s own wish tells nobody', async () => {
    const h = createHarness();
    const wishId = await posted(h);
    await expectTold(h, () => h.call('wish', 'demo-resident', 'cancelWish', { wishId }), []);
  });
});

describe('吹哨报到', () => {
  const problemInput = {
    category: '环境卫生',
    description: '3栋楼下垃圾堆放多日无人清运，气味很大',
    unitId: 'huazhongg1u1',
    phone: '13600002222',
  };
  async function submitted(h: Harness): Promise<string> {
    let id = '';
    await expectTold(
      h,
      async () => void (id = ok(await h.call('report', 'demo-resident', 'submitProblem', problemInput)).problem.id),
      [['problem.submit', { station: ['demo-station'] }]],
    );
    return id;
  }
  const whistle = (h: Harness, problemId: string, departments = ['dept1']) =>
    h.call('report', 'demo-station', 'triage', {
      problemId,
      action: 'whistle',
      departments,
      leadDepartment: 'dept1',
    });

  test('whistle → resident and departments; lead reports in → station; answer → station; confirm → resident; rate → station', async () => {
    const h = createHarness();
    h.store.insertMany('grants', [
      {
        _id: 'dept2-staff~department',
        openid: 'dept2-staff',
        role: 'department',
        scope: 'department',
        scopeId: 'dept2',
      },
    ]);
    const id = await submitted(h);
    await expectTold(h, () => whistle(h, id, ['dept1', 'dept2']), [
      ['problem.whistle', { owner: ['demo-resident'] }],
      ['whistle.open', { department: ['demo-department', 'dept2-staff'] }],
    ]);
    await expectTold(h, () => h.call('report', 'dept2-staff', 'acknowledge', { problemId: id }), []);
    await expectTold(h, () => h.call('report', 'demo-department', 'acknowledge', { problemId: id }), [
      ['problem.acknowledge', { station: ['demo-station'] }],
    ]);
    await expectTold(
      h,
      () => h.call('report', 'demo-department', 'addProgress', { problemId: id, note: '已派人查看' }),
      [],
    );
    await expectTold(h, () => h.call('report', 'demo-department', 'respond', { problemId: id, result: '已清运' }), [
      ['problem.respond', { station: ['demo-station'] }],
    ]);
    // The station's message opens its ledger on the tab holding the problem now (待确认).
    expect(h.store.dump('messages').find((m) => m._id.startsWith('problem.respond~'))).toMatchObject({
      link: `/pages/whistle/station/index?id=${id}&status=responded`,
    });
    await expectTold(h, () => h.call('report', 'demo-station', 'confirmResult', { problemId: id }), [
      ['problem.confirm', { owner: ['demo-resident'] }],
    ]);
    await expectTold(
      h,
      () => h.call('report', 'demo-resident', 'rate', { problemId: id, satisfied: false, comment: '又堆起来了' }),
      [['problem.rateUnsatisfied', { station: ['demo-station'] }]],
    );
    await expectTold(h, () => h.call('report', 'demo-station', 'triage', { problemId: id, action: 'solveInStation' }), [
      ['problem.solveInStation', { owner: ['demo-resident'] }],
    ]);
    await expectTold(
      h,
      () => h.call('report', 'demo-station', 'stationRespond', { problemId: id, result: '社区已清理' }),
      [],
    );
    ok(await h.call('report', 'demo-station', 'confirmResult', { problemId: id }));
    await expectTold(h, () => h.call('report', 'demo-resident', 'rate', { problemId: id, satisfied: true }), [
      ['problem.rateSatisfied', { station: ['demo-station'] }],
    ]);
  });

  test('not ours → station once; decline and merge → resident; reminders → department; overdue → station and district', async () => {
    const h = createHarness();
    const id = await submitted(h);
    ok(await whistle(h, id));
    await expectTold(
      h,
      () => h.call('report', 'demo-department', 'notOurs', { problemId: id, belongsTo: '小区物业公司' }),
      [['whistle.notOurs', { station: ['demo-station'] }]],
    );
    await expectTold(
      h,
      () => h.call('report', 'demo-station', 'triage', { problemId: id, action: 'decline', reason: '属物业管理范围' }),
      [['problem.decline', { owner: ['demo-resident'] }]],
    );
    const open = await submitted(h);
    const twin = ok(await h.call('report', 'demo-member', 'submitProblem', problemInput)).problem.id;
    await expectTold(
      h,
      () => h.call('report', 'demo-station', 'triage', { problemId: twin, action: 'merge', mergeInto: open }),
      [['problem.merge', { owner: ['demo-member'] }]],
    );
    ok(await whistle(h, open));
    h.clock.advance(3 * 86400_000 - 3600_000);
    await expectTold(h, () => periodicJobs(h.runtime), [['whistle.remind', { department: ['demo-department'] }]]);
    h.clock.advance(2 * 86400_000);
    await expectTold(h, () => periodicJobs(h.runtime), [
      ['whistle.overdue', { station: ['demo-station'], district: ['demo-district'] }],
    ]);
    await expectTold(h, () => periodicJobs(h.runtime), []);
  });
});

describe('人员与身份', () => {
  test('a grant and its removal → the person; a request → the granters; approve and reject → who asked', async () => {
    const h = createHarness();
    h.store.insertMany('people', [
      { _id: 'p-new', name: '郑红', phone: '13700001111', communityId: null, orgId: null, unitId: null, createdAt: '' },
    ]);
    const grant = { openid: 'p-new', role: 'unitLeader', scopeId: 'huazhongg1u3' };
    await expectTold(h, () => h.call('org', 'demo-station', 'grantRole', grant), [['grant.add', { owner: ['p-new'] }]]);
    await expectTold(h, () => h.call('org', 'demo-station', 'revokeRole', { openid: 'p-new', role: 'unitLeader' }), [
      ['grant.remove', { owner: ['p-new'] }],
    ]);
    const code = (requestId: string, by: string, role: string, scopeId: string) =>
      h.call('org', by, 'createInvite', { requestId, role, scopeId, days: 7 });
    const district = ok(await code('invite-0001', 'demo-district', 'department', 'dept2'));
    await expectTold(
      h,
      () => h.call('org', 'p-a', 'requestInvite', { token: district.token, name: '钱芳', phone: '13700005555' }),
      [['invite.request', { district: ['demo-district'] }]],
    );
    await expectTold(
      h,
      () => h.call('org', 'demo-district', 'decideInvite', { inviteId: district.invite.id, decision: 'approve' }),
      [['invite.approve', { requester: ['p-a'] }]],
    );
    const station = ok(await code('invite-0002', 'demo-station', 'gridSecretary', 'huazhongg2'));
    await expectTold(
      h,
      () => h.call('org', 'p-b', 'requestInvite', { token: station.token, name: '林涛', phone: '13700007777' }),
      [['invite.request', { station: ['demo-station'] }]],
    );
    await expectTold(
      h,
      () =>
        h.call('org', 'demo-station', 'decideInvite', {
          inviteId: station.invite.id,
          decision: 'reject',
          reason: '人员有误',
        }),
      [['invite.reject', { requester: ['p-b'] }]],
    );
    const spare = ok(await code('invite-0003', 'demo-station', 'gridSecretary', 'huazhongg3'));
    await expectTold(h, () => h.call('org', 'demo-station', 'revokeInvite', { inviteId: spare.invite.id }), []);
  });
});

describe('结对共建', () => {
  test('notice → organisation; request → station; decline, accept → organisation; remind → organisation; overdue → organisation and district; visit → station', async () => {
    const h = createHarness();
    const orgs = h.store.dump('orgs').map((o) => String(o._id));
    h.store.insertMany(
      'grants',
      orgs
        .filter((o) => o !== 'org1')
        .map((o) => ({ _id: `${o}-admin~orgAdmin`, openid: `${o}-admin`, role: 'orgAdmin', scope: 'org', scopeId: o })),
    );
    const admins = orgs.map((o) => (o === 'org1' ? 'demo-orgadmin' : `${o}-admin`));
    await expectTold(
      h,
      () =>
        h.call('org', 'demo-district', 'issuePairingNotice', {
          requestId: 'notice-0001',
          title: '结对共建通知（测试）',
          date: '2026-11-26',
        }),
      [['pairing.open', { orgAdmin: admins }]],
    );
    const pairingId = (h.store.dump('pairings').find((p) => p.orgId === 'org1') as { _id: string })._id;
    const request = () => h.call('org', 'demo-orgadmin', 'requestPairing', { pairingId, communityId: 'huazhong' });
    await expectTold(h, request, [['pairing.request', { station: ['demo-station'] }]]);
    await expectTold(
      h,
      () => h.call('org', 'demo-station', 'decidePairing', { pairingId, decision: 'decline', reason: '不在辖区' }),
      [['pairing.decline', { orgAdmin: ['demo-orgadmin'] }]],
    );
    h.clock.set('2026-12-02T17:00:00.000Z');
    await expectTold(h, () => periodicJobs(h.runtime), [['pairing.remind', { orgAdmin: admins }]]);
    h.clock.set('2026-12-03T17:00:00.000Z');
    await expectTold(h, () => periodicJobs(h.runtime), [
      ['pairing.overdue', { orgAdmin: admins, district: admins.map(() => 'demo-district') }],
    ]);
    await request();
    await expectTold(h, () => h.call('org', 'demo-station', 'decidePairing', { pairingId, decision: 'accept' }), [
      ['pairing.accept', { orgAdmin: ['demo-orgadmin'] }],
    ]);
    await expectTold(
      h,
      () =>
        h.call('org', 'demo-orgadmin', 'logVisit', {
          requestId: 'visit-0001',
          pairingId,
          // Beijing's 4 December (the clock is past 16:00 UTC): the day it paired.
          date: '2026-12-04',
          membersPresent: 8,
          problemsSolved: 1,
          note: '为社区老人义诊',
        }),
      [['visit.log', { station: ['demo-station'] }]],
    );
  });
});
