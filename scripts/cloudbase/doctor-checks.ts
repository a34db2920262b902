import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENROL_PAGE } from '../../cloudfunctions/checkin/community-code';
import { signProbe, type ProbeApi, type ProbeResult } from '../../cloudfunctions/core/platform/operator-probe';
import { collections } from '../../cloudfunctions/deployed/storage';
import type { Response } from '../../shared/src/core/result';
import { indexSpecs, readCloudbaserc, type Env, type FunctionSpec } from './plan';

/**
 * `npm run cloudbase:doctor`: compares a live CloudBase environment with the deploy plan (collections,
 * indexes, each function's runtime, timeout, memory, environment variables and timer trigger), then
 * makes a real mini-program code and a real subscribe message to the operator by invoking the deployed
 * functions with a signed probe (open APIs answer only inside a function, with that function's
 * permission). Every finding is printed in Chinese with how to fix it.
 */

/** The part of `@cloudbase/manager-node` the doctor reads (and the one call it makes: invoking a function). */
export type DoctorManager = {
  env: { getEnvInfo(): Promise<unknown> };
  database: {
    checkCollectionExists(name: string): Promise<{ Exists: boolean }>;
    checkIndexExists(collection: string, indexName: string): Promise<{ Exists: boolean }>;
  };
  functions: {
    getFunctionDetail(name: string): Promise<DeployedFunction>;
    invokeFunction(name: string, params: Record<string, unknown>): Promise<Invocation>;
  };
};

/** What SCF's GetFunction answers, as far as the doctor reads it. */
export type DeployedFunction = {
  Runtime?: string;
  Timeout?: number;
  MemorySize?: number;
  Status?: string;
  Environment?: { Variables?: Array<{ Key: string; Value: string }> | null };
  Triggers?: Array<{ TriggerName?: string; Type?: string; TriggerDesc?: string; Enable?: number | boolean }> | null;
};
/** What SCF's Invoke answers: the function's return value as JSON in RetMsg, or its error. */
export type Invocation = { RetMsg?: string; ErrMsg?: string; InvokeResult?: number };

export type Finding = { level: 'ok' | 'problem' | 'warning' | 'skipped'; text: string; fix?: string };

export type DoctorReport = { lines: string[]; findings: Finding[]; exitCode: 0 | 1 };

export type DoctorOptions = {
  root: string;
  /** Connects to the environment; called only when the settings are there. */
  connect: (settings: { envId: string; secretId: string; secretKey: string }) => DoctorManager;
  /** The operator's OPENID (用户编号 on 我的), who receives the test subscribe message. */
  operator?: string;
  now?: () => Date;
};

const DEPLOY = '请运行 npm run deploy';
const DEVTOOLS = '请在微信开发者工具中右键该云函数，选择「上传并部署」';
/** Variables a function cannot work without: a missing one is a problem even when this shell does not set it. */
const REQUIRED_VARIABLES = ['HONGLING_SECRET'];

const ok = (text: string): Finding => ({ level: 'ok', text });
const problem = (text: string, fix: string): Finding => ({ level: 'problem', text, fix });
const warning = (text: string, fix?: string): Finding => ({ level: 'warning', text, ...(fix ? { fix } : {}) });
const skipped = (text: string): Finding => ({ level: 'skipped', text });

/**
 * An SDK error's first line. manager-node may wrap a network error as the message itself (an Error, not a
 * string), whose text carries its stack.
 */
function messageOf(error: unknown): string {
  let message: unknown = error;
  for (let depth = 0; depth < 3 && message && typeof message === 'object' && 'message' in message; depth++)
    message = message.message;
  return (String(message ?? error).split('\n')[0] ?? '').slice(0, 200);
}

/** The settings the doctor needs to reach the environment; without them it checks nothing. */
export function missingSettings(env: Env): string[] {
  return ['TCB_ENV_ID', 'TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY'].filter((name) => !env[name]);
}

