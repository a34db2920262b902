import { beijing } from '@shared/core/time';
import type { Doc, Patch, TxStore } from '../store/store.port';

/**
 * Counters kept as the work happens (issue 16, part 6): dashboards read these documents instead of scanning
 * records. For each counted kind of record (报到 `report`, 微心愿 `wish`, 问题 `problem`) and community there
 * are `SHARDS` documents `<kind>~<community>~<shard>` (a record always counts in the same one, so changes to
 * different records of one community at once rarely meet on one document). Each holds:
 * - `<state>`: how many records are in that state now (`pending: 3, approved: 120`);
 * - `m<YYYYMM>_<state>`: how many records entered that state in that Beijing month (a new record enters its
 *   first state): the twelve-month trends.
 * A reader adds up a community's shards. The change step writes them in the change's own transaction
 * (core/runtime/change.ts: a counted record always changes in one), one update of one document per change,
 * so a change and its counts are written together or not at all, and a retry counts once.
 * `expectedCounters` (deployed/stats.ts) makes them again from the records (their states and timelines): the
 * tests compare the two after every test, and the deploy makes them from the records the first time.
 */
export const STATS = 'stats';

export type CountedKind = 'report' | 'wish' | 'problem';
export type Place = { districtId: string; communityId: string };

/**
 * A counter document: its numbers, and what it counts for (its kind and place: strings, never counted). Other
 * features keep their own kinds of counter document here too (a department's whistles: `tally` below).
 */
export type StatsDoc = Doc & { kind: string; districtId: string; communityId?: string } & Record<string, unknown>;

/**
 * One counter document's change: the fields to add to (a state's count now, +1 or -1; a month's entries), and
 * what the document counts for, written with its first count.
 */
export type CounterDelta = { id: string; base: Record<string, string>; add: Record<string, number> };

/**
 * Which records are counted, and where each sits. `within`: the smaller places inside the community a record
 * also counts in, now only (`g~<grid>`, `o~<organisation>`): a grid's or an organisation's counts are fields of
 * the community's documents (`g~<grid>~<state>`), read with them.
 */
export type Counted<D> = { kind: CountedKind; place: (doc: D) => Place | null; within?: (doc: D) => string[] };

/** `within` from a record's smaller places (`{ g: gridId, o: orgId }`), those it has. */
export function withinPlaces(places: Record<string, string | null | undefined>): string[] {
  return Object.entries(places).flatMap(([k, id]) => (id ? [`${k}~${id}`] : []));
}

/**
 * Counters a change keeps besides its record's state (a whistle's response and rating, by department and
 * month): the deltas from the record before (null: new) and after. Written in the change's transaction, as
 * `counted` is; `deployed/stats.ts` must know how to make them again from the records.
 */
export type Tally<D> = (next: D, before: D | null, at: Date) => CounterDelta[];

type Timeline = { history?: Array<{ at: string; to: string }> };

/** Counter documents per kind and community. */
export const SHARDS = 8;

/**
 * The shard a record counts in: always the same for one record, from when it was made (the first line of
 * its timeline), which outlives its id (注销 moves a 报到 to the pseudonym's key).
 */
export function shardOf(doc: Doc & Timeline): number {
  const key = doc.history?.[0]?.at ?? doc._id;
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) >>> 0;
  return h % SHARDS;
}

export const statsId = (kind: CountedKind, communityId: string, shard: number) => `${kind}~${communityId}~${shard}`;

/** Every counter document of a community for `kind`. */
export function statsIds(kind: CountedKind, communityId: string): string[] {
  return Array.from({ length: SHARDS }, (_, s) => statsId(kind, communityId, s));
}

export const monthOf = (at: Date | string) => beijing(at, 'YYYY-MM');
/** The field of a month's entries into a state: `m202611_open`. */
export const monthField = (month: string, state: string) => `m${month.replace('-', '')}_${state}`;
const MONTH_FIELD = /^m(\d{4})(\d{2})_(.+)$/;

/** What a record entering `to` from `from` (null: a new record) changes in the counters. */
export function countDeltas<D extends Doc>(
  counted: Counted<D> | undefined,
  doc: D,
  from: string | null,
  to: string,
  at: Date,
): CounterDelta[] {
  if (!counted || from === to) return [];
  const place = counted.place(doc);
  if (!place) return [];
  const add: Record<string, number> = { [to]: 1, [monthField(monthOf(at), to)]: 1 };
  for (const w of counted.within?.(doc) ?? []) add[`${w}~${to}`] = 1;
  if (from !== null) {
    add[from] = -1;
    // The record's smaller places as it was (a record does not move between them, but its counts follow it).
    for (const w of counted.within?.(doc) ?? []) add[`${w}~${from}`] = -1;
  }
  return [
    {
      id: statsId(counted.kind, place.communityId, shardOf(doc as Doc & Timeline)),
      base: { kind: counted.kind, ...place },
      add,
    },
  ];
}

