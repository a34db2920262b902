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

export type StatsDoc = Doc & { kind: CountedKind; districtId: string; communityId: string } & Record<string, unknown>;

/** One counter document's change: the fields to add to (a state's count now, +1 or -1; a month's entries). */
export type CounterDelta = { id: string; kind: CountedKind; place: Place; add: Record<string, number> };

/** Which records are counted, and where each sits. */
export type Counted<D> = { kind: CountedKind; place: (doc: D) => Place | null };

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
  if (from !== null) add[from] = -1;
  return [
    { id: statsId(counted.kind, place.communityId, shardOf(doc as Doc & Timeline)), kind: counted.kind, place, add },
  ];
}

function incPatch(add: Record<string, number>): Patch {
  return Object.fromEntries(Object.entries(add).map(([f, n]) => [f, { $inc: n }]));
}

/** Adds the deltas inside the change's transaction: one update by id, or the document's first write. */
export async function bumpCountersInTx(tx: TxStore, deltas: readonly CounterDelta[]): Promise<void> {
  for (const d of deltas) {
    if (await tx.update(STATS, d.id, incPatch(d.add))) continue;
    await tx.set(STATS, { _id: d.id, kind: d.kind, ...d.place, ...d.add });
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
    let last: string | null = null;
    for (const line of r.history ?? []) {
      if (line.to !== last) add(monthField(monthOf(line.at), line.to));
      last = line.to;
    }
    out.set(id, doc);
  }
  return out;
}

/** The numbers of a stats document (its counts and months), without its bookkeeping fields. */
export function countsOf(doc: StatsDoc | undefined | null): Record<string, number> {
  if (!doc) return {};
  const skip = new Set(['_id', 'kind', 'districtId', 'communityId']);
  return Object.fromEntries(
    Object.entries(doc).filter(([k, v]) => !skip.has(k) && typeof v === 'number' && v !== 0),
  ) as Record<string, number>;
}

/** A community's counts now and by month, its shards added up. */
export function sumShards(docs: Iterable<StatsDoc | undefined>): {
  now: Record<string, number>;
  months: Map<string, Record<string, number>>;
} {
  const now: Record<string, number> = {};
  const months = new Map<string, Record<string, number>>();
  for (const d of docs)
    for (const [k, v] of Object.entries(countsOf(d))) {
      const m = MONTH_FIELD.exec(k);
      if (!m) now[k] = (now[k] ?? 0) + v;
      else {
        const month = `${m[1]}-${m[2]}`;
        const row = months.get(month) ?? {};
        row[m[3] as string] = (row[m[3] as string] ?? 0) + v;
        months.set(month, row);
      }
    }
  return { now, months };
}
