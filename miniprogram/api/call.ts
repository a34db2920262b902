import Taro from '@tarojs/taro';
import type { ActionInput, ActionOutput } from '@shared/core/contract';
import { messageFor } from '@shared/core/errors';
import type { AppErrorBody, Response } from '@shared/core/result';
import type { DeployedContracts } from '@shared/deployed';
import { clearSession, sessionToken } from './session';

/** Every function and its contract; only types cross into the app, never server code. */
type Contracts = DeployedContracts;
export type FunctionName = keyof Contracts;
export type Input<F extends FunctionName, A extends keyof Contracts[F]> = ActionInput<Contracts[F], A>;
export type Output<F extends FunctionName, A extends keyof Contracts[F]> = ActionOutput<Contracts[F], A>;

/** An error for the user: the code's Chinese text from the one table, plus field messages. */
export class CallError extends Error {
  constructor(readonly body: AppErrorBody) {
    super(messageFor(body.code, body.params));
  }
  get code() {
    return this.body.code;
  }
  get fields() {
    return this.body.fields ?? {};
  }
}

async function transport(name: string, event: { action: string; data: unknown }): Promise<Response<unknown>> {
  if (process.env.TARO_ENV === 'weapp') {
    const res = await Taro.cloud.callFunction({ name, data: event });
    return res.result as Response<unknown>;
  }
  const token = sessionToken();
  const res = await fetch(`/api/fn/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(event),
  });
  return (await res.json()) as Response<unknown>;
}

/** The one typed caller: `Taro.cloud.callFunction` in the mini-program, `fetch` to the local server in H5. */
export async function call<F extends FunctionName, A extends keyof Contracts[F] & string>(
  fn: F,
  action: A,
  data: Input<F, A>,
): Promise<Output<F, A>> {
  // Without a development session the page's login guard is already on its way to the login page.
  if (process.env.TARO_ENV === 'h5' && !sessionToken())
    throw new CallError({ code: 'AUTH.UNAUTHENTICATED', message: messageFor('AUTH.UNAUTHENTICATED') });
  let response: Response<unknown>;
  try {
    response = await transport(fn, { action, data });
  } catch {
    throw new CallError({ code: 'NETWORK', message: messageFor('NETWORK') });
  }
  if (response.ok) return response.data as Output<F, A>;
  if (response.error.code === 'AUTH.UNAUTHENTICATED' && process.env.TARO_ENV === 'h5') {
    clearSession();
    const here = Taro.getCurrentInstance().router?.path ?? '';
    Taro.redirectTo({ url: `/pages/login/index?redirect=${encodeURIComponent(here)}` });
  }
  throw new CallError(response.error);
}
