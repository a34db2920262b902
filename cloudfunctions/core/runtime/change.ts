import type { ErrorCode } from '@shared/core/errors';
import { fail, type Failure } from '@shared/core/result';
import type { Role, ScopeKind } from '@shared/core/roles';
import type { Party, TransitionTable } from '@shared/core/transitions';
import { fillText, noticeTable, type Audience, type NoticeRow } from '@shared/messages/notices';
import type { NoticeTemplate } from '@shared/messages/templates';
import { StoreConflictError, type Doc, type Patch, type Store, type TxStore, type Where } from '../store/store.port';
import { eachLimited } from './parallel';
import { keepingWorkPhotos, pseudonymousId, scrub, type Subject } from './pseudonym';
import type { Runtime } from './runtime';
import { bumpCountersInTx, countDeltas, type Counted, type Tally } from './counters';

/**
 * The one home of history and audit records. A status changes through `transition` (or `transitionById`
 * when other writes must commit with it); a new record is written by `create`; any other audited write
 * (settings, a ledger posting, a grant) by `record`. Nothing else writes to `audit` or appends history.
 */

/**
 * One line of a record's timeline: who (their OPENID, or the system), the party they acted as, and for a
 * department's staff which department (so the timeline can name it).
 */
export type HistoryEntry = {
  at: string;
  by: string;
  from: string | null;
  to: string;
  note: string | null;
  as?: Party;
  byDepartment?: string;
};

export type AuditDoc = {
  _id: string;
  requestId: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  at: string;
};

/** Who makes a change, and when: a person's request, or a periodic job acting as the system. */
export type Changer = { store: Store; now: Date; actor: string; requestId: string; newId: () => string };

/** The actor the periodic jobs write as. */
export const SYSTEM_ACTOR = 'system';

export function systemChanger(rt: Runtime, job: string): Changer {
  return { store: rt.store, now: rt.now(), actor: SYSTEM_ACTOR, requestId: `${job}~${rt.newId()}`, newId: rt.newId };
}

/**
 * Who a notice goes to: named people, everyone holding a role over a scope (a department's staff), or the
 * people a query finds (`field` holds their OPENID: the members signed up for an activity).
 */
export type Recipients =
  | { openids: string[] }
  | { role: Role; scope: ScopeKind; scopeId: string }
  | { query: { collection: string; where: Where; field: string } };

/**
 * A message a change implies; its key makes sending it twice impossible. The messages feature delivers it.
 * `template` says which WeChat subscribe template it goes out with (审核结果, 工单处理, 活动开始: the table in
 * shared/src/messages/templates.ts) and what that template's fields say; without it the general one.
 */
export type Notice = {
  key: string;
  to: Recipients;
  title: string;
  body: string;
  link: string | null;
  template?: NoticeTemplate;
  /** Who made the change: never told of their own act, whatever audience they are also in. */
  except?: string;
};

/**
 * How one kind of record moves: its table, where its state is read from, the filter that matches it
 * only while it is as it was read, and the fields written on entering a state.
 */
export type Entity<D extends Doc, S extends string, T extends TransitionTable<S>> = {
  /** The audit action prefix (`wish` → `wish.claim`). */
  name: string;
  collection: string;
  table: T;
  /** The code answered when the record is no longer in a state the event starts from. */
  badState: ErrorCode;
  stateOf(doc: D): S;
  guardOf(doc: D): Where;
  enter(to: S, doc: D): Partial<D>;
  /** Records with a timeline keep a `history` array. */
  history: boolean;
  /**
   * Who each audience of the notice table (shared/src/messages/notices.ts) is for one record, from the
   * record after the change and before it; an empty list when the audience has no one for this record.
   */
  audience?: Partial<Record<Audience, (next: D, before: D, at: Date) => Recipients[]>>;
  /** The facts a notice's text may name (`{title}`), and `subject`/`note` for its subscribe template. */
  facts?: (doc: D, note: string | null) => Record<string, string>;
  /** The id a notice's page opens (default: the record's; a whistle opens its problem). */
  linkId?: (doc: D) => string;
  /** Records the dashboards count by state and month (core/runtime/counters.ts), and where each sits. */
  counted?: Counted<D>;
  /** Other counters its changes keep (core/runtime/counters.ts `Tally`), in the same transaction. */
  tally?: Tally<D>;
  /**
   * Counters that must be read before they are written (a member's half-year tally: whether the rule is met
   * turns on the counts kept so far), from the record before (null: new) and after; run in the change's
   * transaction after `counted` and `tally`, so the change and its counts commit together, once.
   */
  inTx?: (tx: TxStore, next: D, before: D | null, at: Date) => Promise<void>;
};