export async function checkDatabase(manager: DoctorManager): Promise<Finding[]> {
  const findings: Finding[] = [];
  const specs = indexSpecs();
  const present: string[] = [];
  for (const name of collections) {
    try {
      if ((await manager.database.checkCollectionExists(name)).Exists) present.push(name);
      else {
        const count = specs.filter((s) => s.collection === name).length;
        findings.push(problem(`集合 ${name} 不存在${count ? `（及其 ${count} 个索引）` : ''}`, DEPLOY));
      }
    } catch (error) {
      findings.push(problem(`无法读取集合 ${name}：${messageOf(error)}`, '请检查 API 密钥是否有该环境的权限'));
    }
  }
  let missing = 0;
  for (const spec of specs.filter((s) => present.includes(s.collection))) {
    const fields = spec.MgoKeySchema.MgoIndexKeys.map((k) => k.Name).join(', ');
    try {
      if ((await manager.database.checkIndexExists(spec.collection, spec.IndexName)).Exists) continue;
      missing++;
      findings.push(
        problem(
          `集合 ${spec.collection} 缺少索引 ${spec.IndexName}（${fields}）`,
          `${DEPLOY}（只补建缺少的集合和索引；没有它，查询要在云端逐条扫描、在内存中排序）`,
        ),
      );
    } catch (error) {
      findings.push(problem(`无法读取集合 ${spec.collection} 的索引：${messageOf(error)}`, DEPLOY));
    }
  }
  if (present.length === collections.length && missing === 0)
    findings.push(ok(`数据库：${collections.length} 个集合、${specs.length} 个索引齐全`));
  return findings;
}

function variablesOf(deployed: DeployedFunction): Map<string, string> {
  return new Map((deployed.Environment?.Variables ?? []).map((v) => [v.Key, v.Value]));
}

/** A timer trigger's schedule as GetFunction gives it: `{"cron":"…"}`, or the expression itself. */
function cronOf(desc: string | undefined): string {
  try {
    const parsed = JSON.parse(desc ?? '') as { cron?: unknown };
    if (parsed && typeof parsed.cron === 'string') return parsed.cron;
  } catch {
    // Not JSON: the expression itself.
  }
  return desc ?? '';
}

function checkVariables(spec: FunctionSpec, deployed: DeployedFunction): Finding[] {
  const findings: Finding[] = [];
  const actual = variablesOf(deployed);
  for (const [name, planned] of Object.entries(spec.envVariables)) {
    const value = actual.get(name);
    // Values are never printed: HONGLING_SECRET is among them.
    if (planned !== '' && value === undefined) findings.push(problem(`函数 ${spec.name} 缺少环境变量 ${name}`, DEPLOY));
    else if (planned !== '' && value !== planned)
      findings.push(
        problem(
          `函数 ${spec.name} 的环境变量 ${name} 与本机设置不同（不显示取值）`,
          `确认本机的 ${name} 是要用的值后${DEPLOY}`,
        ),
      );
    else if (planned === '' && value === undefined && REQUIRED_VARIABLES.includes(name))
      findings.push(problem(`函数 ${spec.name} 缺少环境变量 ${name}`, `在本机设置 ${name} 后${DEPLOY}`));
  }
  return findings;
}

function checkTriggers(spec: FunctionSpec, deployed: DeployedFunction): Finding[] {
  const findings: Finding[] = [];
  const actual = deployed.Triggers ?? [];
  for (const planned of spec.triggers ?? []) {
    const found = actual.find((t) => t.TriggerName === planned.name && t.Type === planned.type);
    const where = `云开发控制台 → 云函数 → ${spec.name} → 触发器`;
    if (!found)
      findings.push(
        problem(
          `函数 ${spec.name} 没有定时触发器 ${planned.name}（${planned.config}），定时任务不会运行`,
          `${DEPLOY}；若仍没有（部署只警告触发器失败），在${where}中按此新建`,
        ),
      );
    else if (cronOf(found.TriggerDesc) !== planned.config)
      findings.push(
        problem(
          `函数 ${spec.name} 的触发器 ${planned.name} 是 ${cronOf(found.TriggerDesc)}，计划为 ${planned.config}`,
          `在${where}中删除它，再${DEPLOY}`,
        ),
      );
    else if (found.Enable === 0 || found.Enable === false)
      findings.push(problem(`函数 ${spec.name} 的触发器 ${planned.name} 已停用`, `在${where}中启用它`));
  }
  for (const extra of actual.filter((t) => !(spec.triggers ?? []).some((p) => p.name === t.TriggerName)))
    findings.push(
      warning(
        `函数 ${spec.name} 有计划外的触发器 ${extra.TriggerName ?? ''}（${cronOf(extra.TriggerDesc)}）`,
        '不需要的话在云开发控制台删除',
      ),
    );
  return findings;
}

