import { fail, failWith, isFailure, type Failure } from '@shared/core/result';
import { roleLabels } from '@shared/core/roles';
import type { PeopleContract } from '@shared/org/people.contract';
import { createThen, noticesOf, record, transition, transitionThen, type Notice } from '../core/runtime/change';
import { inviteToken, miniCodeImage, verifyInviteToken } from '../core/runtime/codes';
import type { GrantDoc, PersonDoc } from '../core/runtime/identity';
import { keyedId } from '../core/runtime/ids';
import type { Ctx, Handlers } from '../core/runtime/router';
import { StoreConflictError } from '../core/store/store.port';
import { deliver } from '../messages/messages.port';
import type { InviteDoc } from './people.documents';
import { grantEntity, inviteEntity } from './people.entities';
import { authoritiesOf, decides, resolveScope, type ResolvedScope } from './people.scope';
import { holderOf, inviteViewOf, scopeNames } from './people.view';

/**
 * Appointing and removing (issue 15, part 1): a granter gives a role over a scope within their place, or
 * hands out an invitation code for it; every grant and removal is audited and told to the person. A role
 * is one grant per person (`<openid>~<role>`): holding it elsewhere is answered ROLE.ALREADY_HELD, never
 * moved silently. A grant is read by the router on every call, so a change applies to the person's next call.
 */

/** The page an invitation code opens (the mini-program code's page; its scene is the code). */
export const JOIN_PAGE = 'pages/org/join/index';

const grantId = (openid: string, role: string) => `${openid}~${role}`;

function grantDoc(ctx: Ctx, openid: string, s: ResolvedScope): GrantDoc {
  return {
    _id: grantId(openid, s.role),
    openid,
    role: s.role,
    scope: s.scope,
    scopeId: s.scopeId,
    grantedBy: ctx.caller.openid,
    at: ctx.now.toISOString(),
    districtId: s.districtId,
    communityId: s.communityId,
  };
}

/** ROLE.ALREADY_HELD, naming where the role is held. */
async function heldAt(ctx: Ctx, held: { scope: GrantDoc['scope']; scopeId: string }): Promise<Failure> {
  const names = await scopeNames(ctx.store, [held]);
  return failWith('ROLE.ALREADY_HELD', { scopeName: names(held) || held.scopeId });
}

/** The same role elsewhere is refused; the same role over the same scope is already done. */
async function alreadyHeld(ctx: Ctx, existing: GrantDoc, s: ResolvedScope): Promise<Failure | 'same'> {
  if (existing.scopeId === s.scopeId && existing.scope === s.scope) return 'same';
  return heldAt(ctx, existing);
}

export const grantRole: Handlers<PeopleContract>['grantRole'] = async (input, ctx) => {
  const [scope, person, existing] = await Promise.all([
    resolveScope(ctx, input.role, input.scopeId),
    ctx.store.get<PersonDoc>('people', input.openid),
    ctx.store.get<GrantDoc>('grants', grantId(input.openid, input.role)),
  ]);
  if (isFailure(scope)) return scope;
  if (!person) return fail('ROLE.PERSON_UNKNOWN');
  const holder = (g: GrantDoc) => holderOf(g, person, scope.scopeName, g.openid !== ctx.caller.openid);
  if (existing) {
    const held = await alreadyHeld(ctx, existing, scope);
    return held === 'same' ? { holder: holder(existing), changed: false } : held;
  }
  if (scope.retired) return fail('ROLE.SCOPE_RETIRED');
  const doc = grantDoc(ctx, input.openid, scope);
  try {
    await ctx.store.insert('grants', doc);
  } catch (error) {
    if (!(error instanceof StoreConflictError)) throw error;
    // Two granters at once: the first grant stands, and answers the second as it would a retry.
    const first = await ctx.store.get<GrantDoc>('grants', doc._id);
    if (!first) throw error;
    const held = await alreadyHeld(ctx, first, scope);
    return held === 'same' ? { holder: holder(first), changed: false } : held;
  }
  const full = { ...doc, scopeName: scope.scopeName };
  await Promise.all([
    record(ctx, { action: 'grant.add', entity: 'grants', entityId: doc._id, before: null, after: doc }),
    deliver(ctx.rt, noticesOf(ctx, grantEntity, 'add', full, full)),
  ]);
  return { holder: holder(doc), changed: true };
};

