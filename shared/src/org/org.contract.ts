import { z } from 'zod';
import { defineContract } from '../core/contract';
import { roleSchema, scopeKinds } from '../core/roles';

export const grantView = z.object({
  role: roleSchema,
  scope: z.enum(scopeKinds),
  scopeId: z.string(),
  scopeName: z.string(),
});

export const orgContract = defineContract({
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
