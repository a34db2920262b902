import { z } from 'zod';
import { defineContract } from '../core/contract';
import { roles, scopeKinds } from '../core/roles';

export const grantView = z.object({
  role: z.enum(roles),
  scope: z.enum(scopeKinds),
  scopeId: z.string(),
  scopeName: z.string(),
});

const option = z.object({ id: z.string(), name: z.string() });

/**
 * One thing waiting for the caller, for the home page's to-do list and its grid's counts: how many, the page
 * where they are done, and the nearest deadline among them (a countdown) when they have one.
 */
export const todoItem = z.object({
  key: z.string(),
  label: z.string(),
  count: z.number(),
  page: z.string(),
  dueAt: z.string().nullable(),
});
export type TodoItem = z.infer<typeof todoItem>;

export const orgContract = defineContract({
  places: {
    summary: '选择社区、网格、单元',
    roles: ['resident'],
    input: z.object({ communityId: z.string().max(64).optional(), gridId: z.string().max(64).optional() }),
    output: z.object({
      communities: z.array(option),
      grids: z.array(option),
      units: z.array(option),
      departments: z.array(option),
    }),
    errors: [],
  },
  me: {
    summary: '我的身份',
    roles: ['resident'],
    input: z.object({}),
    output: z.object({
      openid: z.string(),
      name: z.string().nullable(),
      communityId: z.string().nullable(),
      communityName: z.string().nullable(),
      grants: z.array(grantView),
    }),
    errors: [],
  },
  todo: {
    summary: '待办',
    roles: ['resident'],
    input: z.object({}),
    // Only what the caller's roles can act on, each with its count (zero included: the grid shows it).
    output: z.object({ items: z.array(todoItem), unread: z.number() }),
    errors: [],
  },
});
export type OrgContract = typeof orgContract;
