import { createHmac, timingSafeEqual } from 'node:crypto';
import { messageFor } from '@shared/core/errors';
import type { Response } from '@shared/core/result';
import type { Runtime } from '../runtime/runtime';
import { createWechat, type CodeStorage, type OpenApi, type WechatSettings } from './wechat';

/**
 * The operator's check of WeChat's open APIs on a deployed function (`npm run cloudbase:doctor`). An open
 * API answers only inside a cloud function, with the permission WeChat applied to that very function, so
 * the doctor invokes the function itself (Tencent Cloud API) with an `operatorProbe` event instead of an
 * action: the contracts, the action names and the client's types are unchanged.
 *
 * Only the operator can make one. The probe names the function, the open API, its target (a page, or the
 * operator's OPENID) and an expiry a few minutes away, signed with HONGLING_SECRET: the key the deploy
 * sets on every function, which only the operator holds. Anything else (a mini-program user, an expired
 * probe, a forged one, one signed for another function or recipient) is refused as a forbidden call,
 * before WeChat is called. The probe writes nothing: no code image is uploaded, no row is kept.
 */
export const PROBE_APIS = ['wxacode.getUnlimited', 'subscribeMessage.send'] as const;
export type ProbeApi = (typeof PROBE_APIS)[number];

/** `target`: the page a code opens (wxacode), or the OPENID a message goes to (subscribeMessage). */
export type ProbeRequest = { api: ProbeApi; target: string; exp: number; sig: string };
export type ProbeEvent = { operatorProbe: ProbeRequest };

export type ProbeResult =
  | { outcome: 'ok'; detail: string }
  | { outcome: 'refused'; errCode: number | null; detail: string }
  | { outcome: 'skipped'; detail: string };

/** The longest a signed probe stays valid. */
export const PROBE_TTL_MS = 10 * 60_000;
export const PROBE_SCENE = 'doctor';

export type ProbeDeps = {
  runtime: () => Runtime;
  openApi: () => OpenApi;
  /** The function's WeChat settings (template, fields, version), as its environment variables give them. */
  wechat: () => WechatSettings;
};

function signature(secret: string, fn: string, api: string, target: string, exp: number): string {
  return createHmac('sha256', secret).update(`probe|${fn}|${api}|${target}|${exp}`).digest('base64url');
}

/** The operator's side: a probe of `api` on function `fn`, valid for five minutes from `now`. */
export function signProbe(secret: string, fn: string, api: ProbeApi, target: string, now: Date): ProbeEvent {
  const exp = now.getTime() + 5 * 60_000;
  return { operatorProbe: { api, target, exp, sig: signature(secret, fn, api, target, exp) } };
}

function verified(secret: string, fn: string, probe: unknown, now: number): ProbeRequest | null {
  const p = probe as Partial<ProbeRequest> | null;
  if (!p || typeof p !== 'object') return null;
  const { api, target, exp, sig } = p;
  if (!PROBE_APIS.includes(api as ProbeApi) || typeof target !== 'string' || !target || target.length > 128)
    return null;
  if (typeof exp !== 'number' || exp <= now || exp > now + PROBE_TTL_MS || typeof sig !== 'string') return null;
  const expected = Buffer.from(signature(secret, fn, api as string, target, exp));
  const given = Buffer.from(sig);
  return expected.length === given.length && timingSafeEqual(expected, given) ? (p as ProbeRequest) : null;
}

function errCodeOf(error: unknown): number | null {
  const code = (error as { errCode?: unknown } | null)?.errCode;
  return typeof code === 'number' ? code : null;
}

function textOf(error: unknown): string {
  const e = error as { errMsg?: unknown; message?: unknown } | null;
  return String(e?.errMsg ?? e?.message ?? error);
}

async function probeCode(openApi: OpenApi, settings: WechatSettings, page: string): Promise<ProbeResult> {
  try {
    const image = await openApi.getUnlimited({
      scene: PROBE_SCENE,
      page,
      checkPath: false,
      envVersion: settings.version,
      width: 430,
    });
    if (!/^image\/(png|jpeg)/.test(image.contentType ?? '') || !image.buffer?.length)
      return { outcome: 'refused', errCode: null, detail: `not an image: ${image.contentType ?? 'nothing'}` };
    return { outcome: 'ok', detail: `${image.contentType} ${image.buffer.length}` };
  } catch (error) {
    return { outcome: 'refused', errCode: errCodeOf(error), detail: textOf(error) };
  }
}

const noUpload: CodeStorage = { uploadFile: () => Promise.reject(new Error('a probe uploads nothing')) };

/**
 * A real subscribe message, made by the same code the notices use (template choice, fields, checks), so a
 * template that does not fit shows here too. Nothing sent and nothing refused: no template is configured,
 * or the notice did not fit it (the function's log says which).
 */
async function probeMessage(rt: Runtime, deps: ProbeDeps, fn: string, openid: string): Promise<ProbeResult> {
  const openApi = deps.openApi();
  let called = false;
  let refusal: unknown = null;
  const watched: OpenApi = {
    getUnlimited: (request) => openApi.getUnlimited(request),
    sendSubscribe: (request) => {
      called = true;
      return openApi.sendSubscribe(request).catch((error: unknown) => {
        refusal = error;
        throw error;
      });
    },
  };
  const wechat = createWechat(watched, noUpload, () => rt.store, deps.wechat(), rt.log);
  const notice = { key: `probe~${fn}`, title: '红领自检：订阅消息可以送达', body: `由云函数 ${fn} 发送`, link: null };
  if (await wechat.subscribe(openid, notice, rt.now())) return { outcome: 'ok', detail: 'sent' };
  if (!called) return { outcome: 'skipped', detail: 'no template' };
  return { outcome: 'refused', errCode: errCodeOf(refusal), detail: textOf(refusal) };
}

async function answer(fn: string, probe: unknown, deps: ProbeDeps): Promise<Response<ProbeResult>> {
  const rt = deps.runtime();
  let request: ProbeRequest | null = null;
  try {
    request = verified(rt.secret, fn, probe, rt.now().getTime());
  } catch {
    // No signing key on the function (rt.secret throws): nobody can be the operator.
  }
  if (!request) return { ok: false, error: { code: 'AUTH.FORBIDDEN', message: messageFor('AUTH.FORBIDDEN') } };
  const result =
    request.api === 'wxacode.getUnlimited'
      ? await probeCode(deps.openApi(), deps.wechat(), request.target)
      : await probeMessage(rt, deps, fn, request.target);
  rt.log({ level: 'info', fn, probe: request.api, outcome: result.outcome });
  return { ok: true, data: result };
}

/**
 * A deployed function's entry that also answers the operator's probe (an event with `operatorProbe`);
 * every other event goes to `main` unchanged.
 */
export function withOperatorProbe<E, R>(
  fn: string,
  main: (event: E, context?: unknown) => Promise<R>,
  deps: ProbeDeps,
): (event: E, context?: unknown) => Promise<R | Response<ProbeResult>> {
  return async function probed(event, context) {
    const probe = (event as { operatorProbe?: unknown } | null | undefined)?.operatorProbe;
    return probe === undefined ? main(event, context) : answer(fn, probe, deps);
  };
}
