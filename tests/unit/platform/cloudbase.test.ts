import {
  cloudOpenid,
  cloudTimerTrigger,
  cloudSettings,
} from '../../../cloudfunctions/core/platform/cloudbase.platform';
import { createWechat, type WechatApp } from '../../../cloudfunctions/core/platform/wechat';
import { miniCodeImage } from '../../../cloudfunctions/core/runtime/codes';
import { notify } from '../../../cloudfunctions/messages/messages.port';
import { SqliteStore } from '../../../cloudfunctions/core/store/sqlite.store';
import { indexes } from '../../../cloudfunctions/deployed/storage';
import { createHarness, ok } from '../../support/harness';

describe('identity on CloudBase', () => {
  afterEach(() => {
    delete process.env.WX_OPENID;
    delete process.env.WX_CONTEXT_KEYS;
  });
  test('comes from the function context: environ string or environment JSON', () => {
    expect(cloudOpenid({ environ: 'WX_OPENID=oUser1;WX_APPID=wx1;WX_CONTEXT_KEYS=WX_OPENID,WX_APPID' })).toBe('oUser1');
    expect(cloudOpenid({ environment: JSON.stringify({ WX_OPENID: 'oUser2' }) })).toBe('oUser2');
    // Older runtimes put the caller in the process environment, listed by WX_CONTEXT_KEYS.
    process.env.WX_OPENID = 'oUser3';
    process.env.WX_CONTEXT_KEYS = 'WX_OPENID,WX_APPID';
    expect(cloudOpenid({})).toBe('oUser3');
  });
  test('a timer trigger has no identity, even when a previous call left one in the process', () => {
    process.env.WX_OPENID = 'oStale';
    process.env.WX_CONTEXT_KEYS = 'WX_OPENID';
    expect(cloudOpenid({ environ: 'TRIGGER_SRC=timer' })).toBeNull();
    delete process.env.WX_OPENID;
    expect(cloudOpenid({ environ: 'TRIGGER_SRC=timer' })).toBeNull();
    expect(cloudOpenid({})).toBeNull();
    expect(cloudOpenid({ environ: 'WX_OPENID=' })).toBeNull();
  });
  test('only the timer trigger is one: a mini-program call or an invocation without it is not', () => {
    expect(cloudTimerTrigger({ environ: 'TRIGGER_SRC=timer' })).toBe(true);
    expect(cloudTimerTrigger({ environ: 'WX_OPENID=oMember' })).toBe(false);
    expect(cloudTimerTrigger({ environ: 'TRIGGER_SRC=tcbapi' })).toBe(false);
    expect(cloudTimerTrigger({})).toBe(false);
    expect(cloudTimerTrigger(undefined)).toBe(false);
  });
  test('settings come from environment variables with defaults', () => {
    expect(cloudSettings({})).toEqual({
      secret: '',
      wechat: { template: '', fields: ['thing1', 'thing2', 'time3'], version: 'release' },
    });
    expect(
      cloudSettings({
        HONGLING_SECRET: 's',
        HONGLING_RESULT_TEMPLATE: 't',
        HONGLING_RESULT_TEMPLATE_FIELDS: 'thing4, thing5,date6',
        HONGLING_WEAPP_VERSION: 'trial',
      }).wechat,
    ).toEqual({ template: 't', fields: ['thing4', 'thing5', 'date6'], version: 'trial' });
  });
});

function fakeApp(answers: { code?: Buffer | string; send?: string | Error } = {}) {
  const calls: Array<{ apiName: string; request: any }> = [];
  const uploads: string[] = [];
  const app: WechatApp = {
    async callCompatibleWxOpenApi({ apiName, requestData }) {
      calls.push({ apiName, request: JSON.parse(requestData.toString()) });
      if (apiName === 'wxacode.getUnlimited') return answers.code ?? Buffer.from([0x89, 0x50, 0x4e, 0x47]);
      if (answers.send instanceof Error) throw answers.send;
      return Buffer.from(answers.send ?? '{"errcode":0,"errmsg":"ok"}');
    },
    async uploadFile({ cloudPath }) {
      uploads.push(cloudPath);
      return { fileID: `cloud://env-1.bucket/${cloudPath}` };
    },
  };
  return { app, calls, uploads };
}

const settings = {
  template: 'TMPL',
  fields: ['thing1', 'thing2', 'time3'] as [string, string, string],
  version: 'release' as const,
};

