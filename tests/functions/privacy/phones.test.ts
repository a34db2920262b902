import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { phoneVisibility, viewers, type PhoneRecord, type PhoneView, type Viewer } from '@shared/core/privacy';
import { addMembers, createHarness, ok, validReport, type Harness } from '../../support/harness';

/**
 * Issue 12, defects 2 and 16: each cell of the privacy table (shared/src/core/privacy.ts), read through
 * the real views by an account that stands to the record that way.
 */
const RESIDENT_PHONE = '13600002222';
const MEMBER_PHONE = validReport.phone;

function shape(phone: string | null | undefined, full: string): PhoneView {
  if (phone === full) return 'full';
  if (phone && /^\d{3}\*{4}\d{4}$/.test(phone) && phone.slice(-4) === full.slice(-4)) return 'masked';
  if (phone === null || phone === undefined || phone === '') return 'none';
  throw new Error(`unexpected phone ${phone}`);
}

type Read = (h: Harness, ids: Ids) => Promise<string | null | undefined>;
type Ids = { wishId: string; problemId: string };

const reads: Record<PhoneRecord, Partial<Record<Viewer, Read>>> = {
  enrolment: {
    owner: async (h) => ok(await h.call('checkin', 'demo-newmember', 'myReports', {})).items[0]?.phone,
    stationAdmin: async (h) =>
      ok(await h.call('checkin', 'demo-station', 'listReports', { status: 'pending' })).items[0]?.phone,
    districtAdmin: async (h) =>
      ok(await h.call('checkin', 'demo-district', 'listReports', { status: 'pending' })).items[0]?.phone,
    orgAdmin: async (h) => ok(await h.call('checkin', 'demo-orgadmin', 'orgReceipts', {})).items[0]?.phone,
  },
  wish: {
    owner: async (h) => ok(await h.call('wish', 'demo-resident', 'myWishes', {})).items[0]?.residentPhone,
    stationAdmin: async (h) =>
      ok(await h.call('wish', 'demo-station', 'listWishes', { status: 'claimed' })).items[0]?.residentPhone,
    gridSecretary: async (h) =>
      ok(await h.call('wish', 'demo-grid', 'listWishes', { status: 'claimed' })).items[0]?.residentPhone,
    unitLeader: async (h) =>
      ok(await h.call('wish', 'demo-unitleader', 'unitWishes', { status: 'claimed' })).items[0]?.residentPhone,
    claimant: async (h, ids) =>
      ok(await h.call('wish', 'demo-member', 'myClaims', {})).items.find((w: { id: string }) => w.id === ids.wishId)
        ?.residentPhone,
    // A second wish, posted with the resident's consent to be called by the member who claims it.
    consentedClaimant: async (h) => {
      const wishId = ok(
        await h.call('wish', 'demo-resident', 'postWish', {
          title: '帮忙换灯泡',
          description: '楼道灯泡坏了，家里没有梯子',
          category: '维修服务',
          unitId: 'huazhongg1u1',
          phone: RESIDENT_PHONE,
          phoneConsent: true,
        }),
      ).wish.id;
      ok(await h.call('wish', 'demo-station', 'reviewWish', { wishId, decision: 'approve' }));
      ok(await h.call('wish', 'demo-member', 'claimWish', { wishId }));
      const claims = ok(await h.call('wish', 'demo-member', 'myClaims', {})).items;
      const mine = claims.find((w: { id: string }) => w.id === wishId);
      expect(mine).toMatchObject({ phoneConsent: true, residentName: '王秀英' });
      return mine?.residentPhone;
    },
    districtAdmin: async (h) =>
      ok(await h.call('wish', 'demo-district', 'listWishes', { communityId: 'huazhong', status: 'claimed' })).items[0]
        ?.residentPhone,
  },
  problem: {
    owner: async (h, ids) =>
      ok(await h.call('report', 'demo-resident', 'myProblems', {})).items.find(
        (p: { id: string }) => p.id === ids.problemId,
      )?.reporterPhone,
    stationAdmin: async (h) =>
      ok(await h.call('report', 'demo-station', 'stationProblems', { status: 'whistled' })).items[0]?.reporterPhone,
    sharedDepartment: async (h) =>
      ok(await h.call('report', 'demo-department', 'departmentWhistles', { open: true })).items[0]?.reporterPhone,
    districtAdmin: async (h) =>
      ok(await h.call('report', 'demo-district', 'stationProblems', { status: 'whistled' })).items[0]?.reporterPhone,
    other: async (h, ids) =>
      ok(await h.call('report', 'm0', 'nearbyProblems', { unitId: 'huazhongg1u2' })).items.find(
        (p: { id: string }) => p.id === ids.problemId,
      )?.reporterPhone,
    orgAdmin: async (h, ids) =>
      ok(await h.call('report', 'demo-orgadmin', 'meToo', { problemId: ids.problemId })).problem.reporterPhone,
  },
};