/** Does a change of this kind of record write counters (and so always run in a transaction)? */
const keepsCounts = (entity: { counted?: unknown; tally?: unknown; inTx?: unknown }) =>
  !!(entity.counted || entity.tally || entity.inTx);

/**
 * The notices a change implies, from its row of the notice table (none when the table has no row: a quiet
 * change). One key for every audience of the row, so a person in two audiences gets one message.
 */
export function noticesOf<D extends Doc, S extends string, T extends TransitionTable<S>>(
  c: Changer,
  entity: Entity<D, S, T>,
  event: string,
  next: D,
  before: D,
  options: { note?: string | null; key?: string; facts?: Record<string, string> } = {},
): Notice[] {
  const row = (noticeTable as Record<string, NoticeRow>)[`${entity.name}.${event}`];
  if (!row) return [];
  const note = options.note ?? null;
  const facts = { note: note ?? '', ...(entity.facts?.(next, note) ?? {}), ...(options.facts ?? {}) };
  const id = entity.linkId?.(next) ?? next._id;
  const key = options.key ?? `${entity.name}.${event}~${next._id}~${c.requestId}`;
  const notices: Notice[] = [];
  for (const [audience, told] of Object.entries(row.to) as Array<[Audience, NonNullable<NoticeRow['to'][Audience]>]>) {
    const resolve = entity.audience?.[audience];
    if (!resolve) throw new Error(`${entity.name} cannot say who its ${audience} is (notice ${entity.name}.${event})`);
    const title = fillText(told.title ?? row.title, facts);
    const body = fillText(told.body ?? row.body, facts);
    const template = templateOf(row, facts, body);
    for (const to of resolve(next, before, c.now))
      notices.push({
        key,
        to,
        title,
        body,
        link: `/${told.page}?id=${encodeURIComponent(id)}${told.byState ? `&status=${entity.stateOf(next)}` : ''}${
          told.query ? `&${told.query}` : ''
        }`,
        ...(template ? { template } : {}),
        except: c.actor,
      });
  }
  return notices;
}

function templateOf(row: NoticeRow, facts: Record<string, string>, body: string): NoticeTemplate | undefined {
  const t = row.template;
  if (!t) return undefined;
  const subject = facts.subject;
  const note = facts.note || body;
  if (t.kind === 'activity')
    return {
      kind: 'activity',
      startsAt: facts.startsAtIso ?? '',
      place: facts.place ?? '',
      subject,
      note: '请准时到场扫码签到',
    };
  return { kind: t.kind, state: t.state, ...(subject ? { subject } : {}), note } as NoticeTemplate;
}

/** The usual case: the state is the record's own `status` field. */
export function statusField<D extends Doc & { status: S }, S extends string>(): Pick<
  Entity<D, S, TransitionTable<S>>,
  'stateOf' | 'guardOf' | 'enter'
> {
  return {
    stateOf: (doc) => doc.status,
    guardOf: (doc) => ({ status: doc.status }),
    enter: (status) => ({ status }) as Partial<D>,
  };
}

export type Moved<D> = { doc: D; notices: Notice[] };

type MoveOptions<D> = {
  /** The party the caller acts as; the table must allow it. */
  as: Party;
  changes?: Partial<D>;
  note?: string | null;
  /** More conditions for the conditional update (say, the claimant still holds it). */
  guard?: Where;
  /** Inside a transaction: the record was read with `tx` and is written by id with it. */
  tx?: TxStore;
  /** What the audit record says besides the states (default: the changes). */
  detail?: Record<string, unknown>;
  /** The department the caller acts for (a department's staff), kept on the history line. */
  department?: string;
  /** Facts the notices name that the record does not hold (the post a claim is of). */
  facts?: Record<string, string>;
  /**
   * Work that needs the move written but not its audit record (outside a transaction): delivering its
   * notices and reading the answer, run alongside the audit record.
   */
  alongside?: (moved: Moved<D>) => Promise<void>;
};

/** Appends an audit record (who, what, before, after, when), inside a transaction when given one. */
export async function record(
  c: Changer,
  entry: { action: string; entity: string; entityId: string; before: unknown; after: unknown },
  tx?: TxStore,
): Promise<void> {
  const doc: AuditDoc & Doc = {
    _id: c.newId(),
    requestId: c.requestId,
    actor: c.actor,
    at: c.now.toISOString(),
    ...entry,
  };
  await (tx ? tx.insert('audit', doc) : c.store.insert('audit', doc));
}

