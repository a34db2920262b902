import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  cloudOpenid,
  cloudTimerTrigger,
  cloudSettings,
  templateVariables,
} from '../../../cloudfunctions/core/platform/cloudbase.platform';
import { createWechat, type CodeStorage, type WechatSettings } from '../../../cloudfunctions/core/platform/wechat';
import { wxOpenApi } from '../../../cloudfunctions/core/platform/wx-openapi';
import { installWechatFake, json, PNG, scfEnvironment, type WxAnswer } from './support/wechat-fake';
import { sdkApp, StorageFake } from './support/storage-fake';
import { cloudbaseFiles } from '../../../cloudfunctions/core/platform/cloudbase-files';
import { miniCodeImage } from '../../../cloudfunctions/core/runtime/codes';
import { notify } from '../../../cloudfunctions/messages/messages.port';
import { SqliteStore } from '../../../cloudfunctions/core/store/sqlite.store';
import { indexes } from '../../../cloudfunctions/deployed/storage';
import { createHarness, ok, type Harness } from '../../support/harness';

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
    expect(cloudSettings({})).toEqual({ secret: '', wechat: { templates: {}, version: 'release' }, problems: [] });
    // A deployment from before the templates by kind: its one template is the general one, keys and all.
    expect(
      cloudSettings({
        HONGLING_SECRET: 's',
        HONGLING_RESULT_TEMPLATE: 't',
        HONGLING_RESULT_TEMPLATE_FIELDS: 'thing4, thing5,date6',
        HONGLING_WEAPP_VERSION: 'trial',
      }),
    ).toEqual({
      secret: 's',
      wechat: { templates: { notice: { id: 't', keys: ['thing4', 'thing5', 'date6'] } }, version: 'trial' },
      problems: [],
    });
  });

  test('each template kind has its own variable; HONGLING_TEMPLATE_NOTICE wins over the first name', () => {
    const { wechat, problems } = cloudSettings({
      HONGLING_TEMPLATE_REVIEW: 'R',
      HONGLING_TEMPLATE_PROGRESS: 'P',
      HONGLING_TEMPLATE_PROGRESS_FIELDS: 'thing7,phrase3,date9,thing2',
      HONGLING_TEMPLATE_ACTIVITY: ' ',
      HONGLING_TEMPLATE_NOTICE: 'N',
      HONGLING_RESULT_TEMPLATE: 'old',
      HONGLING_RESULT_TEMPLATE_FIELDS: 'thing8,thing9,time1',
    });
    expect(wechat.templates).toEqual({
      review: { id: 'R', keys: ['thing1', 'phrase2', 'time3', 'thing4'] },
      progress: { id: 'P', keys: ['thing7', 'phrase3', 'date9', 'thing2'] },
      notice: { id: 'N', keys: ['thing1', 'thing2', 'time3'] },
    });
    expect(problems).toEqual([]);
  });

  test.each([
    ['a key of another type', 'thing1,thing2,time3,thing4'],
    ['too few keys', 'thing1,phrase2,time3'],
    ['a key twice', 'thing1,phrase2,time3,thing1'],
    ['no type WeChat has', 'thing1,word2,time3,thing4'],
  ])('own keys that cannot carry the fields leave the template out, said at start: %s', (_name, keys) => {
    const { wechat, problems } = cloudSettings({
      HONGLING_TEMPLATE_REVIEW: 'R',
      HONGLING_TEMPLATE_REVIEW_FIELDS: keys,
    });
    expect(wechat.templates).toEqual({});
    expect(problems).toEqual([expect.stringMatching(/^HONGLING_TEMPLATE_REVIEW_FIELDS: review: /)]);
  });

  test('the functions that send subscribe messages are deployed with every template variable', () => {
    const root = join(__dirname, '../../..');
    const rc = JSON.parse(readFileSync(join(root, 'cloudbaserc.json'), 'utf8')) as {
      functions: Array<{ name: string; envVariables: Record<string, string> }>;
    };
    const config = (name: string) => {
      const path = join(root, 'cloudfunctions/deployed', name, 'config.json');
      return existsSync(path) ? readFileSync(path, 'utf8') : '';
    };
    const sending = rc.functions.filter((f) => config(f.name).includes('subscribeMessage.send'));
    expect(sending.map((f) => f.name).sort()).toEqual(['report', 'timer']);
    const names = [...Object.values(templateVariables), 'HONGLING_RESULT_TEMPLATE'].flatMap((n) => [n, `${n}_FIELDS`]);
    for (const f of sending)
      for (const name of names) expect([f.name, f.envVariables[name]]).toEqual([f.name, `{{env.${name}}}`]);
  });
});

/**
 * The WeChat side through the real wx-server-sdk (and its node-sdk): only the network is faked, with
 * WeChat's own envelope and answers (support/wechat-fake.ts).
 */
