import { failWith } from '@shared/core/result';
import { roleLabels } from '@shared/core/roles';
import type { AccountContract } from '@shared/org/account.contract';
import { policyVersion } from '@shared/org/policy';
import { record, scrubAudit, scrubRecord, type AuditDoc, type Changer } from '../core/runtime/change';
import type { GrantDoc, PersonDoc } from '../core/runtime/identity';
import { keyedId } from '../core/runtime/ids';
import { loadByIds } from '../core/runtime/lookup';
import { keepingWorkPhotos, subjectOf, type Subject } from '../core/runtime/pseudonym';
import type { Ctx, Handlers } from '../core/runtime/router';
import { StoreConflictError, type Doc, type Store } from '../core/store/store.port';
import { checkinAccount } from '../checkin/checkin.port';
import { messagesAccount } from '../messages/messages.port';
import { pointsAccount } from '../points/points.port';
import { whistleAccount } from '../whistle/whistle.port';
import { wishAccount } from '../wish/wish.port';
import type { ClosureDoc, ConsentDoc } from './account.documents';
import type { InviteDoc } from './people.documents';
import { me } from './org.queries';

/**
 * The audit record of a person's agreement to a version: one per person and version, its id made from both
 * (hashed: an audit record's id never shows who). A retry whose first write succeeded but whose answer was lost
 * finds the consent written and writes the record if it is missing; never twice.
 */
async function auditConsent(ctx: Ctx, openid: string, before: string | null, agreedAt: string): Promise<void> {
  const id = `consent~${keyedId(openid, policyVersion)}`;
  try {
    await record(
      { ...ctx, newId: () => id },
      {
        action: 'account.consent',
        entity: 'consents',
        entityId: openid,
        before: before ? { version: before } : null,
        after: { version: policyVersion, agreedAt },
      },
    );
  } catch (error) {
    if (!(error instanceof StoreConflictError)) throw error;
  }
}

/** Agreeing to the privacy policy and user agreement in force: recorded (which version, when) and audited. */
export const consent: Handlers<AccountContract>['consent'] = async (input, ctx) => {
  if (input.version !== policyVersion) return failWith('ACCOUNT.POLICY_CHANGED', { version: policyVersion });
  const openid = ctx.caller.openid;
  const earlier = await ctx.store.get<ConsentDoc>('consents', openid);
  const agreed = (doc: ConsentDoc) => ({
    current: policyVersion,
    agreed: { version: doc.version, agreedAt: doc.agreedAt },
    upToDate: true,
  });
  // Agreed already (a double tap, a second phone, a retry): nothing new, only an audit record a lost answer left out.
  if (earlier?.version === policyVersion) {
    await auditConsent(ctx, openid, null, earlier.agreedAt);
    return agreed(earlier);
  }
  const doc: ConsentDoc = { _id: openid, version: policyVersion, agreedAt: ctx.now.toISOString() };
  // Not a transaction (fewer round trips): the first agreement is an insert, a later one an update of the
  // version read; of two taps at once, the one that did not write answers with what the other wrote.
  try {
    const wrote = earlier
      ? (await ctx.store.update(
          'consents',
          { _id: openid, version: earlier.version },
          { version: doc.version, agreedAt: doc.agreedAt },
        )) > 0
      : (await ctx.store.insert('consents', doc), true);
    if (!wrote) return agreed((await ctx.store.get<ConsentDoc>('consents', openid)) ?? doc);
  } catch (error) {
    if (!(error instanceof StoreConflictError)) throw error;
    return agreed((await ctx.store.get<ConsentDoc>('consents', openid)) ?? doc);
  }
  // The record first, then its audit record.
  await auditConsent(ctx, openid, earlier?.version ?? null, doc.agreedAt);
  return agreed(doc);
};

/**
 * What stops a closing, each in words that say what to do first. Refused rather than undone by the closing:
 * a role others depend on (the station, a grid, a unit, a department, an organisation, the district) is
 * handed over by whoever granted it; a wish, a post place or an order someone else is waiting on is
 * finished, given up or cancelled by the person, who knows its state. The member role goes with the account.
 */