/** One function's settings against the plan; `deployed` is false when it is not there (or cannot be read). */
export async function checkFunction(
  manager: DoctorManager,
  spec: FunctionSpec,
  openApis: readonly string[],
): Promise<{ findings: Finding[]; deployed: boolean }> {
  let deployed: DeployedFunction;
  try {
    deployed = await manager.functions.getFunctionDetail(spec.name);
  } catch (error) {
    const text = messageOf(error);
    const code = String((error as { code?: unknown } | null)?.code ?? '');
    if (/ResourceNotFound|not exist|不存在/i.test(`${code} ${text}`))
      return { findings: [problem(`函数 ${spec.name} 不存在`, DEPLOY)], deployed: false };
    return {
      findings: [problem(`无法读取函数 ${spec.name}：${text}`, '请检查 API 密钥是否有该环境的权限')],
      deployed: false,
    };
  }
  const findings: Finding[] = [];
  if (deployed.Status && deployed.Status !== 'Active')
    findings.push(problem(`函数 ${spec.name} 的状态是 ${deployed.Status}`, `在云开发控制台查看原因，再${DEPLOY}`));
  if (deployed.Runtime !== spec.runtime) {
    const again = openApis.length ? `，然后在微信开发者工具中上传并部署（开放接口权限）` : '';
    findings.push(
      problem(
        `函数 ${spec.name} 的运行时是 ${deployed.Runtime ?? '未知'}，计划为 ${spec.runtime}`,
        `运行时只能在创建函数时设定，npm run deploy 更新已有函数时不改它：请在云开发控制台删除函数 ${spec.name}，再运行 npm run deploy${again}`,
      ),
    );
  }
  if (deployed.Timeout !== spec.timeout)
    findings.push(
      problem(`函数 ${spec.name} 的超时是 ${deployed.Timeout ?? '未知'} 秒，计划为 ${spec.timeout} 秒`, DEPLOY),
    );
  if (spec.memorySize !== undefined && deployed.MemorySize !== spec.memorySize)
    findings.push(
      problem(`函数 ${spec.name} 的内存是 ${deployed.MemorySize ?? '未知'} MB，计划为 ${spec.memorySize} MB`, DEPLOY),
    );
  findings.push(...checkVariables(spec, deployed), ...checkTriggers(spec, deployed));
  if (!findings.some((f) => f.level === 'problem'))
    findings.unshift(
      ok(
        `函数 ${spec.name}：${spec.runtime}，超时 ${spec.timeout} 秒，环境变量${spec.triggers?.length ? '、定时触发器' : ''}与计划一致`,
      ),
    );
  return { findings, deployed: true };
}

/** The open APIs each function asks for in its config.json (the permissions WeChat applies on upload). */
export function openApisOf(root: string, name: string): string[] {
  const file = join(root, 'cloudfunctions', 'deployed', name, 'config.json');
  if (!existsSync(file)) return [];
  const config = JSON.parse(readFileSync(file, 'utf8')) as { permissions?: { openapi?: string[] } };
  return config.permissions?.openapi ?? [];
}