describe('who sees a phone number: every cell of the table, through the views', () => {
  let h: Harness;
  let ids: Ids;
  beforeAll(async () => {
    h = createHarness();
    addMembers(h, 1);
    // A 报到 waiting for review; a wish claimed by demo-member; a problem whistled to dept1 with the identity shared.
    ok(await h.call('checkin', 'demo-newmember', 'submitReport', { token: h.token('huazhong'), ...validReport }));
    const wish = ok(
      await h.call('wish', 'demo-resident', 'postWish', {
        title: '帮忙修理水龙头',
        description: '厨房水龙头漏水，需要更换阀芯',
        category: '维修服务',
        unitId: 'huazhongg1u1',
        phone: RESIDENT_PHONE,
      }),
    ).wish;
    ok(await h.call('wish', 'demo-station', 'reviewWish', { wishId: wish.id, decision: 'approve' }));
    ok(await h.call('wish', 'demo-member', 'claimWish', { wishId: wish.id }));
    const problem = ok(
      await h.call('report', 'demo-resident', 'submitProblem', {
        category: '环境卫生',
        description: '3栋楼下垃圾堆放多日无人清运',
        unitId: 'huazhongg1u1',
        phone: RESIDENT_PHONE,
      }),
    ).problem;
    ok(
      await h.call('report', 'demo-station', 'triage', {
        problemId: problem.id,
        action: 'whistle',
        departments: ['dept1'],
        leadDepartment: 'dept1',
        shareIdentity: true,
      }),
    );
    ids = { wishId: wish.id, problemId: problem.id };
  });

  const cells = (Object.entries(reads) as Array<[PhoneRecord, Partial<Record<Viewer, Read>>]>).flatMap(
    ([record, byViewer]) =>
      (Object.entries(byViewer) as Array<[Viewer, Read]>).map(([viewer, read]) => [record, viewer, read] as const),
  );

  test.each(cells)('%s as %s', async (record, viewer, read) => {
    const full = record === 'enrolment' ? MEMBER_PHONE : RESIDENT_PHONE;
    expect(shape(await read(h, ids), full)).toBe(phoneVisibility[record][viewer]);
  });

  test('a shared identity reaches only the whistled departments: other signed-in people see no name or phone', async () => {
    for (const openid of ['demo-member', 'demo-orgadmin', 'demo-newmember', 'demo-unitleader']) {
      const seen = ok(await h.call('report', openid, 'nearbyProblems', { unitId: 'huazhongg1u2' })).items.find(
        (p: { id: string }) => p.id === ids.problemId,
      );
      expect(seen).toMatchObject({ reporterName: null, reporterPhone: null });
    }
    const dept = ok(await h.call('report', 'demo-department', 'departmentWhistles', { open: true })).items[0];
    expect(dept).toMatchObject({ reporterName: '王秀英', reporterPhone: RESIDENT_PHONE });
  });
});

test('the README shows the same table', () => {
  const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
  const header = `| record | ${viewers.join(' | ')} |`;
  expect(readme).toContain(header);
  for (const record of Object.keys(phoneVisibility) as PhoneRecord[]) {
    expect(readme).toContain(`| ${record} | ${viewers.map((v) => phoneVisibility[record][v]).join(' | ')} |`);
  }
});