describe('WeChat services', () => {
  let store: SqliteStore;
  const logs: Record<string, unknown>[] = [];
  beforeEach(() => {
    store = new SqliteStore({ filename: ':memory:', indexes });
    logs.length = 0;
  });

  test('a mini-program code is made once through wxacode.getUnlimited, kept in cloud storage and reused', async () => {
    const { app, calls, uploads } = fakeApp();
    const wechat = createWechat(
      app,
      () => store,
      settings,
      (e) => logs.push(e),
    );
    const first = await wechat.miniCode('pages/checkin/report/index', 'Rhuazhong.abcdefabcdefabcd');
    expect(calls).toEqual([
      {
        apiName: 'wxacode.getUnlimited',
        request: {
          scene: 'Rhuazhong.abcdefabcdefabcd',
          page: 'pages/checkin/report/index',
          check_path: false,
          env_version: 'release',
          width: 430,
        },
      },
    ]);
    expect(first).toMatch(/^cloud:\/\/env-1\.bucket\/minicodes\/[0-9a-f]{32}\.png$/);
    expect(await wechat.miniCode('pages/checkin/report/index', 'Rhuazhong.abcdefabcdefabcd')).toBe(first);
    expect(calls).toHaveLength(1);
    expect(uploads).toHaveLength(1);
    expect(store.dump('miniCodes')).toEqual([
      expect.objectContaining({ fileID: first, scene: 'Rhuazhong.abcdefabcdefabcd' }),
    ]);
  });

  test('an error from WeChat is not stored; the handler then shows the code as text', async () => {
    const { app } = fakeApp({ code: Buffer.from('{"errcode":41030,"errmsg":"invalid page"}') });
    const wechat = createWechat(
      app,
      () => store,
      settings,
      (e) => logs.push(e),
    );
    await expect(wechat.miniCode('pages/x', 's')).rejects.toThrow(/41030 invalid page/);
    expect(store.dump('miniCodes')).toEqual([]);
    const rt = { wechat, log: (e: Record<string, unknown>) => logs.push(e) } as never;
    expect(await miniCodeImage(rt, 'pages/x', 's')).toBeNull();
    expect(logs).toEqual([expect.objectContaining({ level: 'warn', fn: 'miniCode' })]);
  });

  test("a subscribe message carries the notice in the template's fields, clipped to 20 characters", async () => {
    const { app, calls } = fakeApp();
    const wechat = createWechat(
      app,
      () => store,
      settings,
      (e) => logs.push(e),
    );
    const sent = await wechat.subscribe(
      'oUser1',
      {
        key: 'k',
        title: '吹哨：区城管局已反馈处理结果，请确认并评价',
        body: '已清理',
        link: 'pages/whistle/mine/index',
      },
      new Date('2026-11-26T02:05:00Z'),
    );
    expect(sent).toBe(true);
    expect(calls[0]).toEqual({
      apiName: 'subscribeMessage.send',
      request: {
        touser: 'oUser1',
        template_id: 'TMPL',
        page: 'pages/whistle/mine/index',
        miniprogram_state: 'formal',
        lang: 'zh_CN',
        data: {
          thing1: { value: '吹哨：区城管局已反馈处理结果，请确认并…' },
          thing2: { value: '已清理' },
          time3: { value: '2026-11-26 10:05' },
        },
      },
    });
  });

  test('a refused or failed subscribe message never breaks the action; only unexpected refusals are logged', async () => {
    const notice = { key: 'k', title: 't', body: 'b', link: null };
    expect(
      await createWechat(
        fakeApp().app,
        () => store,
        { ...settings, template: '' },
        () => undefined,
      ).subscribe('o', notice, new Date()),
    ).toBe(false);
    expect(
      await createWechat(
        fakeApp({ send: '{"errcode":43101,"errmsg":"user refuse"}' }).app,
        () => store,
        settings,
        (e) => logs.push(e),
      ).subscribe('o', notice, new Date()),
    ).toBe(false);
    expect(logs).toEqual([]);
    expect(
      await createWechat(
        fakeApp({ send: '{"errcode":40003,"errmsg":"invalid openid"}' }).app,
        () => store,
        settings,
        (e) => logs.push(e),
      ).subscribe('o', notice, new Date()),
    ).toBe(false);
    expect(
      await createWechat(
        fakeApp({ send: new Error('timeout') }).app,
        () => store,
        settings,
        (e) => logs.push(e),
      ).subscribe('o', notice, new Date()),
    ).toBe(false);
    expect(logs).toEqual([expect.objectContaining({ errcode: 40003 }), expect.objectContaining({ error: 'timeout' })]);
  });

  test('the notifier sends each new message once as a subscribe message', async () => {
    const h = createHarness();
    const { app, calls } = fakeApp();
    h.runtime.wechat = createWechat(
      app,
      () => h.store,
      settings,
      () => undefined,
    );
    const notice = { key: 'whistle~w1~remind', title: '吹哨提醒', body: '请在期限前反馈', link: null };
    expect(await notify(h.runtime, ['a', 'b', 'a'], notice)).toBe(2);
    expect(await notify(h.runtime, ['a', 'b'], notice)).toBe(0);
    expect(calls.map((c) => c.request.touser)).toEqual(['a', 'b']);
  });

  test("the station's community code and an activity code carry the mini-program code image when deployed", async () => {
    const h = createHarness();
    const { app } = fakeApp();
    expect(ok(await h.call('checkin', 'demo-station', 'communityCode', {})).image).toBeNull();
    h.runtime.wechat = createWechat(
      app,
      () => h.store,
      settings,
      () => undefined,
    );
    const code = ok(await h.call('checkin', 'demo-station', 'communityCode', {}));
    expect(code.image).toMatch(/^cloud:\/\/.*\.png$/);
  });
});
