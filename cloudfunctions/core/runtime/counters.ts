import { beijing } from '@shared/core/time';
import type { Doc, Patch, TxStore } from '../store/store.port';

/**
 * Counters kept as the work happens (issue 16, part 6): dashboards read these documents instead of scanning
 * records. For each counted kind of record (报到 `report`, 微心愿 `wish`, 问题 `problem`) and community:
 * - `<kind>~<community>`: how many records are in each state now (`{ pending: 3, approved: 120 }`);
 * - `<kind>~<community>~<YYYY-MM>`: how many records entered each state in that Beijing month (a new record
 *   enters its first state), the twelve-month trends.
 * The change step writes them with the change (core/runtime/change.ts): inside its transaction when it has
 * one, else right after its conditional update, beside its audit record. `rebuildCounters` makes them again
 * from the records (their states and timelines): the tests compare the two after every test, and the deploy
 * (or the district, 重新统计) rebuilds them should they ever drift.
 */
export const STATS = 'stats';

export type CountedKind = 'report' | 'wish' | 'problem';
export type Place = { districtId: string; communityId: string };

export type StatsDoc = Doc & {
  kind: CountedKind;
  districtId: string;
  communityId: string;
  /** The Beijing month of a monthly document; '' for the current counts. */
  month: string;
} & Record<string, unknown>;

/** One counter document's change: the fields to add to (a state's count, +1 or -1). */
export type CounterDelta = { id: string; kind: CountedKind; place: Place; month: string; add: Record<string, number> };

/** Which records are counted, and where each sits. */
export type Counted<D> = { kind: CountedKind; place: (doc: D) => Place | null };

type Timeline = { history?: Array<{ at: string; to: string }> };

/** Counter documents per kind and community (and month). */
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

export const gaugeId = (kind: CountedKind, communityId: string, shard: number) => `${kind}~${communityId}~g${shard}`;
export const monthId = (kind: CountedKind, communityId: string, month: string, shard: number) =>
  `${kind}~${communityId}~${month}~${shard}`;

/** Every counter document of a community for `kind`: its current counts, and the months asked for. */
export function statsIds(kind: CountedKind, communityId: string, months: readonly string[] = []): string[] {
  const ids: string[] = [];
  for (let s = 0; s < SHARDS; s++) {
    ids.push(gaugeId(kind, communityId, s));
    for (const m of months) ids.push(monthId(kind, communityId, m, s));
  }
  return ids;
}
export const monthOf = (at: Date | string) => beijing(at, 'YYYY-MM');

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
  const month = monthOf(at);
  const shard = shardOf(doc as Doc & Timeline);
  const gauge: Record<string, number> = { [to]: 1 };
  if (from !== null) gauge[from] = -1;
  return [
    { id: gaugeId(counted.kind, place.communityId, shard), kind: counted.kind, place, month: '', add: gauge },
    {
      id: monthId(counted.kind, place.communityId, month, shard),
      kind: counted.kind,
      place,
      month,
      add: { [to]: 1 },
    },
  ];
}

function incPatch(add: Record<string, number>): Patch {
  return Object.fromEntries(Object.entries(add).map(([f, n]) => [f, { $inc: n }]));
}

function fresh(d: CounterDelta): StatsDoc {
  return { _id: d.id, kind: d.kind, ...d.place, month: d.month, ...d.add };
}

/** Adds the deltas inside the change's transaction (by id, as a transaction may). */
export async function bumpCountersInTx(tx: TxStore, deltas: readonly CounterDelta[]): Promise<void> {
  for (const d of deltas) {
    const found = await tx.get<StatsDoc>(STATS, d.id);
    if (found) await tx.update(STATS, d.id, incPatch(d.add));
    else await tx.set(STATS, fresh(d));
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
  const add = (id: string, place: Place, month: string, field: string) => {
    const doc = out.get(id) ?? { _id: id, kind: counted.kind, ...place, month };
    doc[field] = ((doc[field] as number | undefined) ?? 0) + 1;
    out.set(id, doc);
  };
  for (const r of records) {
    const place = counted.place(r);
    // Not a record the change step made (a bare test document): nothing to count it by.
    if (!place?.communityId || typeof stateOf(r) !== 'string') continue;
    const shard = shardOf(r);
    add(gaugeId(counted.kind, place.communityId, shard), place, '', stateOf(r));
    let last: string | null = null;
    for (const line of r.history ?? []) {
      const month = monthOf(line.at);
      if (line.to !== last) add(monthId(counted.kind, place.communityId, month, shard), place, month, line.to);
      last = line.to;
    }
  }
  return out;
}

/** The numbers of a stats document (its state counts), without its bookkeeping fields. */
export function countsOf(doc: StatsDoc | undefined | null): Record<string, number> {
  if (!doc) return {};
  const skip = new Set(['_id', 'kind', 'districtId', 'communityId', 'month']);
  return Object.fromEntries(
    Object.entries(doc).filter(([k, v]) => !skip.has(k) && typeof v === 'number' && v !== 0),
  ) as Record<string, number>;
}

/** A community's counts, its shards added up (`field` → count). */
export function sumCounts(docs: Iterable<StatsDoc | undefined>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of docs) for (const [k, v] of Object.entries(countsOf(d))) out[k] = (out[k] ?? 0) + v;
  return out;
}
