/** A status machine as data: each event names the states it may start from and the state it leads to. */
export type TransitionTable<S extends string> = Record<string, { readonly from: readonly S[]; readonly to: S }>;

/** May `event` of `table` start from `from`? */
export function canMove<S extends string, T extends TransitionTable<S>>(table: T, event: keyof T, from: S): boolean {
  return (table[event]?.from ?? []).includes(from);
}
