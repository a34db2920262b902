import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { uploaderKey } from '../../cloudfunctions/core/platform/files';
import { createLocalServer } from '../../local/server';

/** A local server on a free port for the tests of one describe block (its base URL once it listens). */
function localServer(now?: () => Date) {
  const { server, runtime } = createLocalServer({ dataDir: ':memory:', h5Dir: join(__dirname, 'missing-h5'), now });
  let base = '';
  beforeAll(async () => {
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
    await runtime.store.close();
  });
  return { runtime, url: () => base };
}

/** The local server's own endpoints: development login and photo uploads. */
describe('local server', () => {
  const { runtime, url } = localServer();
  const login = async (openid: string) =>
    (
      (await (await fetch(`${url()}/api/dev/login`, { method: 'POST', body: JSON.stringify({ openid }) })).json()) as {
        data: { token: string };
      }
    ).data.token;

  test('only demo accounts can sign in; a forged session is anonymous', async () => {
    const res = await fetch(`${url()}/api/dev/login`, {
      method: 'POST',
      body: JSON.stringify({ openid: 'someone-else' }),
    });
    expect(res.status).toBe(400);
    const forged = await fetch(`${url()}/api/fn/org`, {
      method: 'POST',
      headers: { authorization: 'Bearer abc.def.ghi' },
      body: JSON.stringify({ action: 'me' }),
    });
    expect(((await forged.json()) as { error: { code: string } }).error.code).toBe('AUTH.UNAUTHENTICATED');
    const token = await login('demo-station');
    const me = await fetch(`${url()}/api/fn/org`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: JSON.stringify({ action: 'me', OPENID: 'demo-district' }),
    });
    expect(((await me.json()) as { data: { openid: string } }).data.openid).toBe('demo-station');
  });

  test('a PNG upload is kept as its uploader’s, never served by its id; other files and anonymous uploads are refused', async () => {
    const png = readFileSync(join(__dirname, '../../miniprogram/assets/tab-home.png'));
    const token = await login('demo-resident');
    const up = (await (
      await fetch(`${url()}/api/upload`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: png })
    ).json()) as { ok: boolean; data: { id: string } };
    expect(up.data.id).toMatch(/^\/uploads\/[a-f0-9]{20}\/[a-f0-9]{32}\.png$/);
    expect(up.data.id).toContain(uploaderKey(runtime.secret, 'demo-resident'));
    expect((await fetch(`${url()}${up.data.id}`)).status).toBe(403);
    const text = await fetch(`${url()}/api/upload`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: '<svg onload=alert(1)>',
    });
    expect(text.status).toBe(400);
    const anonymous = await fetch(`${url()}/api/upload`, { method: 'POST', body: png });
    expect(anonymous.status).toBe(401);
    const big = await fetch(`${url()}/api/upload`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: Buffer.alloc(3 * 1024 * 1024, 0xff),
    });
    expect(big.status).toBe(413);
    expect((await fetch(`${url()}/uploads/../secret`)).status).toBe(404);
  });
});

