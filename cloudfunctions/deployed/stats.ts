import { enrolmentEntity } from '../checkin/checkin.entities';
import { checkinCounters } from '../checkin/checkin.stats';
import { halfYearCounters } from '../checkin/half-year.stats';
import { baseOf, countersFrom, countsOf, STATS, type Counted, type StatsDoc } from '../core/runtime/counters';
import { allPages } from '../core/runtime/pages';
import { eachLimited } from '../core/runtime/parallel';
import type { Doc, Store } from '../core/store/store.port';
import { serviceCounters } from '../points/service.stats';
import { problemEntity } from '../whistle/whistle.entities';
import { whistleCounters } from '../whistle/whistle.stats';
import { wishEntity } from '../wish/wish.entity';

/**
 * Where each feature's counters come from, for making them again from the records themselves: the tests
 * compare them after every test, the deploy rebuilds them. A source names the collections it reads and makes
 * its counter documents from them (ids of different sources never meet).
 */
export type CounterSource = {
  collections: string[];
  counters(records: (collection: string) => Iterable<Doc>): Iterable<[string, StatsDoc]>;
};

/** The records counted by state (their entities say how: `counted`). */
const byState: CounterSource[] = [enrolmentEntity, wishEntity, problemEntity].map((e) => ({
  collections: [e.collection],
  counters: (records) =>
    countersFrom(
      e.counted as unknown as Counted<Doc>,
      records(e.collection),
      e.stateOf as unknown as (doc: Doc) => string,
    ),
}));

const sources: CounterSource[] = [...byState, whistleCounters, halfYearCounters, serviceCounters, checkinCounters];

/** The counters the records say, from each source's collections. */
export function expectedCounters(records: (collection: string) => Iterable<Doc>): Map<string, StatsDoc> {
  const all = new Map<string, StatsDoc>();
  for (const s of sources) for (const [id, doc] of s.counters(records)) all.set(id, doc);
  return all;
}

/** Where the stored counters differ from the records (a counter document and the counts that differ). */
export function counterDifferences(stored: Iterable<StatsDoc>, expected: Map<string, StatsDoc>): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const doc of stored) {
    seen.add(doc._id);
    const kept = countsOf(doc);
    const want = countsOf(expected.get(doc._id));
    if (!sameCounts(kept, want))
      problems.push(`counters ${doc._id}: ${JSON.stringify(kept)}, the records say ${JSON.stringify(want)}`);
  }
  for (const [id, doc] of expected)
    if (!seen.has(id) && Object.keys(countsOf(doc)).length)
      problems.push(`counters ${id} missing: ${JSON.stringify(countsOf(doc))}`);
  return problems;
}

/** The same counts, whatever order their fields are in. */
function sameCounts(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/**
 * Rebuilds every counter from the records (the deploy's migration; a test that seeds records directly): each
 * counter document is set to what the records say, a count no record supports set to 0. Answers how many
 * documents it wrote and how many of them were wrong.
 */
export async function rebuildStats(store: Store): Promise<{ documents: number; corrected: number }> {
  const records = new Map<string, Doc[]>();
  for (const c of new Set(sources.flatMap((s) => s.collections))) records.set(c, await allPages(store, c, {}));
  const expected = expectedCounters((c) => records.get(c) ?? []);
  const stored = new Map((await allPages<StatsDoc>(store, STATS, {})).map((d) => [d._id, d]));
  const ids = [...new Set([...expected.keys(), ...stored.keys()])];
  let corrected = 0;
  await eachLimited(ids, 25, async (id) => {
    const want = expected.get(id);
    const have = stored.get(id);
    const counts = countsOf(want);
    const zeroed = Object.fromEntries(
      Object.keys(countsOf(have))
        .filter((k) => !(k in counts))
        .map((k) => [k, 0]),
    );
    if (have && sameCounts(countsOf(have), counts)) return;
    corrected++;
    const base = want ?? have!;
    await store.transaction((tx) => tx.set(STATS, { _id: id, ...baseOf(base), ...zeroed, ...counts }));
  });
  return { documents: ids.length, corrected };
}
