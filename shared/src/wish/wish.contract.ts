import { z } from 'zod';
import { defineContract } from '../core/contract';
import {
  cursorField,
  idField,
  limitField,
  page,
  phoneField,
  photoField,
  reasonField,
  requestIdField,
  listFilterFields,
} from '../core/fields';
import { wishCategories, wishStatuses } from './wish.rules';

const historyEntry = z.object({
  at: z.string(),
  by: z.string(),
  from: z.string().nullable(),
  to: z.string(),
  note: z.string().nullable(),
});

/**
 * A wish as its reader may see it: members see the unit, not who the resident is; the claimant also
 * sees a masked phone; the resident and the station see everything. `photo` and `fulfilPhoto` are
 * short-lived URLs made for this reader (the stored file ids never leave the functions).
 */
export const wishView = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  category: z.enum(wishCategories),
  status: z.enum(wishStatuses),
  points: z.number(),
  communityName: z.string(),
  gridName: z.string(),
  unitName: z.string(),
  residentName: z.string().nullable(),
  residentPhone: z.string().nullable(),
  /** The resident agreed that the member who claims it may call them (the full number is shown to that member). */
  phoneConsent: z.boolean(),
  claimantName: z.string().nullable(),
  claimedAt: z.string().nullable(),
  claimExpiresAt: z.string().nullable(),
  fulfilNote: z.string().nullable(),
  photo: z.string().nullable(),
  fulfilPhoto: z.string().nullable(),
  reason: z.string().nullable(),
  thanks: z.string().nullable(),
  createdAt: z.string(),
  history: z.array(historyEntry),
});
export type WishView = z.infer<typeof wishView>;

const wishId = z.object({ wishId: idField });
const one = z.object({ wish: wishView });
const listInput = { cursor: cursorField, limit: limitField };

export const wishContract = defineContract({
  postWish: {
    summary: '发布微心愿',
    roles: ['resident'],
    input: z.object({
      requestId: requestIdField.optional(),
      title: z.string().trim().min(2, '心愿标题至少2个字').max(30, '心愿标题最多30个字'),
      description: z.string().trim().min(5, '请具体描述心愿，至少5个字').max(300, '心愿描述最多300个字'),
      category: z.enum(wishCategories, { error: '请选择心愿类别' }),
      unitId: idField,
      phone: phoneField,
      // 同意认领的党员查看完整号码并直接联系: off unless the resident turns it on.
      phoneConsent: z.boolean().default(false),
      photo: photoField.optional(),
    }),
    output: one,
    errors: ['NOT_FOUND', 'PHOTO.NOT_YOURS'],
  },
  myWishes: {
    summary: '我的心愿',
    roles: ['resident'],
    input: z.object(listInput),
    output: page(wishView),
    errors: [],
  },
  cancelWish: { summary: '取消心愿', roles: ['resident'], input: wishId, output: one, errors: ['WISH.BAD_STATE'] },
  thankWish: {
    summary: '感谢党员',
    roles: ['resident'],
    input: wishId.extend({ thanks: z.string().trim().min(2, '感谢的话至少2个字').max(100, '最多100个字') }),
    output: one,
    errors: ['WISH.BAD_STATE'],
  },
  reviewWish: {
    summary: '审核心愿',
    roles: ['stationAdmin', 'gridSecretary'],
    input: wishId
      .extend({
        decision: z.enum(['approve', 'reject'], { error: '请选择通过或驳回' }),
        reason: reasonField.optional(),
        points: z.number().int().min(0, '积分不能为负').max(100, '积分最多100').optional(),
      })
      .refine((v) => v.decision === 'approve' || (v.reason ?? '').length > 0, {
        message: '驳回时请填写原因',
        path: ['reason'],
      }),
    output: one,
    errors: ['WISH.BAD_STATE'],
  },
  listWishes: {
    summary: '心愿管理列表',
    roles: ['stationAdmin', 'gridSecretary', 'districtAdmin'],
    input: z.object({
      communityId: idField.optional(),
      status: z.enum(wishStatuses).default('pending_review'),
      ...listFilterFields,
      ...listInput,
    }),
    output: page(wishView),
    errors: ['ORG.COMMUNITY_UNKNOWN'],
  },
  releaseClaim: {
    summary: '释放认领',
    roles: ['stationAdmin', 'gridSecretary'],
    input: wishId.extend({ reason: z.string().trim().min(2, '请填写原因').max(100, '原因最多100个字') }),
    output: one,
    errors: ['WISH.BAD_STATE'],
  },
  browseWishes: {
    summary: '心愿墙',
    roles: ['member'],
    input: z.object({ category: z.enum(wishCategories).optional(), gridId: idField.optional(), ...listInput }),
    output: page(wishView),
    errors: ['AUTH.NOT_A_MEMBER'],
  },
  claimWish: {
    summary: '认领心愿',
    roles: ['member'],
    input: wishId,
    output: one,
    errors: ['WISH.ALREADY_CLAIMED', 'WISH.BAD_STATE', 'WISH.TOO_MANY_CLAIMS', 'AUTH.NOT_A_MEMBER'],
  },
  myClaims: {
    summary: '我认领的心愿',
    roles: ['member'],
    input: z.object(listInput),
    output: page(wishView),
    errors: [],
  },
  giveUpWish: { summary: '放弃认领', roles: ['member'], input: wishId, output: one, errors: ['WISH.BAD_STATE'] },
  fulfilWish: {
    summary: '标记已完成',
    roles: ['member'],
    input: wishId.extend({
      note: z.string().trim().min(2, '请简单说明完成情况').max(200, '最多200个字'),
      photo: photoField.optional(),
    }),
    output: one,
    errors: ['WISH.BAD_STATE', 'PHOTO.NOT_YOURS'],
  },
  confirmWish: {
    summary: '确认完成',
    roles: ['resident'],
    input: wishId.extend({
      fulfilled: z.boolean({ error: '请选择是否已完成' }),
      note: z.string().trim().max(200, '最多200个字').optional(),
    }),
    output: one,
    errors: ['WISH.BAD_STATE'],
  },
  unitWishes: {
    summary: '本单元心愿',
    roles: ['unitLeader'],
    input: z.object({ status: z.enum(wishStatuses).default('fulfilled'), ...listInput }),
    output: page(wishView),
    errors: [],
  },
});
export type WishContract = typeof wishContract;
