import type { Role } from '@shared/core/roles';
import { call } from '../api/call';
import { useLoad } from './use-call';

/** The caller's roles, for showing the buttons a role may use (the server checks again). */
export function useRoles() {
  const me = useLoad(() => call('org', 'me', {}), []);
  const held = new Set<Role>(me.data?.grants.map((g) => g.role) ?? []);
  return { me, has: (...roles: Role[]) => roles.some((r) => held.has(r)) };
}
