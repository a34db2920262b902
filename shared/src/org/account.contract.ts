import { z } from 'zod';
import { defineContract } from '../core/contract';
import { cursorField, page } from '../core/fields';
import { roles } from '../core/roles';
import { CLOSE_CONFIRMATION, dataLists } from './account.rules';

// The labels and the confirmation live in account.rules.ts, which the mini-program imports without zod.
export { CLOSE_CONFIRMATION, dataListLabels, dataLists, type DataList } from './account.rules';

/** One record of a list, as the person reads it about themselves: what, its state, when, and its details. */
export const dataItem = z.object({
  id: z.string(),
  title: z.string(),
  status: z.string(),
  at: z.string(),
  lines: z.array(z.string()),
});
export type DataItem = z.infer<typeof dataItem>;

const consentView = z.object({ version: z.string(), agreedAt: z.string() });

/** A person's own data: consent to the privacy policy, what is held about them, 注销. Part of the org function's contract. */
export const accountActions = defineContract({
  consentState: {
    summary: '隐私政策同意情况',
    roles: ['resident'],
    input: z.object({}),
    // `current`: the version in force; `agreed`: what this person last agreed to (null: never).
    output: z.object({ current: z.string(), agreed: consentView.nullable(), upToDate: z.boolean() }),
    errors: [],
  },
  consent: {
    summary: '同意隐私政策和用户协议',
    roles: ['resident'],
    // The version the person read: agreeing to an older text than the one in force is refused.
    input: z.object({ version: z.string({ error: '缺少版本' }).max(32, '版本有误') }),
    output: z.object({ current: z.string(), agreed: consentView, upToDate: z.boolean() }),
    errors: ['ACCOUNT.POLICY_CHANGED'],
  },
  myData: {
    summary: '我的数据',
    roles: ['resident'],
    // Without `list`: everything at once, each list's first page. With `list` and `cursor`: the next page of it.
    input: z.object({ list: z.enum(dataLists).optional(), cursor: cursorField }),
    output: z.object({
      person: z
        .object({
          name: z.string().nullable(),
          phone: z.string().nullable(),
          community: z.string().nullable(),
          unit: z.string().nullable(),
          org: z.string().nullable(),
          since: z.string(),
        })
        .nullable(),
      roles: z.array(z.object({ role: z.enum(roles), scopeName: z.string() })),
      consent: consentView.nullable(),
      balance: z.number(),
      messages: z.object({ total: z.number(), unread: z.number() }),
      lists: z.partialRecord(z.enum(dataLists), page(dataItem)),
    }),
    errors: [],
  },
  closeAccount: {
    summary: '注销账号',
    roles: ['resident'],
    input: z.object({
      confirm: z.literal(CLOSE_CONFIRMATION, { error: `请输入“${CLOSE_CONFIRMATION}”以确认` }),
    }),
    output: z.object({ closed: z.literal(true) }),
    errors: ['ACCOUNT.CLOSE_BLOCKED'],
  },
});
export type AccountContract = typeof accountActions;
