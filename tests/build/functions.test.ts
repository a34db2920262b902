import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { probeBundle } from '../../scripts/bundle-probe';
import { functions } from '../../cloudfunctions/deployed';
import { NODE_RUNTIME, NODE_TARGET } from '../../scripts/node-target';
import { seedDemo } from '../../local/demo-data';
import { CloudbaseFake, FAKE_ENV } from '../store/support/cloudbase-fake';

/** Checks the bundles `npm run build:functions` made, the way CloudBase will load them. */
const out = resolve(__dirname, '../../dist/cloudfunctions');
const names = Object.keys(functions);

test('the bundles are built for the runtime they are deployed on, and this Node is that runtime', () => {
  const rc = JSON.parse(readFileSync(resolve(__dirname, '../../cloudbaserc.json'), 'utf8')) as {
    functions: Array<{ runtime: string }>;
  };
  expect(new Set(rc.functions.map((f) => f.runtime))).toEqual(new Set([NODE_RUNTIME]));
  const major = /^Nodejs(\d+)\./.exec(NODE_RUNTIME)?.[1];
  expect(NODE_TARGET).toBe(`node${major}`);
  // The load test below runs each bundle here: an API newer than the runtime would fail it.
  expect(process.versions.node.split('.')[0]).toBe(major);
});

describe.each(names)('dist/cloudfunctions/%s', (name) => {
  const file = join(out, name, 'index.js');
  const source = () => readFileSync(join(out, name, 'app.js'), 'utf8');

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

  // The bundle itself, in this test's sandbox (its process.env, and nock in front of its HTTP): index.js would
  // run it in the worker's own context. index.js is loaded as CloudBase does by the probe below.
  const load = () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(join(out, name, 'app.js')) as {
      main: (event: unknown, context: unknown) => Promise<{ ok: boolean; error?: { code: string } }>;
    };
  };
  const readAction: Record<string, string> = {
    org: 'me',
    checkin: 'myReports',
    wish: 'myWishes',
    points: 'myPoints',
    report: 'myProblems',
  };

  test('loads in a plain Node process with nothing of the repository around it, and exports main', () => {
    expect(probeBundle(join(out, name))).toMatchObject({ mainType: 'function', codeCache: 'used' });
  });

  test('a code cache that does not fit (another V8) is refused and the bundle still loads from source', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hongling-cache-'));
    try {
      cpSync(join(out, name), dir, { recursive: true });
      writeFileSync(join(dir, 'app.jsc'), Buffer.from('not a code cache'));
      expect(probeBundle(dir)).toMatchObject({ mainType: 'function', codeCache: 'rejected' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('asks for exactly the WeChat open APIs it calls', () => {
    const config = join(out, name, 'config.json');
    const openapi = existsSync(config)
      ? ((JSON.parse(readFileSync(config, 'utf8')) as { permissions?: { openapi?: string[] } }).permissions?.openapi ??
        [])
      : [];
    const expected =
      { checkin: ['wxacode.getUnlimited'], report: ['subscribeMessage.send'], timer: ['subscribeMessage.send'] }[
        name
      ] ?? [];
    expect(openapi).toEqual(expected);
  });

  if (name === 'timer') {
    test('config.json carries a valid 7-field timer trigger (seconds first)', () => {
      const { triggers } = JSON.parse(readFileSync(join(out, name, 'config.json'), 'utf8')) as {
        triggers: Array<{ type: string; config: string }>;
      };
      expect(triggers).toHaveLength(1);
      expect(triggers[0]?.type).toBe('timer');
      const fields = triggers[0]!.config.split(' ');
      expect(fields).toHaveLength(7);
      const ranges = [
        [0, 59],
        [0, 59],
        [0, 23],
        [1, 31],
        [1, 12],
        [0, 6],
        [1970, 2099],
      ] as const;
      fields.forEach((field, i) => {
        const [lo, hi] = ranges[i]!;
        for (const part of field.split(',')) {
          const m = /^(\*|\d+(?:-\d+)?)(?:\/(\d+))?$/.exec(part);
          expect(m).not.toBeNull();
          const [, base, step] = m!;
          if (base !== '*') for (const n of base!.split('-').map(Number)) expect(n >= lo && n <= hi).toBe(true);
          if (step) expect(Number(step)).toBeGreaterThan(0);
        }
      });
      expect(fields[0]).toMatch(/^\d+$/); // a fixed second, so it fires once per matching minute
    });

    test('refuses a call made by a signed-in user (timer triggers carry no OPENID)', async () => {
      process.env.WX_OPENID = 'wx-user';
      process.env.WX_CONTEXT_KEYS = 'WX_OPENID';
      const res = await load().main({}, {});
      delete process.env.WX_OPENID;
      delete process.env.WX_CONTEXT_KEYS;
      expect(res).toEqual({ ok: false, error: expect.objectContaining({ code: 'AUTH.FORBIDDEN' }) });
    });
  } else {
    test('answers a member from the database, through the SDK as bundled (the parts left out are never reached)', async () => {
      const fake = new CloudbaseFake().install();
      const saved = { ...process.env };
      Object.assign(process.env, {
        TENCENTCLOUD_RUNENV: 'SCF',
        TENCENTCLOUD_REGION: 'ap-shanghai',
        SCF_NAMESPACE: FAKE_ENV,
        TCB_ENV: FAKE_ENV,
        TENCENTCLOUD_SECRETID: 'AKIDtest',
        TENCENTCLOUD_SECRETKEY: 'test-key',
        HONGLING_SECRET: 'bundle-test-secret',
        SILENCE: 'true',
      });
      try {
        seedDemo(fake, new Date('2026-11-26T02:00:00.000Z'));
        const res = await load().main(
          { action: readAction[name], data: {} },
          { environ: 'WX_OPENID=demo-member;WX_CONTEXT_KEYS=WX_OPENID' },
        );
        expect(res).toMatchObject({ ok: true });
        expect(fake.requests.length).toBeGreaterThan(0);
      } finally {
        process.env = saved;
        fake.uninstall();
      }
    });

    test('takes identity from the platform only: an OPENID in the event is ignored', async () => {
      delete process.env.WX_OPENID;
      const res = await load().main(
        {
          action: readAction[name],
          data: {},
          OPENID: 'demo-station',
          openid: 'demo-station',
          userInfo: { openId: 'demo-station' },
        },
        {},
      );
      expect(res).toEqual({ ok: false, error: expect.objectContaining({ code: 'AUTH.UNAUTHENTICATED' }) });
    });
  }
});
