import { z } from 'zod';
import { defineContract } from '../core/contract';
import { dateField } from '../core/dates';
import { cursorField, idField, limitField, page, phoneField, requestIdField, listFilterFields } from '../core/fields';
import { entryKinds, isHalfHourStep, orderStatuses, reviewOutcomes, serviceStatuses } from './points.rules';

const hoursField = z
  .number({ error: '请填写服务时长' })
  .min(0.5, '时长至少0.5小时')
  .max(24, '时长最多24小时')
  .refine(isHalfHourStep, '时长以0.5小时为单位');

export const serviceView = z.object({
  id: z.string(),
  source: z.enum(['activity', 'wish', 'self']),
  description: z.string(),
  memberName: z.string(),
  unitName: z.string().nullable(),
  hours: z.number(),
  points: z.number().nullable(),
  at: z.string(),
  status: z.enum(serviceStatuses),
  reason: z.string().nullable(),
});
export type ServiceView = z.infer<typeof serviceView>;

export const entryView = z.object({
  id: z.string(),
  kind: z.enum(entryKinds),
  amount: z.number(),
  reason: z.string(),
  at: z.string(),
  balanceAfter: z.number(),
  reversible: z.boolean(),
});
export const itemView = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  price: z.number(),
  stock: z.number(),
  perMemberLimit: z.number(),
  active: z.boolean(),
});
export const orderView = z.object({
  id: z.string(),
  itemName: z.string(),
  memberName: z.string(),
  price: z.number(),
  status: z.enum(orderStatuses),
  pickupCode: z.string().nullable(),
  createdAt: z.string(),
  pickedUpAt: z.string().nullable(),
});
export type OrderView = z.infer<typeof orderView>;

const listInput = { cursor: cursorField, limit: limitField };

export const pointsContract = defineContract({
  logService: {
    summary: '登记服务时长',
    roles: ['member'],
    input: z.object({
      requestId: requestIdField.optional(),
      description: z.string().trim().min(2, '请填写服务内容').max(100, '服务内容最多100个字'),
      unitId: idField,
      date: dateField,
      hours: hoursField,
    }),
    output: z.object({ service: serviceView }),
    errors: ['AUTH.NOT_A_MEMBER', 'POINTS.HOURS_OVER_CAP'],
  },
  myServices: {
    summary: '我的服务记录',
    roles: ['member'],
    input: z.object(listInput),
    output: page(serviceView),
    errors: [],
  },
  pendingServices: {
    summary: '待确认的服务',
    roles: ['unitLeader', 'stationAdmin', 'gridSecretary'],
    input: z.object({ ...listFilterFields, ...listInput }),
    output: page(serviceView),
    errors: [],
  },
  reviewServices: {
    summary: '确认服务时长',
    roles: ['unitLeader', 'stationAdmin', 'gridSecretary'],
    input: z
      .object({
        serviceIds: z.array(idField).min(1, '请选择记录').max(50, '一次最多50条'),
        decision: z.enum(['confirm', 'reject']),
        reason: z.string().trim().max(100).optional(),
      })
      .refine((v) => v.decision === 'confirm' || (v.reason ?? '').length >= 2, {
        message: '驳回时请填写原因',
        path: ['reason'],
      }),
    output: z.object({
      results: z.array(
        z.object({
          id: z.string(),
          ok: z.boolean(),
          code: z.enum(reviewOutcomes).nullable(),
          points: z.number().nullable(),
        }),
      ),
    }),
    errors: [],
  },
  myPoints: {
    summary: '我的积分',
    roles: ['member'],
    input: z.object(listInput),
    output: page(entryView).extend({ balance: z.number() }),
    errors: [],
  },
  listItems: {
    summary: '积分超市',
    roles: ['member', 'stationAdmin'],
    input: z.object({ includeInactive: z.boolean().default(false), ...listInput }),
    output: page(itemView),
    errors: ['AUTH.NOT_A_MEMBER'],
  },
  saveItem: {
    summary: '上架商品',
    roles: ['stationAdmin'],
    input: z.object({
      requestId: requestIdField.optional(),
      itemId: idField.optional(),
      name: z.string().trim().min(2, '商品名称至少2个字').max(30, '商品名称最多30个字'),
      description: z.string().trim().max(200, '说明最多200个字').default(''),
      price: z.number().int('积分须为整数').min(1, '积分至少为1').max(100000, '积分过大'),
      stock: z.number().int('库存须为整数').min(0, '库存不能为负').max(100000, '库存过大'),
      perMemberLimit: z.number().int().min(1, '每人限兑至少1件').max(100, '每人限兑最多100件').default(1),
      active: z.boolean().default(true),
    }),
    output: z.object({ item: itemView }),
    errors: [],
  },
  redeem: {
    summary: '兑换商品',
    roles: ['member'],
    input: z.object({ itemId: idField, requestId: requestIdField }),
    output: z.object({ order: orderView, balance: z.number(), changed: z.boolean() }),
    errors: [
      'POINTS.INSUFFICIENT',
      'POINTS.OUT_OF_STOCK',
      'POINTS.LIMIT_REACHED',
      'POINTS.ITEM_INACTIVE',
      'AUTH.NOT_A_MEMBER',
    ],
  },
  myOrders: { summary: '我的兑换', roles: ['member'], input: z.object(listInput), output: page(orderView), errors: [] },
  cancelOrder: {
    summary: '取消兑换',
    roles: ['member'],
    input: z.object({ orderId: idField }),
    output: z.object({ order: orderView, balance: z.number() }),
    errors: ['POINTS.ORDER_NOT_OPEN'],
  },
  handOver: {
    summary: '核销领取',
    roles: ['stationAdmin'],
    input: z.object({ pickupCode: z.string().trim().toUpperCase().length(8, '领取码为8位') }),
    output: z.object({ order: orderView }),
    errors: ['POINTS.PICKUP_UNKNOWN', 'POINTS.ORDER_NOT_OPEN'],
  },
  stationOrders: {
    summary: '兑换订单',
    roles: ['stationAdmin'],
    input: z.object({ status: z.enum(orderStatuses).default('placed'), ...listFilterFields, ...listInput }),
    output: page(orderView),
    errors: [],
  },
  reverseEntry: {
    summary: '更正积分',
    roles: ['stationAdmin'],
    input: z.object({
      entryId: idField,
      reason: z.string().trim().min(2, '请填写更正原因').max(100, '原因最多100个字'),
    }),
    output: z.object({ balance: z.number() }),
    errors: ['POINTS.NOT_REVERSIBLE', 'POINTS.INSUFFICIENT'],
  },
  memberEntries: {
    summary: '党员积分明细',
    roles: ['stationAdmin'],
    input: z.object({
      phone: phoneField,
      ...listInput,
    }),
    output: page(entryView).extend({ memberName: z.string(), balance: z.number() }),
    errors: ['NOT_FOUND', 'POINTS.MEMBER_UNKNOWN'],
  },
  pointsSettings: {
    summary: '积分设置与统计',
    roles: ['stationAdmin'],
    input: z.object({
      pointsPerHour: z.number().int().min(1, '每小时至少1分').max(100, '每小时最多100分').optional(),
      maxHoursPerRecord: z.number().min(0.5).max(24).refine(isHalfHourStep, '以0.5小时为单位').optional(),
    }),
    output: z.object({
      pointsPerHour: z.number(),
      maxHoursPerRecord: z.number(),
      issued: z.number(),
      redeemed: z.number(),
    }),
    errors: [],
  },
});
export type PointsContract = typeof pointsContract;