export const revokeRole: Handlers<PeopleContract>['revokeRole'] = async (input, ctx) => {
  if (input.openid === ctx.caller.openid) return fail('ROLE.SELF');
  const found = await ctx.store.get<GrantDoc>('grants', grantId(input.openid, input.role));
  if (!found) return fail('NOT_FOUND');
  const scope = await resolveScope(ctx, found.role, found.scopeId);
  if (isFailure(scope)) return scope;
  const removed = await ctx.store.transaction(async (tx) => {
    const grant = await tx.get<GrantDoc>('grants', found._id);
    if (!grant) return null;
    await tx.remove('grants', grant._id);
    await record(
      ctx,
      { action: 'grant.remove', entity: 'grants', entityId: grant._id, before: grant, after: null },
      tx,
    );
    return grant;
  });
  // Removed by another granter a moment before: nothing left to do, and they told the person.
  if (!removed) return { revoked: false };
  const full = { ...removed, scopeName: scope.scopeName };
  await deliver(ctx.rt, noticesOf(ctx, grantEntity, 'remove', full, full));
  return { revoked: true };
};

export const createInvite: Handlers<PeopleContract>['createInvite'] = async (input, ctx) => {
  const scope = await resolveScope(ctx, input.role, input.scopeId);
  if (isFailure(scope)) return scope;
  if (scope.retired) return fail('ROLE.SCOPE_RETIRED');
  const doc: Omit<InviteDoc, 'history'> = {
    _id: keyedId(ctx.caller.openid, input.requestId, 10),
    status: 'open',
    role: scope.role,
    scope: scope.scope,
    scopeId: scope.scopeId,
    scopeName: scope.scopeName,
    granter: scope.granter,
    districtId: scope.districtId,
    communityId: scope.communityId,
    createdBy: ctx.caller.openid,
    createdByName: ctx.caller.person?.name ?? roleLabels[scope.granter],
    createdAt: ctx.now.toISOString(),
    expiresAt: new Date(ctx.now.getTime() + input.days * 86_400_000).toISOString(),
    requester: null,
    requestedAt: null,
    decidedBy: null,
    decidedAt: null,
    reason: null,
  };
  return createThen(
    ctx,
    inviteEntity,
    doc,
    { event: 'create', mine: (earlier) => earlier.createdBy === ctx.caller.openid },
    async ({ doc: invite }) => {
      const token = inviteToken(ctx.rt.secret, invite._id);
      return {
        invite: inviteViewOf(invite, ctx.now),
        token,
        page: JOIN_PAGE,
        image: await miniCodeImage(ctx.rt, JOIN_PAGE, token),
      };
    },
  );
};

/** The invite a code names, or INVITE.INVALID for a forged or altered code (or one whose record is gone). */
export async function inviteOfToken(ctx: Ctx, token: string): Promise<InviteDoc | Failure> {
  const id = verifyInviteToken(ctx.rt.secret, token);
  const invite = id ? await ctx.store.get<InviteDoc>('invites', id) : null;
  return invite ?? fail('INVITE.INVALID');
}

/** What the person who scanned a code sees of it. */
export function peekOf(invite: InviteDoc, ctx: Ctx) {
  const state =
    invite.requester?.openid === ctx.caller.openid
      ? ('mine' as const)
      : invite.status !== 'open'
        ? ('spent' as const)
        : new Date(invite.expiresAt).getTime() <= ctx.now.getTime()
          ? ('expired' as const)
          : ('open' as const);
  return {
    id: invite._id,
    role: invite.role,
    scopeName: invite.scopeName,
    expiresAt: invite.expiresAt,
    state,
    status: invite.status,
  };
}

/**
 * The new staff member asks with a code: their name and phone go on the invite, which is spent (one person
 * per code; two scanning at once, one wins). The granters over its place are told. Asking again is answered
 * with what they asked.
 */
export const requestInvite: Handlers<PeopleContract>['requestInvite'] = async (input, ctx) => {
  const invite = await inviteOfToken(ctx, input.token);
  if (isFailure(invite)) return invite;
  if (invite.requester?.openid === ctx.caller.openid) return peekOf(invite, ctx);
  if (invite.status === 'revoked') return fail('INVITE.INVALID');
  if (invite.status !== 'open') return fail('INVITE.USED');
  if (new Date(invite.expiresAt).getTime() <= ctx.now.getTime()) return fail('INVITE.EXPIRED');
  const held = ctx.caller.grants.find((g) => g.role === invite.role);
  if (held) return heldAt(ctx, held);
  const moved = await transitionThen(
    ctx,
    inviteEntity,
    invite,
    'request',
    {
      as: 'resident',
      changes: {
        requester: { openid: ctx.caller.openid, name: input.name, phone: input.phone },
        requestedAt: ctx.now.toISOString(),
      },
      detail: { name: input.name },
    },
    async (m) => {
      await deliver(ctx.rt, m.notices);
      return peekOf(m.doc, ctx);
    },
  );
  // Someone else asked with it a moment before.
  return isFailure(moved) && moved.failure === 'INVITE.BAD_STATE' ? fail('INVITE.USED') : moved;
};

