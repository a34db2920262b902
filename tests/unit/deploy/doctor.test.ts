import { resolve } from 'node:path';
import { main as checkinMain } from '../../../cloudfunctions/deployed/checkin/index';
import { main as reportMain } from '../../../cloudfunctions/deployed/report/index';
import { main as timerMain } from '../../../cloudfunctions/deployed/timer/index';
import { signProbe } from '../../../cloudfunctions/core/platform/operator-probe';
import { ENROL_PAGE } from '../../../cloudfunctions/checkin/community-code';
import {
  runDoctor,
  type DeployedFunction,
  type DoctorManager,
  type Invocation,
} from '../../../scripts/cloudbase/doctor-checks';
import { deployFunctions, ensureDatabase, readCloudbaserc, type Manager } from '../../../scripts/cloudbase/plan';
import { installWechatFake, json, PNG, scfEnvironment, type WxAnswer } from '../platform/support/wechat-fake';

const root = resolve(__dirname, '../../..');
const SECRET = 's'.repeat(32);
const OPERATOR = 'oOperator0001';
const env = {
  TCB_ENV_ID: 'hongling-prod-9z',
  TENCENTCLOUD_SECRETID: 'AKIDoperator',
  TENCENTCLOUD_SECRETKEY: 'operator-key',
  HONGLING_SECRET: SECRET,
  // The general template, under its first name and its current one: whichever cloudbaserc.json declares.
  HONGLING_RESULT_TEMPLATE: 'TMPL',
  HONGLING_TEMPLATE_NOTICE: 'TMPL',
};

/** The deployed entries (the bundles' sources), as SCF's Invoke runs them. */
const entries: Record<string, (event: never, context?: unknown) => Promise<unknown>> = {
  checkin: checkinMain,
  report: reportMain,
  timer: timerMain,
};

/**
 * A CloudBase environment as `@cloudbase/manager-node` shows it: what the deploy plan creates (collections,
 * indexes, functions in SCF's GetFunction shape) and, for an invocation, the deployed function's real entry
 * run with that function's environment variables, its WeChat calls answered by the WeChat fake under the
 * real wx-server-sdk.
 */
class FakeEnvironment {
  readonly collections = new Set<string>();
  readonly indexes = new Set<string>();
  readonly functions = new Map<string, DeployedFunction>();
  readonly invocations: Array<{ name: string; params: Record<string, unknown> }> = [];
  /** manager-node's answer when the network or the key fails (its lazy init or DescribeEnvInfo throws). */
  unreachable: Error | null = null;

  env = {
    getEnvInfo: async () => {
      if (this.unreachable) throw this.unreachable;
      return { EnvId: env.TCB_ENV_ID };
    },
  };

  database = {
    createCollectionIfNotExists: async (name: string) => void this.collections.add(name),
    checkCollectionExists: async (name: string) => ({ Exists: this.collections.has(name) }),
    checkIndexExists: async (c: string, n: string) => ({ Exists: this.indexes.has(`${c}/${n}`) }),
    updateCollection: async (c: string, info: { CreateIndexes: Array<{ IndexName: string }> }) => {
      for (const i of info.CreateIndexes) this.indexes.add(`${c}/${i.IndexName}`);
    },
  };

  /** SCF as manager-node's `functions` shows it to the deploy and to the doctor. */
  readonly scf = {
    createFunction: async ({ func }: Parameters<Manager['functions']['createFunction']>[0]) => {
      this.functions.set(func.name, {
        Runtime: func.runtime,
        Timeout: func.timeout,
        MemorySize: func.memorySize,
        Status: 'Active',
        Environment: { Variables: Object.entries(func.envVariables).map(([Key, Value]) => ({ Key, Value })) },
        Triggers: (func.triggers ?? []).map((t) => ({
          TriggerName: t.name,
          Type: t.type,
          TriggerDesc: JSON.stringify({ cron: t.config }),
          Enable: 1,
        })),
      });
    },
    getFunctionDetail: async (name: string): Promise<DeployedFunction> => {
      const found = this.functions.get(name);
      if (!found)
        throw Object.assign(new Error(`[${name}] ResourceNotFound.Function`), { code: 'ResourceNotFound.Function' });
      return found;
    },
    invokeFunction: async (name: string, params: Record<string, unknown>): Promise<Invocation> => {
      this.invocations.push({ name, params });
      const variables = this.functions.get(name)?.Environment?.Variables ?? [];
      const saved = { ...process.env };
      for (const { Key, Value } of variables) process.env[Key] = Value;
      try {
        const entry = entries[name];
        if (!entry) return { InvokeResult: 1, ErrMsg: 'no such entry' };
        return { InvokeResult: 0, RetMsg: JSON.stringify(await entry(params as never, {})) };
      } finally {
        for (const { Key } of variables) {
          if (saved[Key] === undefined) delete process.env[Key];
          else process.env[Key] = saved[Key];
        }
      }
    },
  };
}