let answers: { code: WxAnswer; send: WxAnswer } = {
  code: { respData: PNG, contentType: 'image/png' },
  send: json({ errcode: 0, errmsg: 'ok' }),
};
let wx: ReturnType<typeof installWechatFake>;
const uploads: Array<{ cloudPath: string; size: number }> = [];
const storage: CodeStorage = {
  async uploadFile({ cloudPath, fileContent }) {
    uploads.push({ cloudPath, size: fileContent.length });
    return { fileID: `cloud://env-1.bucket/${cloudPath}` };
  },
};
beforeAll(() => scfEnvironment());
beforeEach(() => {
  answers = { code: { respData: PNG, contentType: 'image/png' }, send: json({ errcode: 0, errmsg: 'ok' }) };
  uploads.length = 0;
  wx = installWechatFake((call) => (call.apiName === 'wxacode.getUnlimited' ? answers.code : answers.send));
});
afterEach(() => wx.stop());
const openApi = wxOpenApi();

const settings: WechatSettings = {
  templates: { notice: { id: 'TMPL', keys: ['thing1', 'thing2', 'time3'] } },
  version: 'release',
};
const byKind: WechatSettings = {
  templates: {
    notice: { id: 'TMPL', keys: ['thing1', 'thing2', 'time3'] },
    progress: { id: 'PROGRESS', keys: ['thing7', 'phrase3', 'date9', 'thing2'] },
  },
  version: 'release',
};

