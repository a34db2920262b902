import { photoFolder, uploaderKey } from '../../../cloudfunctions/core/platform/files';
import { FILE_URL_TTL_S } from '../../../cloudfunctions/core/platform/files';
import { collections } from '../../../cloudfunctions/deployed/storage';
import {
  addMembers,
  createHarness,
  errorCode,
  ok,
  snapshot,
  TEST_SECRET,
  wishInput,
  type Harness,
} from '../../support/harness';

/**
 * Photos stay private: an action takes only photos its caller uploaded, and a view shows a photo only by a
 * short-lived URL, made for a reader who may see it.
 */
const problemInput = {
  category: '环境卫生',
  description: '3栋楼下垃圾堆放多日无人清运，气味很大',
  unitId: 'huazhongg1u1',
  phone: '13600002222',
};

/** Every response a reader got, as text: a photo reached them if its id (the path of any URL of it) is in it. */
const seen = (...responses: unknown[]) => JSON.stringify(responses);

async function postedWish(h: Harness): Promise<string> {
  return ok(await h.call('wish', 'demo-resident', 'postWish', wishInput)).wish.id;
}

async function claimedWish(h: Harness): Promise<string> {
  const wishId = await postedWish(h);
  ok(await h.call('wish', 'demo-station', 'reviewWish', { wishId, decision: 'approve' }));
  ok(await h.call('wish', 'demo-member', 'claimWish', { wishId }));
  return wishId;
}

async function submitted(h: Harness, photos: string[] = []): Promise<string> {
  return ok(await h.call('report', 'demo-resident', 'submitProblem', { ...problemInput, photos })).problem.id;
}

async function acknowledged(h: Harness): Promise<string> {
  const problemId = await submitted(h);
  ok(
    await h.call('report', 'demo-station', 'triage', {
      problemId,
      action: 'whistle',
      departments: ['dept1', 'dept2'],
      leadDepartment: 'dept1',
    }),
  );
  ok(await h.call('report', 'demo-department', 'acknowledge', { problemId }));
  return problemId;
}

/** Each action that takes photos: who calls it, how to get there, and the call with the photos given. */
type PhotoAction = {
  fn: 'wish' | 'report';
  action: string;
  caller: string;
  /** The input field the photos go in: one `photo`, or a list `photos`. */
  field: 'photo' | 'photos';
  prepare: (h: Harness) => Promise<Record<string, unknown>>;
};
const photoActions: PhotoAction[] = [
  { fn: 'wish', action: 'postWish', caller: 'demo-resident', field: 'photo', prepare: async () => wishInput },
  {
    fn: 'wish',
    action: 'fulfilWish',
    caller: 'demo-member',
    field: 'photo',
    prepare: async (h) => ({ wishId: await claimedWish(h), note: '已更换水龙头阀芯' }),
  },
  {
    fn: 'report',
    action: 'submitProblem',
    caller: 'demo-resident',
    field: 'photos',
    prepare: async () => problemInput,
  },
  {
    fn: 'report',
    action: 'stationRespond',
    caller: 'demo-station',
    field: 'photos',
    prepare: async (h) => {
      const problemId = await submitted(h);
      ok(await h.call('report', 'demo-station', 'triage', { problemId, action: 'solveInStation' }));
      return { problemId, result: '已联系物业清运' };
    },
  },
  {
    fn: 'report',
    action: 'respond',
    caller: 'demo-department',
    field: 'photos',
    prepare: async (h) => ({ problemId: await acknowledged(h), result: '已安排环卫车清运' }),
  },
];

const withPhotos = (a: PhotoAction, base: Record<string, unknown>, photos: string[]) =>
  a.field === 'photo' ? { ...base, photo: photos[0] } : { ...base, photos };