/**
 * A granter over the invite's place decides. Approval grants the role in the same transaction (and makes
 * the person's record from what they wrote when they have none yet); the person is told either way.
 */
export const decideInvite: Handlers<PeopleContract>['decideInvite'] = async (input, ctx) => {
  const [found, authorities] = await Promise.all([
    ctx.store.get<InviteDoc>('invites', input.inviteId),
    authoritiesOf(ctx.store, ctx.caller),
  ]);
  if (!found) return fail('NOT_FOUND');
  if (!decides(authorities, found.granter, found)) return fail('AUTH.OUT_OF_SCOPE');
  if (found.requester?.openid === ctx.caller.openid) return fail('ROLE.SELF');
  if (found.status !== 'requested') return fail('INVITE.BAD_STATE');
  const decided = { decidedAt: ctx.now.toISOString(), decidedBy: ctx.caller.openid };
  if (input.decision === 'reject') {
    const reason = input.reason ?? '';
    return transitionThen(
      ctx,
      inviteEntity,
      found,
      'reject',
      { as: found.granter, changes: { ...decided, reason }, note: reason, detail: { reason } },
      async (m) => {
        await deliver(ctx.rt, m.notices);
        return { invite: inviteViewOf(m.doc, ctx.now) };
      },
    );
  }
  const scope = await resolveScope(ctx, found.role, found.scopeId, authorities);
  if (isFailure(scope)) return scope;
  if (scope.retired) return fail('ROLE.SCOPE_RETIRED');
  const requester = found.requester!;
  const outcome = await ctx.store.transaction(
    async (tx): Promise<Failure | { invite: InviteDoc; notices: Notice[] }> => {
      const invite = await tx.get<InviteDoc>('invites', found._id);
      if (!invite) return fail('NOT_FOUND');
      const [existing, person] = await Promise.all([
        tx.get<GrantDoc>('grants', grantId(requester.openid, invite.role)),
        tx.get<PersonDoc>('people', requester.openid),
      ]);
      if (existing && (existing.scopeId !== scope.scopeId || existing.scope !== scope.scope))
        return fail('ROLE.ALREADY_HELD');
      const moved = await transition(ctx, inviteEntity, invite, 'approve', {
        tx,
        as: invite.granter,
        changes: decided,
      });
      if (isFailure(moved)) return moved;
      if (!existing) {
        const grant = grantDoc(ctx, requester.openid, scope);
        await tx.set('grants', grant);
        await record(
          ctx,
          { action: 'grant.add', entity: 'grants', entityId: grant._id, before: null, after: grant },
          tx,
        );
      }
      if (!person) await tx.set('people', newPerson(ctx, requester));
      return { invite: moved.doc, notices: moved.notices };
    },
  );
  if (isFailure(outcome)) {
    if (outcome.failure !== 'ROLE.ALREADY_HELD') return outcome;
    const held = await ctx.store.get<GrantDoc>('grants', grantId(requester.openid, found.role));
    return held ? heldAt(ctx, held) : failWith('ROLE.ALREADY_HELD', { scopeName: '' });
  }
  await deliver(ctx.rt, outcome.notices);
  return { invite: inviteViewOf(outcome.invite, ctx.now) };
};

/** The record of a person who came by an invitation and never reported to a community: their name and phone. */
function newPerson(ctx: Ctx, requester: { openid: string; name: string; phone: string }): PersonDoc & { _id: string } {
  return {
    _id: requester.openid,
    name: requester.name,
    phone: requester.phone,
    communityId: null,
    orgId: null,
    unitId: null,
    createdAt: ctx.now.toISOString(),
  };
}

export const revokeInvite: Handlers<PeopleContract>['revokeInvite'] = async (input, ctx) => {
  const [found, authorities] = await Promise.all([
    ctx.store.get<InviteDoc>('invites', input.inviteId),
    authoritiesOf(ctx.store, ctx.caller),
  ]);
  if (!found) return fail('NOT_FOUND');
  if (!decides(authorities, found.granter, found)) return fail('AUTH.OUT_OF_SCOPE');
  const moved = await transition(ctx, inviteEntity, found, 'revoke', {
    as: found.granter,
    changes: { decidedAt: ctx.now.toISOString(), decidedBy: ctx.caller.openid },
  });
  return isFailure(moved) ? moved : { invite: inviteViewOf(moved.doc, ctx.now) };
};