function refusal(fn: string, api: ProbeApi, errCode: number | null, detail: string): Finding {
  const what = api === 'wxacode.getUnlimited' ? '生成小程序码' : '发送订阅消息';
  switch (errCode) {
    case -604101:
      return problem(`函数 ${fn} 未获开放接口权限（-604101）`, `${DEVTOOLS}（所有文件；权限生效最多约需 10 分钟）`);
    case 43101:
      // The permission is there (WeChat answered); the operator has no accepted subscription left.
      return warning(
        `函数 ${fn} 有订阅消息权限，但操作人还没有可用的订阅（43101），消息未送达`,
        '在小程序中接受一次订阅消息（如「反映问题」提交时的提示）后再运行',
      );
    case 40037:
      return problem(`函数 ${fn} 的订阅消息模板 ID 无效（40037）`, `检查模板 ID 设置（README 部署第 1 步）后${DEPLOY}`);
    case 47003:
      return problem(
        `函数 ${fn} 的订阅消息字段与模板不符（47003）：${detail}`,
        `检查模板字段设置（README 部署第 1 步）后${DEPLOY}`,
      );
    case 40003:
      return problem(`操作人用户编号无效（40003）`, '从小程序「我的」复制用户编号（OPENID）');
    default:
      return problem(
        `函数 ${fn} ${what}被拒绝${errCode === null ? '' : `（${errCode}）`}：${detail}`,
        api === 'wxacode.getUnlimited'
          ? '检查小程序是否已发布，及 HONGLING_WEAPP_VERSION 是否与之相符'
          : '检查模板与操作人设置',
      );
  }
}

function interpret(fn: string, api: ProbeApi, invocation: Invocation): Finding {
  if (invocation.InvokeResult !== undefined && invocation.InvokeResult !== 0 && !invocation.RetMsg)
    return problem(`函数 ${fn} 运行出错：${invocation.ErrMsg ?? invocation.InvokeResult}`, '请查看该云函数的日志');
  let answer: Response<ProbeResult>;
  try {
    answer = JSON.parse(invocation.RetMsg ?? '') as Response<ProbeResult>;
  } catch {
    return problem(
      `函数 ${fn} 的回答无法识别：${invocation.RetMsg ?? invocation.ErrMsg ?? ''}`,
      '请查看该云函数的日志',
    );
  }
  if (!answer.ok && answer.error.code === 'AUTH.FORBIDDEN')
    return problem(
      `函数 ${fn} 拒绝了自检请求：本机的 HONGLING_SECRET 与函数中的不同，或函数还是旧版本`,
      `用同一个 HONGLING_SECRET ${DEPLOY}，再在微信开发者工具中上传并部署`,
    );
  if (!answer.ok)
    return problem(
      `函数 ${fn} 不认识自检请求（${answer.error.code}）：函数还是旧版本`,
      `${DEPLOY}，再在微信开发者工具中上传并部署`,
    );
  const result = answer.data;
  if (result.outcome === 'refused') return refusal(fn, api, result.errCode, result.detail);
  if (result.outcome === 'skipped')
    return warning(
      `函数 ${fn} 没有发送订阅消息：未配置模板，或通知与模板不符（见函数日志）；只有小程序内的消息`,
      `需要订阅消息时，设置模板（README 部署第 1 步）后${DEPLOY}`,
    );
  return api === 'wxacode.getUnlimited'
    ? ok(`函数 ${fn} 生成了小程序码（${result.detail} 字节）`)
    : ok(`函数 ${fn} 向操作人发送了订阅消息：请在微信「服务通知」中查看`);
}

async function probe(
  manager: DoctorManager,
  secret: string,
  fn: string,
  api: ProbeApi,
  target: string,
  now: Date,
): Promise<Finding> {
  try {
    return interpret(fn, api, await manager.functions.invokeFunction(fn, signProbe(secret, fn, api, target, now)));
  } catch (error) {
    return problem(`无法调用函数 ${fn}：${messageOf(error)}`, '请检查 API 密钥是否有该环境的权限');
  }
}