describe.each(photoActions)('$action ($fn) takes only photos its caller uploaded', (a) => {
  let h: Harness;
  let input: Record<string, unknown>;
  beforeEach(async () => {
    h = createHarness();
    input = await a.prepare(h);
  });

  test('a photo another person uploaded (its id learned) is refused, and nothing changes', async () => {
    const theirs = h.upload('demo-district');
    const before = await snapshot(h.store, [...collections]);
    const res = await h.call(a.fn, a.caller, a.action, withPhotos(a, input, [theirs]));
    expect(errorCode(res)).toBe('PHOTO.NOT_YOURS');
    expect(res.ok ? {} : res.error).toMatchObject({
      message: '只能使用您自己上传的照片',
      fields: { [a.field === 'photo' ? 'photo' : 'photos.0']: '只能使用您自己上传的照片' },
    });
    expect(await snapshot(h.store, [...collections])).toBe(before);
  });

  test('its own photo is stored as its id and shown to it by a short-lived URL', async () => {
    const mine = h.upload(a.caller);
    const data = ok(await h.call(a.fn, a.caller, a.action, withPhotos(a, input, [mine])));
    const view = (data.wish ?? data.problem) as Record<string, unknown>;
    const shown = a.action === 'fulfilWish' ? view.fulfilPhoto : a.field === 'photo' ? view.photo : view;
    const urls = a.field === 'photo' ? [shown] : (view[a.action === 'submitProblem' ? 'photos' : 'resultPhotos'] as []);
    expect(urls).toEqual([expect.stringMatching(new RegExp(`^${mine}\\?exp=\\d+&sig=[a-f0-9]{32}$`))]);
    const stored = h.store.dump(a.fn === 'wish' ? 'wishes' : 'problems').find((d) => d._id === view.id);
    expect(JSON.stringify(stored)).toContain(JSON.stringify(mine));
  });
});

describe('what counts as the caller’s own photo', () => {
  let h: Harness;
  beforeEach(() => {
    h = createHarness();
  });
  const key = (openid: string) => uploaderKey(TEST_SECRET, openid);

  test.each([
    ['a mini-program code in storage', 'cloud://hl-prod.6868-bucket/minicodes/0123456789abcdef0123456789abcdef.png'],
    ['a photo from before uploads carried their uploader', `/uploads/${'a'.repeat(32)}.jpg`],
    ['an upload of its own folder that was never made', `/uploads/${key('demo-resident')}/${'b'.repeat(32)}.jpg`],
    [
      'a cloud id in its own folder with no file (or of another environment)',
      `cloud://x.y/photos/${key('demo-resident')}/abcdefgh.jpg`,
    ],
    ['an id in another person’s folder', `/uploads/${key('demo-member')}/${'c'.repeat(32)}.jpg`],
  ])('%s is refused', async (_name, photo) => {
    const before = await snapshot(h.store, [...collections]);
    expect(errorCode(await h.call('wish', 'demo-resident', 'postWish', { ...wishInput, photo }))).toBe(
      'PHOTO.NOT_YOURS',
    );
    expect(
      errorCode(await h.call('report', 'demo-resident', 'submitProblem', { ...problemInput, photos: [photo] })),
    ).toBe('PHOTO.NOT_YOURS');
    expect(await snapshot(h.store, [...collections])).toBe(before);
  });

  test('one photo not its own among its own refuses them all, naming that one', async () => {
    const photos = [h.upload('demo-resident'), h.upload('demo-member'), h.upload('demo-resident')];
    const res = await h.call('report', 'demo-resident', 'submitProblem', { ...problemInput, photos });
    expect(res.ok ? {} : res.error.fields).toEqual({ 'photos.1': '只能使用您自己上传的照片' });
    expect(h.store.dump('problems')).toEqual([]);
  });

  test('a retried report with its own photos answers with the first record', async () => {
    const photos = [h.upload('demo-resident')];
    const input = { ...problemInput, photos, requestId: 'req-photos-1' };
    const first = ok(await h.call('report', 'demo-resident', 'submitProblem', input)).problem;
    const again = ok(await h.call('report', 'demo-resident', 'submitProblem', input)).problem;
    expect(again.id).toBe(first.id);
    expect(h.store.dump('problems')).toHaveLength(1);
  });

  test('uploadSlot names the caller’s own folder, a key that does not show the OPENID', async () => {
    const resident = ok(await h.call('report', 'demo-resident', 'uploadSlot', {}));
    const member = ok(await h.call('report', 'demo-member', 'uploadSlot', {}));
    expect(resident).toEqual({ folder: photoFolder(TEST_SECRET, 'demo-resident') });
    expect(resident.folder).toMatch(/^photos\/[a-f0-9]{20}\/$/);
    expect(member.folder).not.toBe(resident.folder);
    expect(resident.folder).not.toContain('demo-resident');
    expect(errorCode(await h.call('report', null, 'uploadSlot', {}))).toBe('AUTH.UNAUTHENTICATED');
  });
});