/** The fake as the deploy and the doctor see it (one manager-node object serves both). */
function asManager(cloud: FakeEnvironment): Manager & DoctorManager {
  return { env: cloud.env, database: cloud.database, functions: cloud.scf };
}

async function deployed(): Promise<FakeEnvironment> {
  const cloud = new FakeEnvironment();
  const manager = asManager(cloud);
  await ensureDatabase(manager, () => undefined);
  await deployFunctions(manager, readCloudbaserc(root, env), '/repo/dist/cloudfunctions', () => undefined);
  return cloud;
}

let answers: { code: WxAnswer; send: WxAnswer };
let wx: ReturnType<typeof installWechatFake>;
beforeAll(() => {
  scfEnvironment();
  process.env.HONGLING_SECRET = SECRET;
});
beforeEach(() => {
  answers = { code: { respData: PNG, contentType: 'image/png' }, send: json({ errcode: 0, errmsg: 'ok' }) };
  wx = installWechatFake((call) => (call.apiName === 'wxacode.getUnlimited' ? answers.code : answers.send));
  // The functions' JSON log lines (console.error in the deployed runtime).
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => {
  wx.stop();
  jest.restoreAllMocks();
});

const doctor = (cloud: FakeEnvironment, overrides: Record<string, string | undefined> = {}, operator = OPERATOR) =>
  runDoctor({ ...env, ...overrides }, { root, connect: () => asManager(cloud), operator });

describe('npm run cloudbase:doctor', () => {
  test('all good: everything the deploy made is there, a real code is made and the operator gets a message', async () => {
    const cloud = await deployed();
    const report = await doctor(cloud);
    expect(report.findings.filter((f) => f.level !== 'ok')).toEqual([]);
    expect(report.exitCode).toBe(0);
    expect(report.lines[0]).toBe('红领自检：云开发环境 hongling-prod-9z');
    expect(report.lines).toContain('  ✓ 函数 checkin 生成了小程序码（image/png 11 字节）');
    expect(report.lines).toContain('  ✓ 函数 timer 向操作人发送了订阅消息：请在微信「服务通知」中查看');
    expect(report.lines[report.lines.length - 1]).toBe('没有发现问题');
    // What WeChat received: one code through checkin, one message through each function that sends them.
    expect(wx.calls.map((c) => c.apiName)).toEqual([
      'wxacode.getUnlimited',
      'subscribeMessage.send',
      'subscribeMessage.send',
    ]);
    expect(wx.calls[0]?.request).toMatchObject({ scene: 'doctor', page: ENROL_PAGE, check_path: false });
    expect(wx.calls[1]?.request).toMatchObject({ touser: OPERATOR, template_id: 'TMPL' });
    expect(cloud.invocations.map((i) => i.name)).toEqual(['checkin', 'report', 'timer']);
  });

  test('a missing index is named with its fields and the fix', async () => {
    const cloud = await deployed();
    cloud.indexes.delete('wishes/idx_wishes_status_claimExpiresAt__id');
    const report = await doctor(cloud);
    expect(report.exitCode).toBe(1);
    expect(report.lines).toContain(
      '  ✗ 集合 wishes 缺少索引 idx_wishes_status_claimExpiresAt__id（status, claimExpiresAt, _id）：请运行 npm run deploy（只补建缺少的集合和索引；没有它，查询要在云端逐条扫描、在内存中排序）',
    );
    expect(report.findings.filter((f) => f.level === 'problem')).toHaveLength(1);
    expect(report.lines[report.lines.length - 1]).toMatch(/^发现 1 个问题/);
  });

  test('a missing collection is one problem, its indexes not asked for', async () => {
    const cloud = await deployed();
    cloud.collections.delete('miniCodes');
    const report = await doctor(cloud);
    expect(report.findings.filter((f) => f.level === 'problem').map((f) => f.text)).toEqual(['集合 miniCodes 不存在']);
  });

  test('a function on the wrong runtime: the deploy cannot change it, so the fix is to recreate it', async () => {
    const cloud = await deployed();
    cloud.functions.get('checkin')!.Runtime = 'Nodejs16.13';
    const report = await doctor(cloud);
    expect(report.exitCode).toBe(1);
    expect(report.lines).toContain(
      '  ✗ 函数 checkin 的运行时是 Nodejs16.13，计划为 Nodejs20.19：运行时只能在创建函数时设定，npm run deploy 更新已有函数时不改它：请在云开发控制台删除函数 checkin，再运行 npm run deploy，然后在微信开发者工具中上传并部署（开放接口权限）',
    );
    expect(report.lines.some((l) => l.includes('✓ 函数 checkin：'))).toBe(false);
  });

  test('a missing timer trigger, and a wrong timeout', async () => {
    const cloud = await deployed();
    cloud.functions.get('timer')!.Triggers = [];
    cloud.functions.get('report')!.Timeout = 3;
    const report = await doctor(cloud);
    expect(report.exitCode).toBe(1);
    expect(report.findings.filter((f) => f.level === 'problem').map((f) => f.text)).toEqual([
      '函数 report 的超时是 3 秒，计划为 10 秒',
      '函数 timer 没有定时触发器 every-10-minutes（0 */10 * * * * *），定时任务不会运行',
    ]);
  });

  test('an environment variable missing or different is named, its value never printed', async () => {
    const cloud = await deployed();
    const vars = cloud.functions.get('org')!.Environment!.Variables!;
    vars.splice(0, vars.length);
    const report = await doctor(cloud, { HONGLING_SECRET: 'another-secret-of-32-characters!' });
    const problems = report.findings.filter((f) => f.level === 'problem').map((f) => f.text);
    expect(problems).toContain('函数 org 缺少环境变量 HONGLING_SECRET');
    expect(problems).toContain('函数 checkin 的环境变量 HONGLING_SECRET 与本机设置不同（不显示取值）');
    // The functions refuse a probe signed with another key.
    expect(problems).toContain('函数 checkin 拒绝了自检请求：本机的 HONGLING_SECRET 与函数中的不同，或函数还是旧版本');
    expect(report.lines.join('\n')).not.toContain('another-secret');
    expect(report.lines.join('\n')).not.toContain(SECRET);
    expect(wx.calls).toEqual([]);
  });

  test('an open-API refusal -604101 says to upload the function from WeChat DevTools', async () => {
    const cloud = await deployed();
    answers.code = { errorCode: -604101 };
    const report = await doctor(cloud);
    expect(report.exitCode).toBe(1);
    expect(report.lines).toContain(
      '  ✗ 函数 checkin 未获开放接口权限（-604101）：请在微信开发者工具中右键该云函数，选择「上传并部署」（所有文件；权限生效最多约需 10 分钟）',
    );
  });

  test('the same for a subscribe message; an operator without a subscription (43101) is a hint, not a fault', async () => {
    const cloud = await deployed();
    answers.send = { errorCode: -604101 };
    expect((await doctor(cloud)).findings.filter((f) => f.level === 'problem').map((f) => f.text)).toEqual([
      '函数 report 未获开放接口权限（-604101）',
      '函数 timer 未获开放接口权限（-604101）',
    ]);
    answers.send = json({ errcode: 43101, errmsg: 'user refuse to accept the msg' });
    const report = await doctor(cloud);
    expect(report.exitCode).toBe(0);
    expect(report.findings.filter((f) => f.level === 'warning').map((f) => f.text)).toEqual([
      '函数 report 有订阅消息权限，但操作人还没有可用的订阅（43101），消息未送达',
      '函数 timer 有订阅消息权限，但操作人还没有可用的订阅（43101），消息未送达',
    ]);
  });

  test('without the operator or the signing key, those checks are skipped with the reason', async () => {
    const cloud = await deployed();
    const noOperator = await doctor(cloud, {}, '');
    expect(noOperator.exitCode).toBe(0);
    expect(noOperator.findings.filter((f) => f.level === 'skipped').map((f) => f.text)).toEqual([
      expect.stringMatching(/^订阅消息：未给出操作人的用户编号，函数 report 未检查/),
      expect.stringMatching(/^订阅消息：未给出操作人的用户编号，函数 timer 未检查/),
    ]);
    expect(wx.calls.map((c) => c.apiName)).toEqual(['wxacode.getUnlimited']);
    const noSecret = await doctor(cloud, { HONGLING_SECRET: undefined });
    expect(noSecret.lines).toContain(
      '  - 开放接口：本机未设置 HONGLING_SECRET，无法签名自检请求（与部署时用同一个值）',
    );
  });

  test('settings missing: skipped, with the reason, exit 0, nothing contacted', async () => {
    const connect = jest.fn();
    const report = await runDoctor({ HONGLING_SECRET: SECRET }, { root, connect });
    expect(report).toEqual({
      lines: [
        '跳过：未设置 TCB_ENV_ID、TENCENTCLOUD_SECRETID、TENCENTCLOUD_SECRETKEY，无法连接云开发环境（见 README「部署到云开发」第 1 步）',
      ],
      findings: [expect.objectContaining({ level: 'skipped' })],
      exitCode: 0,
    });
    expect(connect).not.toHaveBeenCalled();
  });

  test('an environment it cannot reach is one problem, not every collection missing', async () => {
    const cloud = await deployed();
    cloud.unreachable = new Error(
      'request to https://tcb.tencentcloudapi.com/ failed, reason: getaddrinfo ENOTFOUND\n    at …',
    );
    const report = await doctor(cloud);
    expect(report).toEqual({
      lines: [
        '红领自检：云开发环境 hongling-prod-9z',
        '  ✗ 无法连接云开发环境 hongling-prod-9z：request to https://tcb.tencentcloudapi.com/ failed, reason: getaddrinfo ENOTFOUND：请检查网络、TCB_ENV_ID 与 API 密钥（需有该环境的权限）',
      ],
      findings: [expect.objectContaining({ level: 'problem' })],
      exitCode: 1,
    });
    expect(cloud.invocations).toEqual([]);
  });

  test('a function that is not there is one problem, and its open APIs are not probed', async () => {
    const cloud = await deployed();
    cloud.functions.delete('checkin');
    const report = await doctor(cloud);
    expect(report.findings.filter((f) => f.level === 'problem').map((f) => f.text)).toEqual(['函数 checkin 不存在']);
    expect(report.lines).toContain('  - 开放接口：函数 checkin 不存在，未检查');
    expect(wx.calls.map((c) => c.apiName)).not.toContain('wxacode.getUnlimited');
  });
});

describe('the operator probe on a deployed function', () => {
  const now = new Date();
  const valid = () => signProbe(SECRET, 'checkin', 'wxacode.getUnlimited', ENROL_PAGE, now);
  const forbidden = { ok: false, error: expect.objectContaining({ code: 'AUTH.FORBIDDEN' }) };

  test('answers the operator: a real code, nothing stored or uploaded', async () => {
    expect(await checkinMain(valid() as never, {})).toEqual({
      ok: true,
      data: { outcome: 'ok', detail: `image/png ${PNG.length}` },
    });
    expect(wx.calls).toHaveLength(1);
  });

  test.each<[string, () => unknown]>([
    ['no signature', () => ({ operatorProbe: { ...valid().operatorProbe, sig: undefined } })],
    ['another key', () => signProbe('x'.repeat(32), 'checkin', 'wxacode.getUnlimited', ENROL_PAGE, now)],
    ['signed for another function', () => signProbe(SECRET, 'report', 'wxacode.getUnlimited', ENROL_PAGE, now)],
    [
      'another recipient than the one signed',
      () => {
        const p = signProbe(SECRET, 'checkin', 'subscribeMessage.send', OPERATOR, now);
        return { operatorProbe: { ...p.operatorProbe, target: 'oSomeoneElse01' } };
      },
    ],
    [
      'expired',
      () => signProbe(SECRET, 'checkin', 'wxacode.getUnlimited', ENROL_PAGE, new Date(Date.now() - 6 * 60_000)),
    ],
    [
      'valid far in the future',
      () => {
        const p = signProbe(SECRET, 'checkin', 'wxacode.getUnlimited', ENROL_PAGE, new Date(Date.now() + 86_400_000));
        return p;
      },
    ],
    ['another API', () => ({ operatorProbe: { ...valid().operatorProbe, api: 'security.msgSecCheck' } })],
    ['not an object', () => ({ operatorProbe: 'please' })],
  ])('refuses everyone else (%s), before any WeChat call', async (_name, event) => {
    expect(await checkinMain(event() as never, {})).toEqual(forbidden);
    expect(wx.calls).toEqual([]);
  });

  test('refuses a mini-program user however the event is dressed, and ordinary calls still reach the router', async () => {
    process.env.WX_OPENID = 'oMember000001';
    process.env.WX_CONTEXT_KEYS = 'WX_OPENID';
    try {
      expect(await checkinMain({ operatorProbe: { api: 'wxacode.getUnlimited' } } as never, {})).toEqual(forbidden);
    } finally {
      delete process.env.WX_OPENID;
      delete process.env.WX_CONTEXT_KEYS;
    }
    expect(await checkinMain({ action: 'myReports', data: {} } as never, {})).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'AUTH.UNAUTHENTICATED' }),
    });
    // The timer still runs its jobs only on its trigger.
    expect(await timerMain({} as never, {})).toEqual(forbidden);
    expect(wx.calls).toEqual([]);
  });
});
