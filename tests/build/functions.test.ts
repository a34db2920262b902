import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { functions } from '../../cloudfunctions/core/functions';

/** Checks the bundles `npm run build:functions` made, the way CloudBase will load them. */
const out = resolve(__dirname, '../../dist/cloudfunctions');
const names = Object.keys(functions);

describe.each(names)('dist/cloudfunctions/%s', (name) => {
  const file = join(out, name, 'index.js');
  const source = () => readFileSync(file, 'utf8');

  test('has its bundle and package.json', () => {
    expect(existsSync(file)).toBe(true);
    const pkg = JSON.parse(readFileSync(join(out, name, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('index.js');
  });

  test('carries no development login, demo data or embedded store', () => {
    for (const forbidden of ['/api/dev/login', 'issueSession', 'demo-station', 'better-sqlite3', 'localOpenid']) {
      expect(source()).not.toContain(forbidden);
    }
  });

  const load = () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(file) as { main: (event: unknown, context: unknown) => Promise<{ ok: boolean; error?: { code: string } }> };
  };
  const readAction: Record<string, string> = { org: 'me', checkin: 'myReports', wish: 'myWishes', points: 'myPoints', report: 'myProblems' };

  if (name === 'timer') {
    test('refuses a call made by a signed-in user (timer triggers carry no OPENID)', async () => {
      process.env.WX_OPENID = 'wx-user';
      const res = await load().main({}, {});
      delete process.env.WX_OPENID;
      expect(res).toEqual({ ok: false, error: expect.objectContaining({ code: 'AUTH.FORBIDDEN' }) });
    });
  } else {
    test('takes identity from the platform only: an OPENID in the event is ignored', async () => {
      delete process.env.WX_OPENID;
      const res = await load().main({ action: readAction[name], data: {}, OPENID: 'demo-station', openid: 'demo-station', userInfo: { openId: 'demo-station' } }, {});
      expect(res).toEqual({ ok: false, error: expect.objectContaining({ code: 'AUTH.UNAUTHENTICATED' }) });
    });
  }
});