/** Photos as the H5 app meets them: uploaded, attached, then shown only by a URL the view signed, until it expires. */
describe('local server photos', () => {
  let now = new Date('2026-11-26T02:00:00.000Z');
  const { url } = localServer(() => new Date(now));
  const png = readFileSync(join(__dirname, '../../miniprogram/assets/tab-home.png'));
  const as = async (openid: string) => {
    const login = await fetch(`${url()}/api/dev/login`, { method: 'POST', body: JSON.stringify({ openid }) });
    const token = ((await login.json()) as { data: { token: string } }).data.token;
    const fn = async (name: string, action: string, data: unknown) =>
      (await (
        await fetch(`${url()}/api/fn/${name}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
          body: JSON.stringify({ action, data }),
        })
      ).json()) as { ok: boolean; data?: any; error?: { code: string } };
    const upload = async () =>
      (
        (await (
          await fetch(`${url()}/api/upload`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}` },
            body: png,
          })
        ).json()) as { data: { id: string } }
      ).data.id;
    return { fn, upload };
  };
  const wish = (photo: string) => ({
    title: '帮忙修理漏水的水龙头',
    description: '厨房水龙头一直滴水，家里只有老人，希望有人帮忙修一下',
    category: '维修服务',
    unitId: 'huazhongg1u1',
    phone: '13600001111',
    photo,
  });

  test('a signed URL serves the photo until it expires; a forged or another photo’s signature is refused', async () => {
    const resident = await as('demo-resident');
    const photo = await resident.upload();
    const posted = await resident.fn('wish', 'postWish', wish(photo));
    const shown = posted.data.wish.photo as string;
    expect(shown).toMatch(/^\/uploads\/[a-f0-9]{20}\/[a-f0-9]{32}\.png\?exp=\d+&sig=[a-f0-9]{32}$/);
    const back = await fetch(`${url()}${shown}`);
    expect(back.status).toBe(200);
    expect(back.headers.get('content-type')).toBe('image/png');
    expect(back.headers.get('cache-control')).toBe('private, max-age=900');
    expect(Buffer.from(await back.arrayBuffer()).equals(png)).toBe(true);
    const [path, query] = shown.split('?') as [string, string];
    const sig = new URLSearchParams(query).get('sig') as string;
    const forged = shown.replace(`sig=${sig}`, `sig=${sig.slice(0, -1)}${sig.endsWith('0') ? '1' : '0'}`);
    const other = await resident.upload();
    for (const refused of [forged, `${other}?${query}`, path, `${path}?exp=9999999999999&sig=${sig}`]) {
      const res = await fetch(`${url()}${refused}`);
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
    }
    now = new Date(now.getTime() + 15 * 60_000);
    expect((await fetch(`${url()}${shown}`)).status).toBe(403);
  });

  test('a photo another person uploaded cannot be attached', async () => {
    const member = await as('demo-member');
    const theirs = await member.upload();
    const resident = await as('demo-resident');
    expect((await resident.fn('wish', 'postWish', wish(theirs))).error?.code).toBe('PHOTO.NOT_YOURS');
  });
});

/** Issue 12, defects 1, 5 and 6: what an outsider can send the local server. */
describe('local server under hostile requests', () => {
  const { runtime, url } = localServer();
  const alive = async () => expect((await fetch(`${url()}/api/dev/accounts`)).status).toBe(200);

  test.each(['/%E0%A4%A', '/%', '/%zz', '/pages/%ff%fe'])(
    'GET %s answers 400 in the JSON shape and the server lives on',
    async (path) => {
      const res = await fetch(`${url()}${path}`);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
      await alive();
    },
  );

  test.each(['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf'])(
    'POST /api/fn/%s is an unknown function',
    async (name) => {
      const res = await fetch(`${url()}/api/fn/${name}`, { method: 'POST', body: JSON.stringify({ action: 'me' }) });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'ACTION.UNKNOWN' } });
    },
  );

  test.each([
    ['invalid JSON', { method: 'POST', body: '{"action": "me",' }],
    ['a body over 1 MB', { method: 'POST', body: JSON.stringify({ action: 'me', data: 'x'.repeat(1_100_000) }) }],
    ['a JSON array', { method: 'POST', body: '[1,2,3]' }],
    [
      'a form body',
      { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'action=me' },
    ],
  ])('%s answers in the JSON error shape and the server lives on', async (_name, init) => {
    const res = await fetch(`${url()}/api/fn/org`, init as RequestInit);
    expect(res.status).toBeGreaterThanOrEqual(200);
    const body = (await res.json()) as { ok: boolean; error?: { code: string } };
    expect(body.ok).toBe(false);
    expect(['INPUT.INVALID', 'AUTH.UNAUTHENTICATED', 'ACTION.UNKNOWN']).toContain(body.error?.code);
    await alive();
  });

  test.each(['GET', 'PUT', 'DELETE'])('%s on a function is unknown', async (method) => {
    const res = await fetch(`${url()}/api/fn/org`, { method });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'ACTION.UNKNOWN' } });
  });

  test.each(['/..%2f..%2fpackage.json', '/%2e%2e/%2e%2e/package.json', '/uploads/..%2f..%2fpackage.json'])(
    'GET %s never reaches a file outside the app',
    async (path) => {
      const text = await (await fetch(`${url()}${path}`)).text();
      expect(text).not.toContain('"devDependencies"');
      await alive();
    },
  );

  test('a tampered session (one character changed, or another signature) is nobody', async () => {
    const token = (
      (await (
        await fetch(`${url()}/api/dev/login`, { method: 'POST', body: JSON.stringify({ openid: 'demo-station' }) })
      ).json()) as { data: { token: string } }
    ).data.token;
    // openid.expiry.signature: change the person, stretch the expiry, or touch the signature.
    const [id, expiry, signature] = token.split('.') as [string, string, string];
    const district = Buffer.from('demo-district').toString('base64url');
    const forgeries = [
      `${district}.${expiry}.${signature}`,
      `${id}.${(parseInt(expiry, 36) + 1).toString(36)}.${signature}`,
      `${id}.${expiry}.${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`,
      `${id}.${expiry}.`,
    ];
    for (const forged of forgeries) {
      const res = await fetch(`${url()}/api/fn/org`, {
        method: 'POST',
        headers: { authorization: `Bearer ${forged}` },
        body: JSON.stringify({ action: 'me' }),
      });
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'AUTH.UNAUTHENTICATED' } });
    }
  });

  test('the periodic function cannot be run over HTTP, with or without a session', async () => {
    const token = (
      (await (
        await fetch(`${url()}/api/dev/login`, { method: 'POST', body: JSON.stringify({ openid: 'demo-station' }) })
      ).json()) as { data: { token: string } }
    ).data.token;
    const audit = runtime.store.dump('audit').length;
    const sessions: Array<Record<string, string>> = [
      {},
      { authorization: 'Bearer forged.token.here' },
      { authorization: `Bearer ${token}` },
    ];
    for (const headers of sessions) {
      const res = await fetch(`${url()}/api/fn/timer`, { method: 'POST', headers, body: '{}' });
      expect(res.status).toBe(404);
    }
    expect(runtime.store.dump('audit')).toHaveLength(audit);
  });
});

