import type { z } from 'zod';
import type { Contract } from '@shared/core/contract';
import { messageFor } from '@shared/core/errors';
import { fail, isFailure, type Failure, type FieldErrors, type Response } from '@shared/core/result';
import type { Grant, Role } from '@shared/core/roles';
import { BadCursorError, StoreBusyError, type Store } from '../store/store.port';
import type { Changer } from './change';
import type { GrantDoc, PersonDoc } from './identity';
import type { Runtime } from './runtime';

export type Caller = { openid: string; person: PersonDoc | null; grants: Grant[] };

/** What a handler works with: the runtime, the identified caller, and the request's clock and id (a Changer, acting as the caller). */
export type Ctx = Changer & {
  rt: Runtime;
  store: Store;
  caller: Caller;
};

export type Handler<I, O> = (input: I, ctx: Ctx) => Promise<O | Failure>;
export type Handlers<C extends Contract> = {
  [A in keyof C]: Handler<z.output<C[A]['input']>, z.input<C[A]['output']>>;
};

export type FunctionEvent = { action?: unknown; data?: unknown };
export type Main = (event: FunctionEvent, context?: unknown) => Promise<Response<unknown>>;

function failure(f: Failure): Response<never> {
  const message = messageFor(f.failure, f.params);
  return {
    ok: false,
    error: {
      code: f.failure,
      message,
      ...(f.fields ? { fields: f.fields } : {}),
      ...(f.params ? { params: f.params } : {}),
    },
  };
}

function fieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    fields[key] ??= issue.message;
  }
  return fields;
}

async function loadCaller(store: Store, openid: string): Promise<Caller> {
  const [person, grants] = await Promise.all([
    store.get<PersonDoc>('people', openid),
    store.find<GrantDoc>('grants', { where: { openid }, limit: 100 }),
  ]);
  return {
    openid,
    person,
    grants: grants.items.map(({ role, scope, scopeId }) => ({ role, scope, scopeId })),
  };
}

function mayCall(allowed: readonly Role[], caller: Caller): boolean {
  return allowed.includes('resident') || caller.grants.some((g) => allowed.includes(g.role));
}

function makeCtx(rt: Runtime, caller: Caller, requestId: string): Ctx {
  return { rt, store: rt.store, caller, now: rt.now(), requestId, actor: caller.openid, newId: rt.newId };
}

/**
 * Builds a function's `main(event, context)`: route `event.action` through the contract, identify
 * the caller from the platform context, load their grants, check the role, parse the input, run the
 * handler, check the output. Unexpected errors are logged with a request id and answered as INTERNAL.
 */
export function createFunction<C extends Contract>(name: string, contract: C, handlers: Handlers<C>) {
  return (runtime: () => Runtime): Main =>
    async function main(event, context) {
      const rt = runtime();
      const requestId = rt.newId();
      const action = typeof event?.action === 'string' ? event.action : '';
      try {
        const def = Object.prototype.hasOwnProperty.call(contract, action) ? contract[action] : undefined;
        if (!def) return failure(fail('ACTION.UNKNOWN'));
        const openid = rt.identify(context);
        if (!openid) return failure(fail('AUTH.UNAUTHENTICATED'));
        const caller = await loadCaller(rt.store, openid);
        if (!mayCall(def.roles, caller)) return failure(fail('AUTH.FORBIDDEN'));
        const parsed = def.input.safeParse(event.data ?? {});
        if (!parsed.success) return failure(fail('INPUT.INVALID', fieldErrors(parsed.error)));
        const handler = handlers[action as keyof C] as Handler<unknown, unknown>;
        const result = await handler(parsed.data, makeCtx(rt, caller, requestId));
        if (isFailure(result)) return failure(result);
        return { ok: true, data: def.output.parse(result) };
      } catch (error) {
        if (error instanceof BadCursorError)
          return failure(fail('INPUT.INVALID', { cursor: '翻页位置无效，请刷新列表后重试' }));
        if (error instanceof StoreBusyError) {
          rt.log({ level: 'warn', fn: name, action, requestId, error: error.message });
          return failure(fail('BUSY'));
        }
        rt.log({
          level: 'error',
          fn: name,
          action,
          requestId,
          error: error instanceof Error ? error.stack : String(error),
        });
        return { ok: false, error: { code: 'INTERNAL', message: `${messageFor('INTERNAL')}（${requestId}）` } };
      }
    };
}
