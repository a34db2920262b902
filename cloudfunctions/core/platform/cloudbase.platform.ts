import tcb from '@cloudbase/node-sdk';
import type { Runtime } from '../runtime/runtime';
import { newId } from '../runtime/ids';
import { CloudbaseStore } from '../store/cloudbase.store';
import type { IndexDef } from '../store/indexes';
import type { Store } from '../store/store.port';
import { defaultKeys, keysProblem, templateKinds, type TemplateKind } from '@shared/messages/templates';
import { cloudbaseFiles } from './cloudbase-files';
import { createWechat, type CodeStorage, type TemplateChoice, type WechatSettings } from './wechat';
import { wxOpenApi } from './wx-openapi';

/**
 * The deployed platform. Identity is the WeChat OPENID CloudBase puts in the function's context for a
 * mini-program call (WX_OPENID, read with `tcb.getCloudbaseContext(context)`); nothing in the event is
 * ever trusted for identity. A timer trigger carries none (TRIGGER_SRC=timer), and only the periodic
 * function accepts a call without one.
 */
function cloudVars(context: unknown): Record<string, unknown> | null {
  try {
    return tcb.getCloudbaseContext(
      context && typeof context === 'object' && ('environ' in context || 'environment' in context)
        ? (context as never)
        : undefined,
    ) as unknown as Record<string, unknown>;
  } catch {
    return null;
  }
}

export function cloudOpenid(context: unknown): string | null {
  const vars = cloudVars(context);
  if (!vars || vars.TRIGGER_SRC === 'timer') return null;
  const openid = vars.WX_OPENID;
  return typeof openid === 'string' && openid.length > 0 ? openid : null;
}

/** A call from the function's timer trigger: CloudBase sets TRIGGER_SRC=timer, which no caller can. */
export function cloudTimerTrigger(context: unknown): boolean {
  return cloudVars(context)?.TRIGGER_SRC === 'timer';
}

/**
 * Each subscribe template kind's variable: its template id; `<name>_FIELDS` optionally its keys in the
 * table's order, when WeChat numbered the keywords differently (README, 部署到云开发).
 */
export const templateVariables: Record<TemplateKind, string> = {
  review: 'HONGLING_TEMPLATE_REVIEW',
  progress: 'HONGLING_TEMPLATE_PROGRESS',
  activity: 'HONGLING_TEMPLATE_ACTIVITY',
  notice: 'HONGLING_TEMPLATE_NOTICE',
};

/** The general template's first name: deployments in the field set it, so it still counts as HONGLING_TEMPLATE_NOTICE. */
const LEGACY_TEMPLATE = 'HONGLING_RESULT_TEMPLATE';

/** The configured templates, and why any configured one is left out (its keys cannot carry the kind's fields). */
function templateSettings(env: Record<string, string | undefined>): {
  templates: WechatSettings['templates'];
  problems: string[];
} {
  const templates: Partial<Record<TemplateKind, TemplateChoice>> = {};
  const problems: string[] = [];
  for (const kind of templateKinds) {
    let name = templateVariables[kind];
    if (kind === 'notice' && !env[name]) name = LEGACY_TEMPLATE;
    const id = env[name]?.trim();
    if (!id) continue;
    const listed = env[`${name}_FIELDS`]?.trim();
    const keys = listed ? listed.split(',').map((k) => k.trim()) : defaultKeys(kind);
    const problem = keysProblem(kind, keys);
    if (problem) problems.push(`${name}_FIELDS: ${problem}`);
    else templates[kind] = { id, keys };
  }
  return { templates, problems };
}

/** Settings from the function's environment variables (set by `npm run deploy` from cloudbaserc.json). */
export function cloudSettings(env: Record<string, string | undefined> = process.env): {
  secret: string;
  wechat: WechatSettings;
  /** Settings that are set but cannot be used, logged when the function starts. */
  problems: string[];
} {
  const { templates, problems } = templateSettings(env);
  const version =
    env.HONGLING_WEAPP_VERSION === 'trial' || env.HONGLING_WEAPP_VERSION === 'develop'
      ? env.HONGLING_WEAPP_VERSION
      : 'release';
  return {
    secret: env.HONGLING_SECRET ?? '',
    wechat: { templates, version },
    problems,
  };
}

let runtime: Runtime | null = null;

/** The deployed runtime, made once per function instance; `indexes` are the declared queries the store enforces. */
export function cloudbaseRuntime(indexes: readonly IndexDef[]): Runtime {
  if (runtime) return runtime;
  const settings = cloudSettings();
  const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
  let store: Store | null = null;
  const getStore = () => (store ??= new CloudbaseStore(app.database(), { indexes }));
  const log = (entry: Record<string, unknown>) => console.error(JSON.stringify(entry));
  for (const problem of settings.problems) log({ level: 'warn', fn: 'settings', problem });
  runtime = {
    // Created on first use, so a call refused before it reaches the database needs no connection.
    get store() {
      return getStore();
    },
    identify: cloudOpenid,
    isTimerTrigger: cloudTimerTrigger,
    now: () => new Date(),
    newId: () => newId(),
    // Without a signing key every code would be forgeable: anything that signs or checks one fails instead.
    get secret() {
      if (settings.secret.length < 16)
        throw new Error('HONGLING_SECRET is not set (at least 16 characters): see README, 部署到云开发');
      return settings.secret;
    },
    log,
    files: cloudbaseFiles(app),
    wechat: createWechat(wxOpenApi(), app as unknown as CodeStorage, getStore, settings.wechat, log),
  };
  return runtime;
}
