import type { Role } from './roles';

/**
 * Who may fire an event: a role held over the record's place, or a relation to the record
 * (`owner`: who created it; `claimant`: the member who holds it; `organiser`: who runs the activity;
 * `lead`: the lead department of a whistle round), or the periodic jobs (`system`).
 */
export type Party = Role | 'owner' | 'claimant' | 'organiser' | 'lead' | 'system';

/**
 * One row of a status machine: the states an event may start from, the state it leads to (null: the
 * state stays, as for a progress note), and who may fire it.
 */
export type TransitionRow<S extends string> = {
  readonly from: readonly S[];
  readonly to: S | null;
  readonly by: readonly Party[];
};

/** A status machine as data: one row per event. */
export type TransitionTable<S extends string> = Record<string, TransitionRow<S>>;

/** May `by` fire `event` of `table` from `from`? */
export function canMove<S extends string, T extends TransitionTable<S>>(
  table: T,
  event: keyof T,
  from: S,
  by: Party,
): boolean {
  const row = table[event];
  return !!row && row.from.includes(from) && row.by.includes(by);
}
