import type { z } from 'zod';
import type { Contract } from '@shared/core/contract';
import { messageFor } from '@shared/core/errors';
import { fail, isFailure, type Failure, type FieldErrors, type Response } from '@shared/core/result';
import { coveringGrants, type Grant, type Placement, type Role } from '@shared/core/roles';
import { StoreBusyError, type Doc, type Store, type TxStore } from '../store/store.port';
import type { AuditDoc, GrantDoc, PersonDoc } from './documents';
import type { Runtime } from './runtime';

export type Caller = { openid: string; person: PersonDoc | null; grants: Grant[] };

export type Ctx = {
  rt: Runtime;
  store: Store;
  caller: Caller;
  now: Date;
  requestId: string;
  /** The caller's grants of `roles` that cover `place`, or a failure when none does. */
  scope(roles: readonly Role[], place: Placement): Grant[] | Failure;
  /** Appends an audit record (who, what, before, after, when), inside a transaction when given one. */
  audit(entry: { action: string; entity: string; entityId: string; before: unknown; after: unknown }, tx?: TxStore): Promise<void>;
};

export type Handler<I, O> = (input: I, ctx: Ctx) => Promise<O | Failure>;
export type Handlers<C extends Contract> = {
  [A in keyof C]: Handler<z.output<C[A]['input']>, z.input<C[A]['output']>>;
};

export type FunctionEvent = { action?: unknown; data?: unknown };
export type Main = (event: FunctionEvent, context?: unknown) => Promise<Response<unknown>>;

function failure(f: Failure): Response<never> {
  const message = f.message ?? messageFor(f.failure, f.params);
  return { ok: false, error: { code: f.failure, message, ...(f.fields ? { fields: f.fields } : {}), ...(f.params ? { params: f.params } : {}) } };
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
  const now = rt.now();
  return {
    rt,
    store: rt.store,
    caller,
    now,
    requestId,
    scope(roles, place) {
      const found = coveringGrants(caller.grants, roles, place);
      return found.length > 0 ? found : fail('AUTH.OUT_OF_SCOPE');
    },
    async audit(entry, tx) {
      const doc: AuditDoc & Doc = { _id: rt.newId(), requestId, actor: caller.openid, at: now.toISOString(), ...entry };
      await (tx ? tx.insert('audit', doc) : rt.store.insert('audit', doc));
    },
  };
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
        if (!parsed.success) return failure(fail('INPUT.INVALID', undefined, fieldErrors(parsed.error)));
        const handler = handlers[action as keyof C] as Handler<unknown, unknown>;
        const result = await handler(parsed.data, makeCtx(rt, caller, requestId));
        if (isFailure(result)) return failure(result);
        return { ok: true, data: def.output.parse(result) };
      } catch (error) {
        if (error instanceof StoreBusyError) {
          rt.log({ level: 'warn', fn: name, action, requestId, error: error.message });
          return failure(fail('BUSY'));
        }
        rt.log({ level: 'error', fn: name, action, requestId, error: error instanceof Error ? error.stack : String(error) });
        return { ok: false, error: { code: 'INTERNAL', message: `${messageFor('INTERNAL')}（${requestId}）` } };
      }
    };
}