describe('who is shown a wish’s photos', () => {
  let h: Harness;
  let photo: string;
  let wishId: string;
  beforeEach(async () => {
    h = createHarness();
    photo = h.upload('demo-resident');
    wishId = ok(await h.call('wish', 'demo-resident', 'postWish', { ...wishInput, photo })).wish.id;
  });
  const url = expect.stringMatching(/^\/uploads\/[a-f0-9]{20}\/[a-f0-9]{32}\.jpg\?exp=\d+&sig=[a-f0-9]{32}$/);

  test('the resident and the station see it; members only once it is on their community’s wall', async () => {
    expect(ok(await h.call('wish', 'demo-resident', 'myWishes', {})).items[0].photo).toEqual(url);
    expect(ok(await h.call('wish', 'demo-station', 'listWishes', {})).items[0].photo).toEqual(url);
    const [elsewhere] = addMembers(h, 1, 'xiaosu', 'x');
    const early = await h.call('wish', 'demo-member', 'browseWishes', {});
    expect(ok(early).items).toEqual([]);
    ok(await h.call('wish', 'demo-station', 'reviewWish', { wishId, decision: 'approve' }));
    expect(ok(await h.call('wish', 'demo-member', 'browseWishes', {})).items[0].photo).toEqual(url);
    const other = await h.call('wish', elsewhere as string, 'browseWishes', {});
    expect(ok(other).items).toEqual([]);
    expect(seen(early, other)).not.toContain(photo);
  });

  test('the fulfilment photo goes to those who stand to the wish, never to the wall', async () => {
    ok(await h.call('wish', 'demo-station', 'reviewWish', { wishId, decision: 'approve' }));
    ok(await h.call('wish', 'demo-member', 'claimWish', { wishId }));
    const done = h.upload('demo-member');
    ok(await h.call('wish', 'demo-member', 'fulfilWish', { wishId, note: '已修好', photo: done }));
    expect(ok(await h.call('wish', 'demo-member', 'myClaims', {})).items[0].fulfilPhoto).toEqual(url);
    expect(ok(await h.call('wish', 'demo-resident', 'myWishes', {})).items[0].fulfilPhoto).toEqual(url);
    // Back on the wall (not done, then released by the station): its photo shows, the fulfilment's does not.
    ok(await h.call('wish', 'demo-resident', 'confirmWish', { wishId, fulfilled: false, note: '还在滴水' }));
    ok(await h.call('wish', 'demo-station', 'releaseClaim', { wishId, reason: '党员无法继续' }));
    const [stranger] = addMembers(h, 1);
    const wall = await h.call('wish', stranger as string, 'browseWishes', {});
    expect(ok(wall).items[0]).toMatchObject({ id: wishId, photo: url, fulfilPhoto: null });
    expect(seen(wall)).not.toContain(done);
  });

  test('a page of wishes has its photos made into URLs in one batch; a page without photos in none', async () => {
    for (let i = 0; i < 3; i++)
      ok(await h.call('wish', 'demo-resident', 'postWish', { ...wishInput, photo: h.upload('demo-resident') }));
    const urls = jest.spyOn(h.files, 'urls');
    const page = ok(await h.call('wish', 'demo-resident', 'myWishes', {}));
    expect(page.items.map((w: { photo: string }) => w.photo)).toEqual([url, url, url, url]);
    expect(urls).toHaveBeenCalledTimes(1);
    expect(urls.mock.calls[0]?.[0]).toHaveLength(4);
    urls.mockClear();
    ok(await h.call('wish', 'demo-station', 'listWishes', { status: 'open' }));
    expect(urls).not.toHaveBeenCalled();
  });

  test('storage out of reach: the list still answers, without photos, and says so in the log', async () => {
    h.runtime.files = { urls: () => Promise.reject(new Error('storage down')), missing: async () => [] };
    expect(ok(await h.call('wish', 'demo-resident', 'myWishes', {})).items[0]).toMatchObject({
      id: wishId,
      photo: null,
    });
    expect(h.logs).toEqual([expect.objectContaining({ level: 'warn', fn: 'files.urls', error: 'storage down' })]);
  });
});

