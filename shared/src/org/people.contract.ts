import { z } from 'zod';
import { defineContract } from '../core/contract';
import { requestIdField } from '../core/fields';
import { roles, scopeKinds } from '../core/roles';
import { INVITE_DAYS, inviteStatuses } from './people.rules';

/** People and roles: who holds which role where, appointing and removing, invitation codes and the requests they make. */

const openid = z.string({ error: '请选择人员' }).min(1, '请选择人员').max(64);
const role = z.enum(roles, { error: '请选择身份' });
const scopeId = z.string({ error: '请选择范围' }).min(1, '请选择范围').max(64);
const after = z.string().max(200).nullish();

/** A name as a person writes it on a form: 2–20 characters, Chinese or Latin letters and the middle dot. */
const personName = z
  .string({ error: '请填写姓名' })
  .trim()
  .min(2, '请填写姓名（至少2个字）')
  .max(20, '姓名最多20个字')
  .regex(/^[\p{L}·• ]+$/u, '姓名只能包含文字');
const mobile = z
  .string({ error: '请填写手机号' })
  .trim()
  .regex(/^1[3-9]\d{9}$/, '请填写11位手机号');

/** One role a person holds, where, since when and who gave it. Phones are masked in every view here. */
export const holderView = z.object({
  openid: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  role: z.enum(roles),
  scope: z.enum(scopeKinds),
  scopeId: z.string(),
  scopeName: z.string(),
  grantedAt: z.string(),
  /** Whether the caller may remove it (not their own; within what they appoint). */
  revocable: z.boolean(),
});
export type HolderView = z.infer<typeof holderView>;

export const personView = z.object({
  openid: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  communityName: z.string(),
  roles: z.array(z.object({ role: z.enum(roles), scopeName: z.string() })),
});
export type PersonView = z.infer<typeof personView>;

export const inviteView = z.object({
  id: z.string(),
  role: z.enum(roles),
  scope: z.enum(scopeKinds),
  scopeId: z.string(),
  scopeName: z.string(),
  status: z.enum(inviteStatuses),
  /** An open code past its date can no longer be scanned. */
  expired: z.boolean(),
  expiresAt: z.string(),
  createdAt: z.string(),
  createdByName: z.string(),
  /** Who asked with it, once someone did (their phone masked). */
  requester: z.object({ name: z.string(), phone: z.string() }).nullable(),
  requestedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  reason: z.string().nullable(),
});
export type InviteView = z.infer<typeof inviteView>;

/** What a code shows the person who scanned it, before they ask. */
const invitePeek = z.object({
  id: z.string(),
  role: z.enum(roles),
  scopeName: z.string(),
  expiresAt: z.string(),
  /** open: may ask; mine: they asked with it (and its outcome); spent: someone else did, or it was withdrawn. */
  state: z.enum(['open', 'expired', 'mine', 'spent']),
  status: z.enum(inviteStatuses),
});

/** What a granter may give: each role with the places it can be given over. */
const grantChoice = z.object({
  role: z.enum(roles),
  scope: z.enum(scopeKinds),
  options: z.array(z.object({ id: z.string(), name: z.string(), group: z.string().nullable() })),
});
export type GrantChoice = z.infer<typeof grantChoice>;

const granters = ['districtAdmin', 'stationAdmin'] as const;

export const peopleActions = defineContract({
  grantOptions: {
    summary: '可授予的身份',
    roles: granters,
    input: z.object({}),
    output: z.object({ choices: z.array(grantChoice) }),
    errors: [],
  },
  roleHolders: {
    summary: '身份名单',
    roles: granters,
    // One role at a time, within what the caller appoints; `q` narrows by name (its start) or a full phone.
    input: z.object({ role, q: z.string().trim().max(20, '最多20个字').optional(), after }),
    output: z.object({ items: z.array(holderView), next: z.string().nullable() }),
    errors: [],
  },
  findPeople: {
    summary: '查找人员',
    roles: [...granters, 'orgAdmin'],
    // A name's start or a full phone number; an organisation's admin finds its own members (all when empty).
    input: z.object({ q: z.string().trim().max(20, '最多20个字').default('') }),
    output: z.object({ items: z.array(personView) }),
    errors: [],
  },
  grantRole: {
    summary: '授予身份',
    roles: granters,
    input: z.object({ openid, role, scopeId }),
    output: z.object({ holder: holderView, changed: z.boolean() }),
    errors: ['ROLE.ALREADY_HELD', 'ROLE.PERSON_UNKNOWN', 'ROLE.SCOPE_RETIRED'],
  },
  revokeRole: {
    summary: '撤销身份',
    roles: granters,
    input: z.object({ openid, role }),
    output: z.object({ revoked: z.boolean() }),
    errors: ['ROLE.SELF'],
  },
  createInvite: {
    summary: '生成邀请码',
    roles: granters,
    input: z.object({
      requestId: requestIdField,
      role,
      scopeId,
      days: z
        .number({ error: '请选择有效期' })
        .int('请填写整数天')
        .min(INVITE_DAYS.min, `至少${INVITE_DAYS.min}天`)
        .max(INVITE_DAYS.max, `最多${INVITE_DAYS.max}天`)
        .default(INVITE_DAYS.default),
    }),
    output: z.object({
      invite: inviteView,
      /** The code's text (≤ 32 characters: a mini-program code's scene), the page it opens and its image where WeChat made one. */
      token: z.string(),
      page: z.string(),
      image: z.string().nullable(),
    }),
    errors: ['ROLE.SCOPE_RETIRED'],
  },
  invites: {
    summary: '邀请记录',
    roles: granters,
    input: z.object({ status: z.enum(inviteStatuses).optional(), after }),
    output: z.object({ items: z.array(inviteView), next: z.string().nullable() }),
    errors: [],
  },
  inviteInfo: {
    summary: '查看邀请',
    roles: ['resident'],
    input: z.object({ token: z.string({ error: '邀请码无效' }).min(1, '邀请码无效').max(64, '邀请码无效') }),
    output: invitePeek,
    errors: ['INVITE.INVALID'],
  },
  requestInvite: {
    summary: '凭邀请码申请身份',
    roles: ['resident'],
    input: z.object({
      token: z.string({ error: '邀请码无效' }).min(1, '邀请码无效').max(64, '邀请码无效'),
      name: personName,
      phone: mobile,
    }),
    output: invitePeek,
    errors: ['INVITE.INVALID', 'INVITE.EXPIRED', 'INVITE.USED', 'ROLE.ALREADY_HELD'],
  },
  decideInvite: {
    summary: '审批身份申请',
    roles: granters,
    input: z
      .object({
        inviteId: z.string().min(1).max(64),
        decision: z.enum(['approve', 'reject'], { error: '请选择通过或不通过' }),
        reason: z.string().trim().max(100, '最多100个字').optional(),
      })
      .refine((v) => v.decision === 'approve' || (v.reason ?? '').length >= 2, {
        message: '不通过时请填写原因',
        path: ['reason'],
      }),
    output: z.object({ invite: inviteView }),
    errors: ['INVITE.BAD_STATE', 'ROLE.ALREADY_HELD', 'ROLE.SELF', 'ROLE.SCOPE_RETIRED'],
  },
  revokeInvite: {
    summary: '作废邀请码',
    roles: granters,
    input: z.object({ inviteId: z.string().min(1).max(64) }),
    output: z.object({ invite: inviteView }),
    errors: ['INVITE.BAD_STATE'],
  },
});
export type PeopleContract = typeof peopleActions;
