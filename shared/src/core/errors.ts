/**
 * Stable error codes. The server returns them; the client maps them to Chinese text through
 * `errorMessages` in one table and never matches on message text.
 */
export const errorMessages = {
  'AUTH.UNAUTHENTICATED': '请先登录',
  'AUTH.FORBIDDEN': '您没有权限进行此操作',
  'AUTH.OUT_OF_SCOPE': '该记录不在您的管辖范围内',
  'AUTH.NOT_A_MEMBER': '请先在本社区报到，审核通过后再参加',
  'INPUT.INVALID': '填写的信息有误，请检查后重试',
  'ACTION.UNKNOWN': '不支持的操作',
  NOT_FOUND: '记录不存在或已删除',
  CONFLICT: '数据已被他人修改，请刷新后重试',
  INTERNAL: '系统繁忙，请稍后再试',
  BUSY: '同时操作的人较多，请稍后再试',
  NETWORK: '网络异常，请检查网络后重试',
  'CHECKIN.CODE_INVALID': '二维码无效或已被篡改，请向社区索取正确的报到码',
  'CHECKIN.UNIT_NOT_IN_COMMUNITY': '所选单元不属于该社区',
  'CHECKIN.ORG_UNKNOWN': '所选报到单位不存在',
  'CHECKIN.REPORT_ALREADY_REVIEWED': '该报到已被审核，请刷新列表',
  'CHECKIN.REASON_REQUIRED': '驳回时请填写原因',
  'CHECKIN.POST_FULL': '该岗位名额已满',
  'CHECKIN.POST_CLOSED': '该岗位已停止认领',
  'CHECKIN.ACTIVITY_CODE_INVALID': '活动码无效或已被篡改',
  'CHECKIN.ACTIVITY_CODE_EXPIRED': '活动码已过期，请扫描现场最新的活动码',
  'CHECKIN.NOT_STARTED': '活动尚未开放签到（开始前30分钟开放）',
  'CHECKIN.ENDED': '活动已结束，无法签到',
  'CHECKIN.TOO_FAR': '您距离活动地点约{distance}米，超出签到范围（{radius}米）',
  'CHECKIN.LOCATION_REQUIRED': '该活动需要定位签到，请允许获取位置后重试',
  'CHECKIN.NOT_CHECKED_IN': '您还没有签到',
  'CHECKIN.CHECKOUT_CLOSED': '签退时间已过，请联系活动组织者补签退',
  'CHECKIN.ACTIVITY_CLOSED': '活动已关闭',
  'CHECKIN.ACTIVITY_FULL': '活动报名人数已满',
  'WISH.ALREADY_CLAIMED': '手慢了，这个心愿已被其他党员认领',
  'WISH.BAD_STATE': '心愿当前状态不能进行此操作，请刷新后重试',
  'WISH.TOO_MANY_CLAIMS': '您已认领{max}个未完成的心愿，请先完成后再认领',
  'POINTS.INSUFFICIENT': '积分不足',
  'POINTS.OUT_OF_STOCK': '该商品已兑完',
  'POINTS.LIMIT_REACHED': '该商品每人限兑{limit}件',
  'POINTS.ITEM_INACTIVE': '该商品已下架',
  'POINTS.ORDER_NOT_OPEN': '该订单已领取或已取消',
  'POINTS.PICKUP_UNKNOWN': '领取码不存在，请核对',
  'POINTS.NOT_REVERSIBLE': '只有未更正过的服务积分可以更正',
  'POINTS.HOURS_OVER_CAP': '单次服务时长不能超过{max}小时',
  'POINTS.SELF_CONFIRM': '不能确认自己的服务时长',
  'POINTS.ALREADY_REVIEWED': '该记录已处理过',
  'POINTS.MEMBER_UNKNOWN': '本社区没有该手机号的党员',
  'REPORT.BAD_STATE': '问题当前状态不能进行此操作，请刷新后重试',
  'REPORT.NOT_LEAD': '请由牵头部门反馈处理结果',
  'ORG.COMMUNITY_UNKNOWN': '社区不存在',
  'ORG.NAME_TAKEN': '{parent}下已有名为“{name}”的{kind}',
  'ORG.PLACE_RETIRED': '{name}已停用，请先恢复启用',
  'ORG.PLACE_IN_USE': '{name}下还有在用的{children}，请先停用它们',
  'ORG.FILE_UNREADABLE': '文件无法读取：请选择从本页下载的模板或导出的文件（.xlsx）',
  'ORG.FILE_NOT_YOURS': '只能导入您自己上传的文件，请重新选择',
  'PHOTO.NOT_YOURS': '只能使用您自己上传的照片',
  'ACCOUNT.POLICY_CHANGED': '隐私政策已更新，请阅读新版本后再确认',
  'ACCOUNT.CLOSE_BLOCKED': '暂时不能注销：{reason}',
  'ROLE.ALREADY_HELD': '该人员已有这一身份（{scopeName}），如需调整请先撤销原身份',
  'ROLE.PERSON_UNKNOWN': '找不到该人员，请让对方先登录小程序，或改用邀请码',
  'ROLE.SCOPE_RETIRED': '该范围已撤销，不能再授予身份',
  'ROLE.SELF': '不能撤销或审批自己的身份，请由另一位管理员操作',
  'INVITE.INVALID': '邀请码无效或已被篡改，请向邀请人索取新的邀请码',
  'INVITE.EXPIRED': '邀请码已过期，请向邀请人索取新的邀请码',
  'INVITE.USED': '该邀请码已被使用，每个邀请码只能申请一次',
  'INVITE.BAD_STATE': '该邀请已处理，请刷新列表',
  'PAIRING.BAD_STATE': '结对状态已变化，请刷新后重试',
  'PAIRING.VISIT_DATE': '服务日期应在结对之后、不晚于今天',
} as const;

export type ErrorCode = keyof typeof errorMessages;

/**
 * Codes any action may answer without declaring them: the router's (identity, role, input, unknown
 * action, busy store), the access module's (scope, membership) and a record that does not exist.
 * Everything else an action returns is in its contract's `errors`.
 */
export const genericErrors: readonly ErrorCode[] = [
  'AUTH.UNAUTHENTICATED',
  'AUTH.FORBIDDEN',
  'AUTH.OUT_OF_SCOPE',
  'AUTH.NOT_A_MEMBER',
  'INPUT.INVALID',
  'ACTION.UNKNOWN',
  'NOT_FOUND',
  'CONFLICT',
  'BUSY',
];

/** The Chinese text of a code, with `{name}` placeholders filled from `params`. */
export function messageFor(code: string, params?: Record<string, string | number>): string {
  const text = (errorMessages as Record<string, string>)[code] ?? errorMessages.INTERNAL;
  return params ? text.replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? '')) : text;
}