describe('WeChat services', () => {
  let store: SqliteStore;
  const logs: Record<string, unknown>[] = [];
  beforeEach(() => {
    store = new SqliteStore({ filename: ':memory:', indexes });
    logs.length = 0;
  });

  const wechat = (target: () => SqliteStore | Harness['store'] = () => store, chosen = settings) =>
    createWechat(openApi, storage, target, chosen, (e) => logs.push(e));

  test('a mini-program code is made once through wxacode.getUnlimited, kept in cloud storage and reused', async () => {
    const first = await wechat().miniCode('pages/checkin/report/index', 'Rhuazhong.abcdefabcdefabcd');
    // What WeChat received, decoded from the protobuf envelope wx-server-sdk sent.
    expect(wx.calls).toEqual([
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
    expect(uploads).toEqual([{ cloudPath: expect.stringMatching(/\.png$/), size: PNG.length }]);
    expect(await wechat().miniCode('pages/checkin/report/index', 'Rhuazhong.abcdefabcdefabcd')).toBe(first);
    expect(wx.calls).toHaveLength(1);
    expect(store.dump('miniCodes')).toEqual([
      expect.objectContaining({ fileID: first, scene: 'Rhuazhong.abcdefabcdefabcd' }),
    ]);
  });

  test('a JPEG code is stored as what it is', async () => {
    answers.code = { respData: Buffer.from([0xff, 0xd8, 0xff, 0xe0]), contentType: 'image/jpeg' };
    expect(await wechat().miniCode('pages/x/index', 's1')).toMatch(/\.jpg$/);
  });

  test.each<[string, WxAnswer, RegExp]>([
    ['WeChat refuses the page (errcode in JSON)', json({ errcode: 41030, errmsg: 'invalid page rule' }), /41030/],
    ['the function lacks the permission (envelope -604101)', { errorCode: -604101 }, /-604101/],
    ['CloudBase refuses the call', { tcbError: { code: 'SYS_ERR', message: 'system error' } }, /refused/],
    ['an answer that is no image', { respData: 'not an image', contentType: 'text/html' }, /not an image/],
  ])('%s: nothing is stored, and the page shows the code as text', async (_name, answer, message) => {
    answers.code = answer;
    await expect(wechat().miniCode('pages/x', 's')).rejects.toThrow(message);
    expect(store.dump('miniCodes')).toEqual([]);
    expect(uploads).toEqual([]);
    const rt = { wechat: wechat(), log: (e: Record<string, unknown>) => logs.push(e) } as never;
    expect(await miniCodeImage(rt, 'pages/x', 's')).toBeNull();
    expect(logs).toEqual([expect.objectContaining({ level: 'warn', fn: 'miniCode' })]);
  });

  test("a notice without a template goes out in the general template's fields, clipped to 20 characters", async () => {
    const notice = {
      key: 'k',
      title: '吹哨：区城管局已反馈处理结果，请确认并评价',
      body: '已清理',
      link: 'pages/whistle/mine/index',
    };
    expect(await wechat().subscribe('oUser1', notice, new Date('2026-11-26T02:05:00Z'))).toBe(true);
    expect(wx.calls).toEqual([
      {
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
            time3: { value: '2026年11月26日 10:05' },
          },
        },
      },
    ]);
  });

  const progress = {
    key: 'k',
    title: '您反映的问题已办结',
    body: '已安排环卫车清运，并增加清运频次。请对处理结果进行评价。',
    link: null,
    template: { kind: 'progress', state: '已办结', subject: '环境卫生：3栋楼下垃圾堆放多日无人清运' },
  } as const;

  test("a notice with a template goes out in that template, with the deployment's own keys", async () => {
    expect(await wechat(undefined, byKind).subscribe('oUser1', progress, new Date('2026-11-26T16:05:00Z'))).toBe(true);
    expect(wx.calls.map((c) => [c.request.template_id, c.request.data])).toEqual([
      [
        'PROGRESS',
        {
          thing7: { value: '环境卫生：3栋楼下垃圾堆放多日无人清运' },
          phrase3: { value: '已办结' },
          date9: { value: '2026年11月27日 00:05' },
          thing2: { value: '已安排环卫车清运，并增加清运频次。请对…' },
        },
      ],
    ]);
  });

  test('a kind without a template of its own goes out in the general one; with neither, nothing is sent', async () => {
    expect(await wechat().subscribe('o', progress, new Date('2026-11-26T02:05:00Z'))).toBe(true);
    expect(wx.calls.map((c) => [c.request.template_id, c.request.data])).toEqual([
      [
        'TMPL',
        {
          thing1: { value: '您反映的问题已办结' },
          thing2: { value: '已安排环卫车清运，并增加清运频次。请对…' },
          time3: { value: '2026年11月26日 10:05' },
        },
      ],
    ]);
    const onlyProgress = { ...byKind, templates: { progress: byKind.templates.progress } };
    const plain = { key: 'k', title: 't', body: 'b', link: null };
    expect(await wechat(undefined, onlyProgress).subscribe('o', plain, new Date())).toBe(false);
    expect(wx.calls).toHaveLength(1);
  });

  test('a payload WeChat would refuse is not sent: the violations are logged', async () => {
    const wrong = { ...progress, template: { ...progress.template, state: 'done' as never } };
    expect(await wechat(undefined, byKind).subscribe('o', wrong, new Date())).toBe(false);
    expect(wx.calls).toEqual([]);
    expect(logs).toEqual([
      expect.objectContaining({
        level: 'error',
        kind: 'progress',
        problems: ['phrase3 (处理状态): 汉字 only: "done"'],
      }),
    ]);
  });

  test.each<[string, WxAnswer, boolean]>([
    [
      'not subscribed (43101) is expected and silent',
      json({ errcode: 43101, errmsg: 'user refuse to accept the msg' }),
      false,
    ],
    ['an invalid template (40037) is logged', json({ errcode: 40037, errmsg: 'invalid template_id' }), true],
    ['no permission (envelope -604101) is logged', { errorCode: -604101 }, true],
    ['a CloudBase error is logged', { tcbError: { code: 'SYS_ERR', message: 'system error' } }, true],
  ])('a refused subscribe message never breaks the action: %s', async (_name, answer, logged) => {
    answers.send = answer;
    const notice = { key: 'k', title: 't', body: 'b', link: null };
    expect(await wechat().subscribe('o', notice, new Date())).toBe(false);
    expect(logs).toHaveLength(logged ? 1 : 0);
  });

  test('without a template nothing is sent', async () => {
    const quiet = createWechat(
      openApi,
      storage,
      () => store,
      { ...settings, templates: {} },
      () => undefined,
    );
    expect(await quiet.subscribe('o', { key: 'k', title: 't', body: 'b', link: null }, new Date())).toBe(false);
    expect(wx.calls).toEqual([]);
  });

  test('the notifier sends each new message once as a subscribe message', async () => {
    const h = createHarness();
    h.runtime.wechat = wechat(() => h.store);
    const notice = { key: 'whistle~w1~remind', title: '吹哨提醒', body: '请在期限前反馈', link: null };
    expect(await notify(h.runtime, ['a', 'b', 'a'], notice)).toBe(2);
    expect(await notify(h.runtime, ['a', 'b'], notice)).toBe(0);
    expect(wx.calls.map((c) => c.request.touser)).toEqual(['a', 'b']);
  });

  test("the station's community code carries the mini-program code image when deployed, by a temporary URL", async () => {
    const h = createHarness();
    expect(ok(await h.call('checkin', 'demo-station', 'communityCode', {})).image).toBeNull();
    // Cloud storage (readable by no client) over the real SDK and its fake: the code is kept there, its id never shown.
    const bucket = new StorageFake().install();
    h.runtime.files = cloudbaseFiles(sdkApp());
    const kept: CodeStorage = { uploadFile: async ({ cloudPath }) => ({ fileID: bucket.put(cloudPath) }) };
    h.runtime.wechat = createWechat(
      openApi,
      kept,
      () => h.store,
      settings,
      (e) => logs.push(e),
    );
    const code = ok(await h.call('checkin', 'demo-station', 'communityCode', {}));
    expect(code.image).toMatch(/^https:\/\/[^/]+\.tcb\.qcloud\.la\/minicodes\/[0-9a-f]{32}\.png\?sign=/);
    // Storage gives no URL (the file is gone): the page shows the code as text.
    bucket.files.clear();
    expect(ok(await h.call('checkin', 'demo-station', 'communityCode', {})).image).toBeNull();
  });
});