/** The invitations the person asked a role by (found through their audit records: invites are kept by granter). */
async function invitesRequested(store: Store, openid: string): Promise<InviteDoc[]> {
  const asked = await store.find<AuditDoc & Doc>('audit', {
    where: { actor: openid, entity: 'invites' },
    orderBy: [['at', 'desc']],
    limit: 100,
  });
  const invites = await loadByIds<InviteDoc>(store, 'invites', [...new Set(asked.items.map((a) => a.entityId))]);
  return [...invites.values()].filter((i) => i.requester?.openid === openid);
}

async function blockersOf(ctx: Ctx): Promise<string[]> {
  const { store, caller } = ctx;
  const who = caller.grants.some((g) => g.role !== 'member') ? await me({}, ctx) : null;
  const roles =
    who && 'grants' in who
      ? who.grants
          .filter((g) => g.role !== 'member')
          .map(
            (g) =>
              `您担任“${roleLabels[g.role]}${g.scopeName ? `（${g.scopeName}）` : ''}”，请先请上级管理员撤销该身份`,
          )
      : [];
  const [invites, ...others] = await Promise.all([
    invitesRequested(store, caller.openid),
    checkinAccount.checkinBlockers(store, caller.openid),
    wishAccount.wishBlockers(store, caller.openid),
    pointsAccount.pointsBlockers(store, caller.openid),
  ]);
  const asking = invites
    .filter((i) => i.status === 'requested')
    .map((i) => `您申请的“${roleLabels[i.role]}（${i.scopeName}）”身份正在等待审批，请等审批后再注销`);
  return [...roles, ...asking, ...others.flat()];
}

/** Whether anything at all is held under this OPENID (a closing done leaves nothing: a second one does nothing). */
async function holdsAnything(store: Store, openid: string, person: PersonDoc | null): Promise<boolean> {
  if (person) return true;
  const counts = await Promise.all([
    store.count('grants', { openid }),
    store.count('reports', { openid }),
    store.count('attendance', { openid }),
    store.count('postClaims', { openid }),
    store.count('wishes', { openid }),
    store.count('wishes', { claimedBy: openid }),
    store.count('services', { openid }),
    store.count('ledger', { openid }),
    store.count('orders', { openid }),
    store.count('problems', { openid }),
    store.count('messages', { to: openid }),
    store.count('audit', { actor: openid }),
    store.get('consents', openid).then((d) => (d ? 1 : 0)),
    store.get('accounts', openid).then((d) => (d ? 1 : 0)),
  ]);
  return counts.some((n) => n > 0);
}

/** The closing under way for this OPENID, or a new one (two taps at once meet on its key and share it). */
async function startClosure(ctx: Ctx): Promise<ClosureDoc> {
  const { store, caller } = ctx;
  const openid = caller.openid;
  const held = await Promise.all([
    checkinAccount.enrolmentIdentity(store, openid),
    wishAccount.wishIdentity(store, openid),
    whistleAccount.problemIdentity(store, openid),
    invitesRequested(store, openid).then((invites) => ({
      names: invites.flatMap((i) => (i.requester ? [i.requester.name] : [])),
      phones: invites.flatMap((i) => (i.requester ? [i.requester.phone] : [])),
    })),
  ]);
  const doc: ClosureDoc = {
    _id: openid,
    pseudonym: `gone~${ctx.newId()}`,
    names: [caller.person?.name, ...held.flatMap((h) => h.names)].filter((n): n is string => !!n),
    phones: [caller.person?.phone, ...held.flatMap((h) => h.phones)].filter((p): p is string => !!p),
    startedAt: ctx.now.toISOString(),
  };
  try {
    await store.insert('closures', doc);
    return doc;
  } catch (error) {
    if (!(error instanceof StoreConflictError)) throw error;
    return (await store.get<ClosureDoc>('closures', openid)) ?? doc;
  }
}

/** Collections whose records keyed by the OPENID move to the pseudonym's key (their audit records follow). */
const rekeyed = ['reports', 'postClaims', 'registrations', 'accounts', 'itemHolds', 'people', 'grants', 'consents'];

