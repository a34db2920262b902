import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createLocalServer } from '../../local/server';

/** A local server on a free port for the tests of one describe block (its base URL once it listens). */
function localServer() {
  const { server, runtime } = createLocalServer({ dataDir: ':memory:', h5Dir: join(__dirname, 'missing-h5') });
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
  const { url } = localServer();
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

  test('a PNG upload is stored and served; other files and anonymous uploads are refused', async () => {
    const png = readFileSync(join(__dirname, '../../miniprogram/assets/tab-home.png'));
    const token = await login('demo-resident');
    const up = (await (
      await fetch(`${url()}/api/upload`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: png })
    ).json()) as { ok: boolean; data: { url: string } };
    expect(up.data.url).toMatch(/^\/uploads\/[a-f0-9]{32}\.png$/);
    const back = await fetch(`${url()}${up.data.url}`);
    expect(back.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await back.arrayBuffer()).equals(png)).toBe(true);
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
