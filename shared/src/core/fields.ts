import { z } from 'zod';

/** Reusable input fields with Chinese messages. */
export const idField = z.string().trim().min(1, '缺少编号').max(64, '编号过长');
export const nameField = z
  .string({ error: '请填写姓名' })
  .trim()
  .min(2, '姓名至少2个字')
  .max(20, '姓名最多20个字')
  .regex(/^[\u4e00-\u9fa5·A-Za-z ]+$/, '姓名只能包含汉字或字母');
/** A mainland mobile number: 11 digits, and a number that exists starts 13–19 (the message says which is wrong). */
export const phoneField = z
  .string({ error: '请填写手机号' })
  .trim()
  .regex(/^\d{11}$/, '请输入11位手机号')
  .regex(/^1[3-9]/, '手机号应以13至19开头，请检查');
export const reasonField = z.string().trim().max(200, '原因最多200个字');
export const cursorField = z.string().max(512).optional();
export const limitField = z.number().int().min(1).max(100).default(20);

export function page<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), next: z.string().nullable() });
}

/**
 * A photo as an action takes it: a CloudBase file id in the mini-program, or a local upload's id in the local
 * run (`/uploads/<uploader>/<name>`; ids from before uploads carried the uploader have no folder). This is
 * its shape only: the function also checks the caller uploaded it (PHOTO.NOT_YOURS). Views never show an
 * id, only a short-lived URL made for that reader.
 */
export const photoField = z
  .string()
  .max(300, '图片地址过长')
  .regex(/^(cloud:\/\/[\w.\-/]+|\/uploads\/([a-f0-9]{20}\/)?[a-f0-9]{32}\.(jpg|png))$/, '图片无效，请重新上传');

/**
 * A client-made id for one create (a form opening makes one), so a double tap or a retried request writes
 * one record and answers with it.
 */
export const requestIdField = z.string().regex(/^[A-Za-z0-9-]{8,40}$/, '请求编号无效');

/**
 * The filters of an admin list (issue 15, part 6), beside its state tab: a name, phone or title (a part of a
 * name or title; a phone only whole, so a masked number cannot be guessed digit by digit), a grid or a unit,
 * and a date range (Beijing days, both ends included).
 */
export const listFilterFields = {
  q: z.string().trim().max(20, '最多20个字').optional(),
  gridId: idField.optional(),
  unitId: idField.optional(),
  from: z.iso.date({ error: '日期格式不正确' }).optional(),
  to: z.iso.date({ error: '日期格式不正确' }).optional(),
};
export type ListFilter = { q?: string; gridId?: string; unitId?: string; from?: string; to?: string };
