import { z } from 'zod';
import { defineContract } from '../core/contract';
import { dateField } from '../core/dates';
import { cursorField, idField, limitField, page, requestIdField } from '../core/fields';

/** 岗位 (posts): a duty with places that members claim while places remain. */
export const postView = z.object({
  id: z.string(),
  name: z.string(),
  duty: z.string(),
  communityId: z.string(),
  gridName: z.string().nullable(),
  unitName: z.string().nullable(),
  capacity: z.number(),
  taken: z.number(),
  startDate: z.string(),
  endDate: z.string(),
  status: z.enum(['open', 'closed']),
  /** The caller holds a place. */
  mine: z.boolean(),
});
export type PostView = z.infer<typeof postView>;

export const postInput = z
  .object({
    requestId: requestIdField.optional(),
    communityId: idField.optional(),
    name: z.string().trim().min(2, '岗位名称至少2个字').max(30, '岗位名称最多30个字'),
    duty: z.string().trim().min(2, '请填写岗位职责').max(300, '岗位职责最多300个字'),
    gridId: idField.optional(),
    unitId: idField.optional(),
    capacity: z.number({ error: '请填写名额' }).int('名额须为整数').min(1, '名额至少为1').max(500, '名额最多500'),
    startDate: dateField,
    endDate: dateField,
  })
  .refine((v) => v.endDate >= v.startDate, { message: '结束日期不能早于开始日期', path: ['endDate'] });

export const postActions = defineContract({
  createPost: {
    summary: '设置岗位',
    roles: ['stationAdmin', 'gridSecretary'],
    input: postInput,
    output: z.object({
      post: postView,
    }),
    errors: ['ORG.COMMUNITY_UNKNOWN', 'NOT_FOUND'],
  },
  listPosts: {
    summary: '岗位列表',
    roles: ['member', 'stationAdmin', 'gridSecretary', 'districtAdmin'],
    input: z.object({
      communityId: idField.optional(),
      status: z.enum(['open', 'closed']).default('open'),
      cursor: cursorField,
      limit: limitField,
    }),
    output: page(postView),
    errors: ['AUTH.NOT_A_MEMBER'],
  },
  claimPost: {
    summary: '认领岗位',
    roles: ['member'],
    input: z.object({ postId: idField }),
    output: z.object({ post: postView, changed: z.boolean() }),
    errors: ['CHECKIN.POST_FULL', 'CHECKIN.POST_CLOSED', 'AUTH.NOT_A_MEMBER'],
  },
  releasePost: {
    summary: '放弃岗位',
    roles: ['member'],
    input: z.object({ postId: idField }),
    output: z.object({ post: postView, changed: z.boolean() }),
    errors: [],
  },
});
