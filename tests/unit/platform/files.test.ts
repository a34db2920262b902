import { cloudbaseFiles } from '../../../cloudfunctions/core/platform/cloudbase-files';
import { FILE_URL_TTL_S, photoFolder } from '../../../cloudfunctions/core/platform/files';
import { createHarness, errorCode, ok, TEST_SECRET, wishInput } from '../../support/harness';
import { BUCKET, FAKE_STORAGE_ENV, sdkApp, StorageFake } from './support/storage-fake';

/**
 * CloudBase storage through the real @cloudbase/node-sdk (`app.getTempFileURL`), only the network answered
 * by a fake that speaks the SDK's wire format (support/storage-fake.ts).
 */
let fake: StorageFake;
beforeEach(() => {
  fake = new StorageFake().install();
});
afterEach(() => fake.stop());
const files = () => cloudbaseFiles(sdkApp());

describe('CloudBase storage', () => {
  test('a batch of ids becomes short-lived URLs in one request; ids with no file get none', async () => {
    const a = fake.put('photos/0123456789abcdef0123/lq2x9abc-k3j4h5g6.jpg');
    const b = fake.put('minicodes/0123456789abcdef0123456789abcdef.png');
    const gone = fake.id('photos/0123456789abcdef0123/never-uploaded.jpg');
    const urls = await files().urls([a, b, gone, a, '/uploads/local-only.jpg']);
    expect(fake.requests).toEqual([
      {
        envName: FAKE_STORAGE_ENV,
        fileList: [
          { fileid: a, max_age: FILE_URL_TTL_S },
          { fileid: b, max_age: FILE_URL_TTL_S },
          { fileid: gone, max_age: FILE_URL_TTL_S },
        ],
      },
    ]);
    expect([...urls.keys()]).toEqual([a, b]);
    expect(urls.get(a)).toMatch(
      new RegExp(`^https://${BUCKET}\\.tcb\\.qcloud\\.la/photos/0123456789abcdef0123/lq2x9abc-k3j4h5g6\\.jpg\\?sign=`),
    );
  });

  test('more ids than one request takes go out in requests of 50; none without a cloud id', async () => {
    const ids = Array.from({ length: 120 }, (_, i) => fake.put(`photos/0123456789abcdef0123/photo-${1000 + i}.jpg`));
    const urls = await files().urls(ids);
    expect(urls.size).toBe(120);
    expect(fake.requests.map((r) => r.fileList.length)).toEqual([50, 50, 20]);
    fake.requests.length = 0;
    expect((await files().urls(['/uploads/x.jpg'])).size).toBe(0);
    expect((await files().urls([])).size).toBe(0);
    expect(fake.requests).toEqual([]);
  });

  test('missing: the ids with no file in this environment, asked with a URL that lives a minute', async () => {
    const there = fake.put('photos/0123456789abcdef0123/lq2x9abc-k3j4h5g6.jpg');
    const gone = fake.id('photos/0123456789abcdef0123/abcdefghij.jpg');
    expect(await files().missing([there, gone, '/uploads/x.jpg'])).toEqual([gone, '/uploads/x.jpg']);
    expect(fake.requests[0]?.fileList).toEqual([
      { fileid: there, max_age: 60 },
      { fileid: gone, max_age: 60 },
    ]);
  });

  test('remove: a closed account’s photos deleted, 50 ids a request; a file already gone is no error', async () => {
    const ids = Array.from({ length: 60 }, (_, i) => fake.put(`photos/0123456789abcdef0123/photo-${2000 + i}.jpg`));
    const gone = fake.id('photos/0123456789abcdef0123/never-uploaded.jpg');
    await files().remove?.([...ids, gone, '/uploads/x.jpg', ids[0] as string]);
    expect(fake.deletes.map((d) => d.length)).toEqual([50, 11]);
    expect(fake.files.size).toBe(0);
    expect(await files().missing(ids)).toEqual(ids);
  });

  test('a refused request is thrown, as the SDK throws it', async () => {
    fake.failWith = { code: 'STORAGE_REQUEST_FAIL', message: 'storage unavailable' };
    await expect(files().missing([fake.id('photos/x/abcdefghij.jpg')])).rejects.toMatchObject({
      code: 'STORAGE_REQUEST_FAIL',
    });
  });
});

describe('photos through the functions on CloudBase storage', () => {
  const cloudHarness = () => {
    const h = createHarness({ store: 'sqlite' });
    h.runtime.files = files();
    return h;
  };

  test('the mini-program uploads into the folder uploadSlot names; the photo is accepted and shown by its temporary URL', async () => {
    const h = cloudHarness();
    const { folder } = ok(await h.call('report', 'demo-resident', 'uploadSlot', {}));
    expect(folder).toBe(photoFolder(TEST_SECRET, 'demo-resident'));
    const photo = fake.put(`${folder}lq2x9abc-k3j4h5g6.jpg`);
    const wish = ok(await h.call('wish', 'demo-resident', 'postWish', { ...wishInput, photo })).wish;
    expect(wish.photo).toMatch(
      new RegExp(`^https://${BUCKET}\\.tcb\\.qcloud\\.la/${folder}lq2x9abc-k3j4h5g6\\.jpg\\?`),
    );
    expect(JSON.stringify(wish)).not.toContain('cloud://');
    expect(h.store.dump('wishes')).toEqual([expect.objectContaining({ photo })]);
    // One request checked the photo is there, one made the view's URL.
    expect(fake.requests.map((r) => r.fileList.map((f) => f.max_age))).toEqual([[60], [FILE_URL_TTL_S]]);
  });

  test('a photo in another person’s folder is refused before storage is asked; one never uploaded after', async () => {
    const h = cloudHarness();
    const { folder: theirs } = ok(await h.call('report', 'demo-member', 'uploadSlot', {}));
    const res = await h.call('wish', 'demo-resident', 'postWish', {
      ...wishInput,
      photo: fake.put(`${theirs}lq2x9abc-k3j4h5g6.jpg`),
    });
    expect(errorCode(res)).toBe('PHOTO.NOT_YOURS');
    expect(fake.requests).toEqual([]);
    const { folder } = ok(await h.call('report', 'demo-resident', 'uploadSlot', {}));
    const never = fake.id(`${folder}lq2x9abc-zzzzzzzz.jpg`);
    expect(errorCode(await h.call('wish', 'demo-resident', 'postWish', { ...wishInput, photo: never }))).toBe(
      'PHOTO.NOT_YOURS',
    );
    expect(fake.requests).toHaveLength(1);
    expect(h.store.dump('wishes')).toEqual([]);
  });

  test('a page of wishes with photos costs one storage request', async () => {
    const h = cloudHarness();
    const { folder } = ok(await h.call('report', 'demo-resident', 'uploadSlot', {}));
    for (let i = 0; i < 5; i++)
      ok(
        await h.call('wish', 'demo-resident', 'postWish', {
          ...wishInput,
          photo: fake.put(`${folder}photo-${1000 + i}.jpg`),
        }),
      );
    fake.requests.length = 0;
    const page = ok(await h.call('wish', 'demo-resident', 'myWishes', {}));
    expect(page.items.every((w: { photo: string }) => w.photo.startsWith('https://'))).toBe(true);
    expect(fake.requests).toHaveLength(1);
  });
});