function entry(
  c: Changer,
  from: string | null,
  to: string,
  note: string | null,
  as?: Party,
  department?: string,
): HistoryEntry {
  return {
    at: c.now.toISOString(),
    by: c.actor,
    from,
    to,
    note,
    ...(as ? { as } : {}),
    ...(department ? { byDepartment: department } : {}),
  };
}

/**
 * Writes a new record with its first history entry (when it keeps one) and its audit record.
 * `event` names the audit action (`wish.post`).
 */
export async function create<D extends Doc, S extends string, T extends TransitionTable<S>>(
  c: Changer,
  entity: Entity<D, S, T>,
  doc: Omit<D, 'history'>,
  options: {
    event: string;
    tx?: TxStore;
    detail?: unknown;
    /** Work that needs the record written but not its audit record (outside a transaction): run alongside it. */
    alongside?: (created: Moved<D>) => Promise<void>;
  },
): Promise<Moved<D>> {
  // A record whose only counters are a tally that counts nothing for it as it is made (an attendance checked
  // in, not yet out) is written without a transaction, as any other.
  const counts =
    !!(entity.counted || entity.inTx) || (!!entity.tally && entity.tally(doc as D, null, c.now).length > 0);
  if (counts && !options.tx) {
    // A counted record is written with its counts, in one transaction; what follows runs after it commits.
    const made = await c.store.transaction((tx) => create(c, entity, doc, { ...options, tx, alongside: undefined }));
    if (options.alongside) await options.alongside(made);
    return made;
  }
  const full = (entity.history ? { ...doc, history: [entry(c, null, entity.stateOf(doc as D), null)] } : doc) as D;
  const audit = {
    action: `${entity.name}.${options.event}`,
    entity: entity.collection,
    entityId: full._id,
    before: null,
    after: options.detail ?? full,
  };
  // The record first, then its audit record: an audit record never describes a record that was not written.
  await (options.tx ? options.tx.insert(entity.collection, full) : c.store.insert(entity.collection, full));
  // A create's notices are keyed by the record: a retried create that meets its earlier write tells no one twice.
  const created = { doc: full, notices: creationNotices(c, entity, options.event, full) };
  if (options.alongside && !options.tx) await Promise.all([record(c, audit), options.alongside(created)]);
  else await record(c, audit, options.tx);
  // Counted in the same transaction (a counted record is always created in one: see `create`).
  if (options.tx) {
    await bumpCountersInTx(options.tx, [
      ...countDeltas(entity.counted, full, null, entity.stateOf(full), c.now),
      ...(entity.tally?.(full, null, c.now) ?? []),
    ]);
    await entity.inTx?.(options.tx, full, null, c.now);
  }
  return created;
}

/**
 * The notices a new record implies, keyed by the record: a retried create that meets its earlier write
 * (and delivers them again) tells no one twice.
 */
export function creationNotices<D extends Doc, S extends string, T extends TransitionTable<S>>(
  c: Changer,
  entity: Entity<D, S, T>,
  event: string,
  doc: D,
): Notice[] {
  return noticesOf(c, entity, event, doc, doc, { key: `${entity.name}.${event}~${doc._id}` });
}

/**
 * A create keyed by the client's request id and what follows it (delivering its notices, reading the
 * answer), the latter alongside its audit record; a retry that meets its own earlier write (`mine`) is
 * answered with that record, and its notices again (sent once, by key).
 */
export async function createThen<D extends Doc, S extends string, T extends TransitionTable<S>, R>(
  c: Changer,
  entity: Entity<D, S, T>,
  doc: Omit<D, 'history'>,
  options: { event: string; detail?: unknown; mine: (earlier: D) => boolean },
  then: (created: Moved<D>) => Promise<R>,
): Promise<R> {
  let result: { value: R } | null = null;
  let created: Moved<D>;
  try {
    created = await create(c, entity, doc, {
      event: options.event,
      detail: options.detail,
      alongside: async (m) => void (result = { value: await then(m) }),
    });
  } catch (error) {
    const earlier = await earlierCreate<D>(c, entity.collection, (doc as D)._id, error, options.mine);
    return then({ doc: earlier, notices: creationNotices(c, entity, options.event, earlier) });
  }
  return result ? (result as { value: R }).value : then(created);
}

/**
 * A create keyed by the client's request id met its own earlier write (a double tap, a retry): the record
 * that write made, when it is the caller's. Any other error, or another's record, is thrown on.
 */
export async function earlierCreate<D extends Doc>(
  c: Changer,
  collection: string,
  id: string,
  error: unknown,
  mine: (doc: D) => boolean,
): Promise<D> {
  if (!(error instanceof StoreConflictError)) throw error;
  const earlier = await c.store.get<D>(collection, id);
  if (!earlier || !mine(earlier)) throw error;
  return earlier;
}

