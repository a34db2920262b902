import { z } from 'zod';
import { defineContract } from '../core/contract';
import { dateField } from '../core/dates';
import { cursorField, idField, limitField, page, photoField, requestIdField } from '../core/fields';
import { pairingStatuses } from './pairing.rules';

/** 结对共建: the district's notice, each organisation's pairing with its community, and the visits it makes. */

export const pairingView = z.object({
  id: z.string(),
  noticeId: z.string(),
  noticeTitle: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  communityId: z.string().nullable(),
  communityName: z.string().nullable(),
  status: z.enum(pairingStatuses),
  deadlineAt: z.string(),
  /** Past its deadline and still not paired. */
  overdue: z.boolean(),
  reason: z.string().nullable(),
  pairedAt: z.string().nullable(),
  /** This year's visits and the problems they solved (the yearly goal: 2 visits). */
  year: z.number(),
  visits: z.number(),
  problemsSolved: z.number(),
});
export type PairingView = z.infer<typeof pairingView>;

export const visitView = z.object({
  id: z.string(),
  date: z.string(),
  membersPresent: z.number(),
  problemsSolved: z.number(),
  note: z.string(),
  photos: z.array(z.string()),
  loggedByName: z.string(),
});
export type VisitView = z.infer<typeof visitView>;

const noticeView = z.object({
  id: z.string(),
  title: z.string(),
  date: z.string(),
  deadlineAt: z.string(),
  counts: z.object({ waiting: z.number(), requested: z.number(), paired: z.number(), overdue: z.number() }),
});
export type PairingNoticeView = z.infer<typeof noticeView>;

export const pairingActions = defineContract({
  issuePairingNotice: {
    summary: '发布结对通知',
    roles: ['districtAdmin'],
    input: z.object({
      requestId: requestIdField,
      title: z.string({ error: '请填写通知名称' }).trim().min(4, '请填写通知名称').max(50, '最多50个字'),
      date: dateField,
    }),
    output: z.object({ notice: noticeView }),
    errors: [],
  },
  pairingNotices: {
    summary: '结对通知',
    roles: ['districtAdmin'],
    input: z.object({}),
    output: z.object({ items: z.array(noticeView) }),
    errors: [],
  },
  pairings: {
    summary: '结对情况',
    roles: ['districtAdmin', 'stationAdmin', 'orgAdmin'],
    // The district: one notice's organisations (by state); a station: the organisations that asked or paired
    // with it; an organisation: its own.
    input: z.object({
      noticeId: idField.optional(),
      status: z.enum(pairingStatuses).optional(),
      cursor: cursorField,
      limit: limitField,
    }),
    output: page(pairingView),
    errors: [],
  },
  requestPairing: {
    summary: '申请结对',
    roles: ['orgAdmin'],
    input: z.object({ pairingId: idField, communityId: idField }),
    output: z.object({ pairing: pairingView }),
    errors: ['PAIRING.BAD_STATE', 'ORG.COMMUNITY_UNKNOWN'],
  },
  decidePairing: {
    summary: '确认结对',
    roles: ['stationAdmin'],
    input: z
      .object({
        pairingId: idField,
        decision: z.enum(['accept', 'decline'], { error: '请选择接受或不接受' }),
        reason: z.string().trim().max(100, '最多100个字').optional(),
      })
      .refine((v) => v.decision === 'accept' || (v.reason ?? '').length >= 2, {
        message: '不接受时请填写原因',
        path: ['reason'],
      }),
    output: z.object({ pairing: pairingView }),
    errors: ['PAIRING.BAD_STATE'],
  },
  logVisit: {
    summary: '登记结对服务',
    roles: ['orgAdmin'],
    input: z.object({
      requestId: requestIdField,
      pairingId: idField,
      date: dateField,
      membersPresent: z.number({ error: '请填写到场人数' }).int('请填写整数').min(1, '至少1人').max(500, '最多500人'),
      problemsSolved: z
        .number({ error: '请填写解决问题数' })
        .int('请填写整数')
        .min(0, '不能为负数')
        .max(50, '最多50个'),
      note: z.string({ error: '请填写服务内容' }).trim().min(4, '请填写服务内容（至少4个字）').max(500, '最多500个字'),
      photos: z.array(photoField).max(6, '最多6张照片').default([]),
    }),
    output: z.object({ pairing: pairingView, visit: visitView }),
    errors: ['PAIRING.BAD_STATE', 'PAIRING.VISIT_DATE', 'PHOTO.NOT_YOURS'],
  },
  pairingVisits: {
    summary: '结对服务记录',
    roles: ['districtAdmin', 'stationAdmin', 'orgAdmin'],
    input: z.object({ pairingId: idField }),
    output: z.object({ items: z.array(visitView) }),
    errors: [],
  },
});
export type PairingContract = typeof pairingActions;
