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
});
export type OrgContract = typeof orgContract;