/**
 * The transition step: checks the table (the state read, and who may), writes the change with the new
 * state as a conditional update on the state it read (or by id inside the caller's transaction), appends
 * the history entry, writes the audit record and returns the notices the event implies.
 */
export async function transition<D extends Doc, S extends string, T extends TransitionTable<S>>(
  c: Changer,
  entity: Entity<D, S, T>,
  doc: D,
  event: keyof T & string,
  options: MoveOptions<D>,
): Promise<Moved<D> | Failure> {
  if (keepsCounts(entity) && !options.tx) {
    // A counted record moves with its counts in one transaction, on the record as it is now, if it still
    // matches what the caller read (the conditional update's guard, checked field by field).
    const guard = { ...entity.guardOf(doc), ...(options.guard ?? {}) };
    const moved = await c.store.transaction(async (tx): Promise<Moved<D> | Failure> => {
      const current = await tx.get<D>(entity.collection, doc._id);
      if (!current || !matchesGuard(current, guard)) return fail(entity.badState);
      return transition(c, entity, current, event, { ...options, tx, alongside: undefined });
    });
    if (!isMoveFailure(moved) && options.alongside) await options.alongside(moved);
    return moved;
  }
  const row = entity.table[event];
  if (!row) return fail(entity.badState);
  if (!row.by.includes(options.as)) return fail('AUTH.FORBIDDEN');
  const from = entity.stateOf(doc);
  if (!row.from.includes(from)) return fail(entity.badState);
  const to = row.to ?? from;
  const note = options.note ?? null;
  const changes = { ...(options.changes ?? {}), ...(row.to ? entity.enter(to, doc) : {}) } as Partial<D>;
  const line = entity.history ? entry(c, from, to, note, options.as, options.department) : null;
  const patch: Patch = { ...changes, ...(line ? { history: { $push: line } } : {}) };
  if (options.tx) {
    await options.tx.update(entity.collection, doc._id, patch);
  } else {
    const changed = await c.store.update(
      entity.collection,
      { ...entity.guardOf(doc), ...(options.guard ?? {}), _id: doc._id },
      patch,
    );
    if (!changed) return fail(entity.badState);
  }
  const detail = options.detail ?? (options.changes as Record<string, unknown> | undefined) ?? {};
  const history = line ? [...((doc as { history?: HistoryEntry[] }).history ?? []), line] : undefined;
  const next = { ...doc, ...changes, ...(history ? { history } : {}) } as D;
  const moved = { doc: next, notices: noticesOf(c, entity, event, next, doc, { note, facts: options.facts }) };
  const audit = record(
    c,
    {
      action: `${entity.name}.${event}`,
      entity: entity.collection,
      entityId: doc._id,
      before: { status: from },
      after: { status: to, ...detail },
    },
    options.tx,
  );
  // The move is written: its notices and answer may go out while its audit record is written.
  if (options.alongside && !options.tx) await Promise.all([audit, options.alongside(moved)]);
  else await audit;
  // Counted in the same transaction (a counted record always moves in one: see below).
  if (options.tx) {
    await bumpCountersInTx(options.tx, [
      ...countDeltas(entity.counted, next, from, to, c.now),
      ...(entity.tally?.(next, doc, c.now) ?? []),
    ]);
    await entity.inTx?.(options.tx, next, doc, c.now);
  }
  return moved;
}

/** Does a record as read in a transaction still match a conditional update's guard (equalities only)? */
function matchesGuard(doc: Doc, guard: Where): boolean {
  return Object.entries(guard).every(([field, want]) => {
    if (want !== null && typeof want === 'object') throw new Error(`a guard on ${field} must be an equality`);
    return ((doc as Record<string, unknown>)[field] ?? null) === want;
  });
}

function isMoveFailure<D>(m: Moved<D> | Failure): m is Failure {
  return 'failure' in m;
}

/**
 * A transition and what follows it (delivering its notices, reading the answer), the latter alongside its
 * audit record: one round trip less for the person waiting.
 */
export async function transitionThen<D extends Doc, S extends string, T extends TransitionTable<S>, R>(
  c: Changer,
  entity: Entity<D, S, T>,
  doc: D,
  event: keyof T & string,
  options: Omit<MoveOptions<D>, 'tx' | 'alongside'>,
  then: (moved: Moved<D>) => Promise<R>,
): Promise<R | Failure> {
  let result: { value: R } | null = null;
  const moved = await transition(c, entity, doc, event, {
    ...options,
    alongside: async (m) => void (result = { value: await then(m) }),
  });
  if ('failure' in moved) return moved;
  return result ? (result as { value: R }).value : then(moved);
}