describe('who is shown a problem’s photos', () => {
  let h: Harness;
  let photo: string;
  let problemId: string;
  beforeEach(async () => {
    h = createHarness();
    photo = h.upload('demo-resident');
    problemId = await submitted(h, [photo]);
  });
  const url = expect.stringMatching(/^\/uploads\/[a-f0-9]{20}\/[a-f0-9]{32}\.jpg\?exp=\d+&sig=[a-f0-9]{32}$/);
  const other = (openid: string) =>
    h.store.insertMany('grants', [
      {
        _id: `${openid}~department`,
        openid,
        role: 'department',
        scope: 'department',
        scopeId: 'dept3',
        grantedBy: 'test',
        at: '2026-01-01T00:00:00.000Z',
      },
    ]);

  test('the reporter, the station and the district; a department once whistled; never a neighbour', async () => {
    expect(ok(await h.call('report', 'demo-resident', 'myProblems', {})).items[0].photos).toEqual([url]);
    expect(ok(await h.call('report', 'demo-station', 'stationProblems', {})).items[0].photos).toEqual([url]);
    expect(ok(await h.call('report', 'demo-district', 'stationProblems', {})).items[0].photos).toEqual([url]);
    const before = await h.call('report', 'demo-department', 'departmentWhistles', {});
    expect(ok(before).items).toEqual([]);
    // A neighbour sees the problem nearby (to say 我也遇到), not its photos.
    const [neighbour] = addMembers(h, 1);
    const nearby = await h.call('report', neighbour as string, 'nearbyProblems', { unitId: 'huazhongg1u2' });
    expect(ok(nearby).items).toEqual([expect.objectContaining({ id: problemId, photos: [] })]);
    ok(
      await h.call('report', 'demo-station', 'triage', {
        problemId,
        action: 'whistle',
        departments: ['dept1'],
        leadDepartment: 'dept1',
      }),
    );
    expect(ok(await h.call('report', 'demo-department', 'departmentWhistles', {})).items[0].photos).toEqual([url]);
    other('dept3-staff');
    const notWhistled = await h.call('report', 'dept3-staff', 'departmentWhistles', {});
    expect(ok(notWhistled).items).toEqual([]);
    const nearbyAfter = await h.call('report', neighbour as string, 'nearbyProblems', { unitId: 'huazhongg1u2' });
    expect(seen(before, nearby, notWhistled, nearbyAfter)).not.toContain(photo);
  });

  test('the result photos go with the problem to the resident', async () => {
    ok(await h.call('report', 'demo-station', 'triage', { problemId, action: 'solveInStation' }));
    const result = h.upload('demo-station');
    ok(await h.call('report', 'demo-station', 'stationRespond', { problemId, result: '已清运', photos: [result] }));
    ok(await h.call('report', 'demo-station', 'confirmResult', { problemId }));
    expect(ok(await h.call('report', 'demo-resident', 'myProblems', {})).items[0]).toMatchObject({
      photos: [url],
      resultPhotos: [url],
    });
  });
});

describe('a photo URL of the local run', () => {
  test('opens its file until it expires; a forged, stretched or moved signature opens nothing', async () => {
    const h = createHarness();
    const photo = h.upload('demo-resident');
    const other = h.upload('demo-resident');
    ok(await h.call('wish', 'demo-resident', 'postWish', { ...wishInput, photo }));
    const shown = ok(await h.call('wish', 'demo-resident', 'myWishes', {})).items[0].photo as string;
    const [path, query] = shown.split('?') as [string, string];
    const params = (patch: Record<string, string> = {}) =>
      new URLSearchParams({ ...Object.fromEntries(new URLSearchParams(query)), ...patch });
    expect(h.files.open(path, params())).toEqual({ file: expect.stringMatching(/\.jpg$/), ttl: FILE_URL_TTL_S });
    const sig = params().get('sig') as string;
    const exp = Number(params().get('exp'));
    expect(h.files.open(path, params({ sig: `${sig.slice(0, -1)}${sig.endsWith('0') ? '1' : '0'}` }))).toBeNull();
    expect(h.files.open(path, params({ exp: String(exp + 60_000) }))).toBeNull();
    expect(h.files.open(other, params())).toBeNull();
    expect(h.files.open(path, new URLSearchParams())).toBeNull();
    h.clock.advance(FILE_URL_TTL_S * 1000 - 1000);
    expect(h.files.open(path, params())).toEqual(expect.objectContaining({ ttl: 1 }));
    h.clock.advance(1000);
    expect(h.files.open(path, params())).toBeNull();
    // Shown again, it has a fresh URL.
    const again = ok(await h.call('wish', 'demo-resident', 'myWishes', {})).items[0].photo as string;
    expect(h.files.open(path, new URLSearchParams(again.split('?')[1]))).not.toBeNull();
  });
});