/** Deltas added together per document, zeros dropped: one update of each document. */
export function mergeDeltas(deltas: readonly CounterDelta[]): CounterDelta[] {
  const byId = new Map<string, CounterDelta>();
  for (const d of deltas) {
    const into = byId.get(d.id) ?? { ...d, add: {} };
    for (const [k, n] of Object.entries(d.add)) into.add[k] = (into.add[k] ?? 0) + n;
    byId.set(d.id, into);
  }
  return [...byId.values()]
    .map((d) => ({ ...d, add: Object.fromEntries(Object.entries(d.add).filter(([, n]) => n !== 0)) }))
    .filter((d) => Object.keys(d.add).length > 0);
}

/**
 * A record's change as deltas, for records that count what they say now (a `Tally`): what the record after it
 * counts less what the record before it counted.
 */
export function changeDeltas(before: readonly CounterDelta[], after: readonly CounterDelta[]): CounterDelta[] {
  const negated = before.map((d) => ({
    ...d,
    add: Object.fromEntries(Object.entries(d.add).map(([k, n]) => [k, -n])),
  }));
  return mergeDeltas([...after, ...negated]);
}

/** Counter documents made from what each record counts (a rebuild): every delta added into its document. */
export function countersFromDeltas(
  deltas: Iterable<CounterDelta>,
  out = new Map<string, StatsDoc>(),
): Map<string, StatsDoc> {
  for (const d of deltas) {
    const doc = out.get(d.id) ?? ({ _id: d.id, ...d.base } as StatsDoc);
    for (const [k, n] of Object.entries(d.add)) doc[k] = ((doc[k] as number | undefined) ?? 0) + n;
    out.set(d.id, doc);
  }
  return out;
}

function incPatch(add: Record<string, number>): Patch {
  return Object.fromEntries(Object.entries(add).map(([f, n]) => [f, { $inc: n }]));
}

/** Adds the deltas inside the change's transaction: one update by id, or the document's first write. */
export async function bumpCountersInTx(tx: TxStore, deltas: readonly CounterDelta[]): Promise<void> {
  for (const d of deltas) {
    if (await tx.update(STATS, d.id, incPatch(d.add))) continue;
    await tx.set(STATS, { _id: d.id, ...d.base, ...d.add });
  }
}

/**
 * The counters as the records say they should be: each record counts in its state now, and in the month
 * each line of its timeline moved it into a state. Zero counts are left out.
 */
export function countersFrom<D extends Doc & Timeline>(
  counted: Counted<D>,
  records: Iterable<D>,
  stateOf: (doc: D) => string,
): Map<string, StatsDoc> {
  const out = new Map<string, StatsDoc>();
  for (const r of records) {
    const place = counted.place(r);
    // Not a record the change step made (a bare test document): nothing to count it by.
    if (!place?.communityId || typeof stateOf(r) !== 'string') continue;
    const id = statsId(counted.kind, place.communityId, shardOf(r));
    const doc = out.get(id) ?? { _id: id, kind: counted.kind, ...place };
    const add = (field: string) => (doc[field] = ((doc[field] as number | undefined) ?? 0) + 1);
    add(stateOf(r));
    for (const w of counted.within?.(r) ?? []) add(`${w}~${stateOf(r)}`);
    let last: string | null = null;
    for (const line of r.history ?? []) {
      if (line.to !== last) add(monthField(monthOf(line.at), line.to));
      last = line.to;
    }
    out.set(id, doc);
  }
  return out;
}

/** The numbers of a stats document (its counts and months), without what it counts for (its strings). */
export function countsOf(doc: StatsDoc | undefined | null): Record<string, number> {
  if (!doc) return {};
  return Object.fromEntries(
    Object.entries(doc).filter(([k, v]) => k !== '_id' && typeof v === 'number' && v !== 0),
  ) as Record<string, number>;
}

/** What a stats document counts for (its kind and place): the fields a rebuild writes back as they were. */
export function baseOf(doc: StatsDoc): Record<string, string> {
  return Object.fromEntries(
    Object.entries(doc).filter((e): e is [string, string] => e[0] !== '_id' && typeof e[1] === 'string'),
  );
}

const WITHIN_FIELD = /^([a-z])~(.+)~([^~]+)$/;
const addTo = (row: Record<string, number>, key: string, v: number) => (row[key] = (row[key] ?? 0) + v);

/**
 * A community's counts now, by month, and by smaller place (`g~<grid>` → its counts now), its shards added up.
 */
export function sumShards(docs: Iterable<StatsDoc | undefined>): {
  now: Record<string, number>;
  months: Map<string, Record<string, number>>;
  within: Map<string, Record<string, number>>;
} {
  const now: Record<string, number> = {};
  const months = new Map<string, Record<string, number>>();
  const within = new Map<string, Record<string, number>>();
  const rowOf = (map: Map<string, Record<string, number>>, key: string) => {
    const row = map.get(key) ?? {};
    map.set(key, row);
    return row;
  };
  for (const d of docs)
    for (const [k, v] of Object.entries(countsOf(d))) {
      const m = MONTH_FIELD.exec(k);
      const w = m ? null : WITHIN_FIELD.exec(k);
      if (m) addTo(rowOf(months, `${m[1]}-${m[2]}`), m[3] as string, v);
      else if (w) addTo(rowOf(within, `${w[1]}~${w[2]}`), w[3] as string, v);
      else addTo(now, k, v);
    }
  return { now, months, within };
}
