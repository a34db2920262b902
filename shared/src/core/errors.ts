/**
 * Stable error codes. The server returns them; the client maps them to Chinese text through
 * `errorMessages` in one table and never matches on message text.
 */
export const errorMessages = {
  'AUTH.UNAUTHENTICATED': '请先登录',
  'AUTH.FORBIDDEN': '您没有权限进行此操作',
  'AUTH.OUT_OF_SCOPE': '该记录不在您的管辖范围内',
  'INPUT.INVALID': '填写的信息有误，请检查后重试',
  'ACTION.UNKNOWN': '不支持的操作',
  NOT_FOUND: '记录不存在或已删除',
  CONFLICT: '数据已被他人修改，请刷新后重试',
  INTERNAL: '系统繁忙，请稍后再试',
  NETWORK: '网络异常，请检查网络后重试',
  'CHECKIN.CODE_INVALID': '二维码无效或已被篡改，请向社区索取正确的报到码',
  'CHECKIN.UNIT_NOT_IN_COMMUNITY': '所选单元不属于该社区',
  'CHECKIN.ORG_UNKNOWN': '所选报到单位不存在',
  'CHECKIN.REPORT_ALREADY_REVIEWED': '该报到已被审核，请刷新列表',
  'CHECKIN.REASON_REQUIRED': '驳回时请填写原因',
  'ORG.COMMUNITY_UNKNOWN': '社区不存在',
} as const;

export type ErrorCode = keyof typeof errorMessages;

export function messageFor(code: string): string {
  return (errorMessages as Record<string, string>)[code] ?? errorMessages.INTERNAL;
}