/**
 * Records others changed that the person acted on in another capacity (a 报到 they reviewed as the station,
 * an activity they organised, a grant they gave, an invitation they asked a role by, a neighbour's problem they
 * also met): found through their audit records, their OPENID in those
 * records' fields and timelines replaced by the pseudonym and their name taken out of the text.
 */
const actedOn = new Set([
  'reports',
  'attendance',
  'postClaims',
  'posts',
  'activities',
  'wishes',
  'services',
  'orders',
  'ledger',
  'shopItems',
  'problems',
  'whistles',
  'grants',
  'holidayYears',
  'communitySettings',
  'invites',
  'pairingNotices',
  'pairings',
  'pairingVisits',
]);

async function scrubActedOn(store: Store, subject: Subject): Promise<Array<{ entity: string; entityId: string }>> {
  const targets = new Map<string, { entity: string; entityId: string }>();
  const people = new Set<string>();
  const meToos = new Set<string>();
  const signUps = new Set<string>();
  let after: string | null = null;
  do {
    const page: { items: Array<Doc & { entity: string; entityId: string }>; next: string | null } = await store.find(
      'audit',
      { where: { actor: subject.openid }, orderBy: [['at', 'asc']], limit: 500, after },
    );
    for (const a of page.items) {
      if (actedOn.has(a.entity)) targets.set(`${a.entity}/${a.entityId}`, { entity: a.entity, entityId: a.entityId });
      if (a.entity === 'people') people.add(a.entityId);
      if (a.action === 'problem.meToo') meToos.add(a.entityId);
      if (a.entity === 'registrations') signUps.add(a.entityId);
    }
    after = page.next;
  } while (after);
  // A person they let join (an approved 报到, `person.join`) holds the member grant they gave: found by that person.
  const joined = [...people].filter((p) => p !== subject.openid);
  for (let i = 0; i < joined.length; i += 10)
    await Promise.all(
      joined.slice(i, i + 10).map(async (openid) => {
        const grants = await store.find<GrantDoc>('grants', { where: { openid }, limit: 100 });
        for (const g of grants.items.filter((x) => x.grantedBy === subject.openid)) {
          await scrubRecord(store, 'grants', g, keepingWorkPhotos(subject));
          targets.set(`grants/${g._id}`, { entity: 'grants', entityId: g._id });
        }
      }),
    );
  // Their 我也遇到 on neighbours' problems and their sign-ups for activities (keyed by the OPENID).
  await whistleAccount.moveMeToos(store, subject, [...meToos]);
  const moved = await checkinAccount.moveRegistrations(store, subject, [...signUps]);
  const list = [...targets.values()];
  for (let i = 0; i < list.length; i += 10)
    await Promise.all(
      list.slice(i, i + 10).map(async ({ entity, entityId }) => {
        const doc = await store.get(entity, entityId);
        // Records of their work for others keep its photos (a visit, a result); only they themselves go.
        if (doc) await scrubRecord(store, entity, doc, keepingWorkPhotos(subject));
      }),
    );
  return [...list, ...moved];
}

/**
 * 注销. Erased: the person record (name, phone, community, unit, organisation), their grants, their consent,
 * their inbox, and in every feature the fields that held them (see each feature's `erase…`: names, phone
 * numbers, contact consent, their photos). Kept, under a random pseudonym (`gone~…`) in place of the OPENID:
 * what others rely on — ledger entries and the balance they sum to, service records, orders, attendances,
 * 报到 receipts, problem and wish timelines, audit records — so every balance, count and statistic stays
 * true while nothing names the person, and the same WeChat user coming back is a new person who finds
 * none of it. Resumable (a closing interrupted by a fault goes on with the same pseudonym) and, once done,
 * a second call finds nothing to do.
 */