/** The open-API checks: a real call of each API each function asks for, through that function. */
export async function checkOpenApis(
  manager: DoctorManager,
  plan: Array<{ name: string; openApis: readonly string[]; deployed: boolean }>,
  env: Env,
  operator: string | undefined,
  now: Date,
): Promise<Finding[]> {
  const wanted = plan.filter((f) => f.openApis.length);
  const secret = env.HONGLING_SECRET ?? '';
  if (!secret) return [skipped('开放接口：本机未设置 HONGLING_SECRET，无法签名自检请求（与部署时用同一个值）')];
  const findings: Finding[] = [];
  for (const { name, openApis, deployed } of wanted) {
    if (!deployed) {
      findings.push(skipped(`开放接口：函数 ${name} 不存在，未检查`));
      continue;
    }
    if (openApis.includes('wxacode.getUnlimited'))
      findings.push(await probe(manager, secret, name, 'wxacode.getUnlimited', ENROL_PAGE, now));
    if (openApis.includes('subscribeMessage.send')) {
      if (operator) findings.push(await probe(manager, secret, name, 'subscribeMessage.send', operator, now));
      else
        findings.push(
          skipped(
            `订阅消息：未给出操作人的用户编号，函数 ${name} 未检查（npm run cloudbase:doctor -- <用户编号>，或 HONGLING_OPERATOR_OPENID）`,
          ),
        );
    }
  }
  return findings;
}

const marks: Record<Finding['level'], string> = { ok: '✓', problem: '✗', warning: '!', skipped: '-' };

function render(f: Finding): string {
  return `  ${marks[f.level]} ${f.text}${f.fix ? `：${f.fix}` : ''}`;
}

/** Runs every check and renders the report; exit code 1 when anything is wrong. */
export async function runDoctor(env: Env, options: DoctorOptions): Promise<DoctorReport> {
  const missing = missingSettings(env);
  if (missing.length) {
    const line = `跳过：未设置 ${missing.join('、')}，无法连接云开发环境（见 README「部署到云开发」第 1 步）`;
    return { lines: [line], findings: [skipped(line)], exitCode: 0 };
  }
  const config = readCloudbaserc(options.root, env);
  const manager = options.connect({
    envId: env.TCB_ENV_ID!,
    secretId: env.TENCENTCLOUD_SECRETID!,
    secretKey: env.TENCENTCLOUD_SECRETKEY!,
  });
  const now = (options.now ?? (() => new Date()))();
  const header = `红领自检：云开发环境 ${config.envId}`;
  try {
    await manager.env.getEnvInfo();
  } catch (error) {
    // Without a connection every check below would report its object as missing.
    const unreachable = problem(
      `无法连接云开发环境 ${config.envId}：${messageOf(error)}`,
      '请检查网络、TCB_ENV_ID 与 API 密钥（需有该环境的权限）',
    );
    return { lines: [header, render(unreachable)], findings: [unreachable], exitCode: 1 };
  }
  const database = await checkDatabase(manager);
  const functions: Finding[] = [];
  const plan: Array<{ name: string; openApis: readonly string[]; deployed: boolean }> = [];
  for (const spec of config.functions) {
    const openApis = openApisOf(options.root, spec.name);
    const checked = await checkFunction(manager, spec, openApis);
    functions.push(...checked.findings);
    plan.push({ name: spec.name, openApis, deployed: checked.deployed });
  }
  const operator = options.operator || env.HONGLING_OPERATOR_OPENID || undefined;
  const openApis = await checkOpenApis(manager, plan, env, operator, now);
  const findings = [...database, ...functions, ...openApis];
  const problems = findings.filter((f) => f.level === 'problem').length;
  const warnings = findings.filter((f) => f.level === 'warning').length;
  const lines = [
    header,
    '数据库',
    ...database.map(render),
    '云函数',
    ...functions.map(render),
    '开放接口（真实调用）',
    ...openApis.map(render),
    problems
      ? `发现 ${problems} 个问题${warnings ? `、${warnings} 个提示` : ''}：按上面每行冒号后的说明处理，再运行 npm run cloudbase:doctor`
      : `没有发现问题${warnings ? `（${warnings} 个提示）` : ''}`,
  ];
  return { lines, findings, exitCode: problems ? 1 : 0 };
}
