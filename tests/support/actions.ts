import type { Role } from '@shared/core/roles';
import { contracts } from '../../cloudfunctions/deployed';

/** Every action of every deployed contract, with what it declares: the generated suites iterate over these. */
export type ActionDecl = { roles: readonly Role[]; input: { shape?: Record<string, unknown> } };
export const contractActions = Object.entries(contracts).flatMap(([fn, contract]) =>
  Object.entries(contract as Record<string, ActionDecl>).map(
    ([action, def]) => [fn as keyof typeof contracts, action, def] as const,
  ),
);