/** The organisation tree's spreadsheets over the local server: an upload to import, an export to download. */
describe('local server spreadsheets', () => {
  const { url } = localServer();
  const as = async (openid: string) => {
    const login = await fetch(`${url()}/api/dev/login`, { method: 'POST', body: JSON.stringify({ openid }) });
    const token = ((await login.json()) as { data: { token: string } }).data.token;
    return {
      fn: async (action: string, data: unknown) =>
        (await (
          await fetch(`${url()}/api/fn/org`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}` },
            body: JSON.stringify({ action, data }),
          })
        ).json()) as { ok: boolean; data?: any; error?: { code: string } },
      upload: async (body: Buffer) =>
        (await (
          await fetch(`${url()}/api/upload`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}` },
            body: new Uint8Array(body),
          })
        ).json()) as { ok: boolean; data?: { id: string } },
    };
  };

  test('the district exports, downloads through the signed link (an attachment), uploads it back and imports it', async () => {
    const district = await as('demo-district');
    const exported = await district.fn('exportTree', {});
    expect(exported.ok).toBe(true);
    const res = await fetch(`${url()}${exported.data.url}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toBe('attachment');
    const bytes = Buffer.from(await res.arrayBuffer());
    // Its id alone (without the signature) serves nothing.
    expect((await fetch(`${url()}${String(exported.data.url).split('?')[0]}`)).status).toBe(403);
    const up = await district.upload(bytes);
    expect(up.data?.id).toMatch(/^\/uploads\/[a-f0-9]{20}\/[a-f0-9]{32}\.xlsx$/);
    const imported = await district.fn('importTree', { fileId: up.data?.id });
    expect(imported.data).toMatchObject({ written: true, problems: [] });
    expect(imported.data.counts.unit).toMatchObject({ added: 0, changed: 0 });
    // The file is the district's own: the station cannot import it (nor may it import at all).
    const station = await as('demo-station');
    expect((await station.fn('importTree', { fileId: up.data?.id })).error?.code).toBe('AUTH.FORBIDDEN');
  });
});