/**
 * A transition made in a transaction of its own on the record as it is now, with other writes that
 * must commit with it (`also`, by id only): the whistles of a round, the service record of a wish.
 */
export async function transitionById<D extends Doc, S extends string, T extends TransitionTable<S>>(
  c: Changer,
  entity: Entity<D, S, T>,
  id: string,
  event: keyof T & string,
  options: Omit<MoveOptions<D>, 'tx' | 'alongside'> & { also?: (tx: TxStore, next: D, before: D) => Promise<void> },
): Promise<Moved<D> | Failure> {
  return c.store.transaction(async (tx) => {
    const doc = await tx.get<D>(entity.collection, id);
    if (!doc) return fail('NOT_FOUND');
    const moved = await transition(c, entity, doc, event, { ...options, tx });
    if ('failure' in moved) return moved;
    if (options.also) await options.also(tx, moved.doc, doc);
    return moved;
  });
}

/**
 * 注销: the audit records the person made (`actor`) and those about their records (`about`, by collection and
 * id), with the person taken out (`scrub`): the OPENID, as the actor or inside the id of a record that moved
 * to the pseudonym's key, becomes the pseudonym; their names, phone numbers and photos leave the before and after. Audit records are otherwise
 * never changed: what was done, when and to which record stays, only no longer who in person. Twice is once.
 */
export async function scrubAudit(
  store: Store,
  subject: Subject,
  about: ReadonlyArray<{ entity: string; entityId: string }>,
  rekeyed: readonly string[],
  /** Run on each record before it is rewritten (the messages its change sent are found by its action and ids). */
  before?: (doc: AuditDoc) => Promise<void>,
): Promise<number> {
  let changed = 0;
  // An audit record loses only the photos taken out of their own records (its record may keep a work photo).
  const auditSubject = keepingWorkPhotos(subject);
  const rewrite = async (doc: AuditDoc & Doc) => {
    if (before) await before(doc);
    const next = {
      actor: doc.actor === subject.openid ? subject.pseudonym : doc.actor,
      // A record moved to the pseudonym's key (`rekeyed` collections) is found under it; others keep theirs.
      entityId: rekeyed.includes(doc.entity) ? pseudonymousId(subject, doc.entityId) : doc.entityId,
      before: scrub(doc.before, auditSubject),
      after: scrub(doc.after, auditSubject),
    };
    const same =
      next.actor === doc.actor &&
      next.entityId === doc.entityId &&
      JSON.stringify([next.before, next.after]) === JSON.stringify([doc.before, doc.after]);
    if (same) return;
    await store.update('audit', { _id: doc._id }, next);
    changed++;
  };
  // Each rewritten record leaves the query (its actor is the pseudonym now): read from the start until none is left.
  for (;;) {
    const page = await store.find<AuditDoc & Doc>('audit', {
      where: { actor: subject.openid },
      orderBy: [['at', 'asc']],
      limit: 100,
    });
    if (!page.items.length) break;
    // Each rewrite may first look up the messages its change sent: a few at a time, not a page at once.
    await eachLimited(page.items, 20, rewrite);
  }
  const seen = new Set<string>();
  const targets = about.filter(({ entity, entityId }) => {
    const key = `${entity}/${entityId}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  for (let i = 0; i < targets.length; i += 10)
    await Promise.all(
      targets.slice(i, i + 10).map(async ({ entity, entityId }) => {
        let after: string | null = null;
        do {
          const page: { items: Array<AuditDoc & Doc>; next: string | null } = await store.find<AuditDoc & Doc>(
            'audit',
            { where: { entity, entityId }, orderBy: [['at', 'asc']], limit: 200, after },
          );
          await eachLimited(page.items, 20, rewrite);
          after = page.next;
        } while (after);
      }),
    );
  return changed;
}

/**
 * 注销: a record kept for others (a wish's or a problem's timeline, a service record) with the person taken
 * out (`scrub`: the OPENID in its fields and history lines becomes the pseudonym, their photos go, their
 * names and numbers leave its text), and `overrides` on top (the fields that held them). Same id; no new
 * history line (nothing happened to the record), the closing's own audit record says it.
 */
export async function scrubRecord<D extends Doc>(
  store: Store,
  collection: string,
  doc: D,
  subject: Subject,
  overrides: Partial<D> = {},
): Promise<D> {
  const next = { ...(scrub(doc, subject) as D), ...overrides, _id: doc._id };
  const { _id, ...patch } = next;
  if (JSON.stringify(next) !== JSON.stringify(doc)) await store.update(collection, { _id }, patch);
  return next;
}