export const closeAccount: Handlers<AccountContract>['closeAccount'] = async (_input, ctx) => {
  const { store, caller } = ctx;
  const openid = caller.openid;
  let closure = await store.get<ClosureDoc>('closures', openid);
  if (!closure) {
    if (!(await holdsAnything(store, openid, caller.person))) return { closed: true };
    const blockers = await blockersOf(ctx);
    if (blockers.length) return failWith('ACCOUNT.CLOSE_BLOCKED', { reason: blockers.join('；') });
    closure = await startClosure(ctx);
  }
  const subject = subjectOf(
    ctx.rt.secret,
    openid,
    closure.pseudonym,
    closure.names,
    closure.phones,
    closure.photos ?? [],
  );
  const closer: Changer = { ...ctx, actor: subject.pseudonym };
  const [checkin, wishes, points, problems, messages] = await Promise.all([
    checkinAccount.eraseCheckin(closer, subject),
    wishAccount.eraseWishes(closer, subject),
    pointsAccount.erasePoints(closer, subject),
    whistleAccount.eraseProblems(closer, subject),
    messagesAccount.eraseMessages(store, openid),
  ]);
  // The photos taken out of their records, kept with the closing: a closing resumed after a fault still takes
  // them out of the audit records and deletes their files.
  if (subject.dropped.size > (closure.photos ?? []).length)
    await store.update('closures', { _id: openid }, { photos: [...subject.dropped] });
  const acted = await scrubActedOn(store, subject);
  // A service record written with its source's change (an attendance, a wish confirmed) has no audit record of
  // its own: the message asking its confirmer is keyed by the record.
  await messagesAccount.scrubMessagesAbout(
    store,
    points.filter((t) => t.entity === 'services').map((t) => `service.log~${t.entityId}`),
    subject,
  );
  const grants = await store.find<GrantDoc>('grants', { where: { openid }, limit: 100 });
  await scrubAudit(
    store,
    subject,
    [
      ...checkin,
      ...wishes,
      ...points,
      ...problems,
      ...acted,
      { entity: 'people', entityId: openid },
      { entity: 'consents', entityId: openid },
      ...grants.items.map((g) => ({ entity: 'grants', entityId: g._id })),
    ],
    rekeyed,
    // The messages a change about them sent to others, keyed by the change (see `noticesOf`).
    async (a) =>
      void (await messagesAccount.scrubMessagesAbout(
        store,
        [`${a.action}~${a.entityId}`, `${a.action}~${a.entityId}~${a.requestId}`],
        subject,
      )),
  );
  await store.transaction(async (tx) => {
    for (const g of grants.items) await tx.remove('grants', g._id);
    if (await tx.get('people', openid)) await tx.remove('people', openid);
    if (await tx.get('consents', openid)) await tx.remove('consents', openid);
  });
  // One audit record of the closing (a resumed closing finds it), by the pseudonym: what was kept, not who.
  // Its id is the pseudonym's: a resumed closing, or two at once, write it once.
  await record(
    { ...closer, newId: () => `close~${subject.pseudonym.slice('gone~'.length)}` },
    {
      action: 'account.close',
      entity: 'closures',
      entityId: subject.pseudonym,
      before: null,
      after: {
        reports: checkin.filter((t) => t.entity === 'reports').length,
        wishes: wishes.length,
        services: points.filter((t) => t.entity === 'services').length,
        ledger: points.filter((t) => t.entity === 'ledger').length,
        orders: points.filter((t) => t.entity === 'orders').length,
        problems: problems.length,
        messagesErased: messages,
        grantsRemoved: grants.items.length,
      },
    },
  ).catch((error: unknown) => {
    if (!(error instanceof StoreConflictError)) throw error;
  });
  // The photo files they took, no longer named by any record: out of storage too. A failure leaves files nobody
  // can reach (storage is closed to clients; no record names them), so it is logged, not answered.
  if (subject.dropped.size)
    await ctx.rt.files
      ?.remove?.([...subject.dropped])
      .catch((error: unknown) =>
        ctx.rt.log({ level: 'warn', fn: 'org', action: 'closeAccount', error: String(error) }),
      );
  await store.transaction(async (tx) => void (await tx.remove('closures', openid)));
  return { closed: true };
};
