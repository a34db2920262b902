import type { z } from 'zod';
import type { ErrorCode } from './errors';
import type { Role } from './roles';

/** One action of a feature: declared once, routed by the function, typed on the client. */
export type ActionDef<I extends z.ZodTypeAny = z.ZodTypeAny, O extends z.ZodTypeAny = z.ZodTypeAny> = {
  input: I;
  output: O;
  /** Roles that may call it; `resident` means any identified person. */
  roles: readonly Role[];
  /** Business outcomes it may return besides the generic ones. */
  errors: readonly ErrorCode[];
  summary: string;
};

export type Contract = Record<string, ActionDef>;

export function defineContract<C extends Contract>(contract: C): C {
  return contract;
}

export type ActionInput<C extends Contract, A extends keyof C> = z.input<C[A]['input']>;
export type ActionOutput<C extends Contract, A extends keyof C> = z.output<C[A]['output']>;
