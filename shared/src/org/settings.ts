import { MIN_ATTENDANCE_MINUTES } from '../checkin/activity.rules';
import { pointsDefaults } from '../points/points.rules';
import { defaultDeadlineRule, REMIND_BEFORE_HOURS, type DeadlineRule } from '../whistle/whistle.rules';
import { wishDefaults } from '../wish/wish.rules';

/**
 * A community's settings: each one its own, else the district's default, else the product's. One page sets
 * them (设置): the station its community's, the district its defaults and any community's.
 */
export type Settings = {
  deadlineRule: DeadlineRule;
  remindHours: number;
  wishClaimDays: number;
  wishMaxOpenClaims: number;
  wishPoints: number;
  pointsPerHour: number;
  maxHoursPerRecord: number;
  minAttendanceMinutes: number;
  /** The check-in radius a new activity with a place on the map gets unless its organiser sets one (0: none). */
  checkinRadiusM: number;
};
export type SettingKey = keyof Settings;

export const settingDefaults: Settings = {
  deadlineRule: defaultDeadlineRule,
  remindHours: REMIND_BEFORE_HOURS,
  wishClaimDays: wishDefaults.claimDays,
  wishMaxOpenClaims: wishDefaults.maxOpenClaims,
  wishPoints: wishDefaults.points,
  pointsPerHour: pointsDefaults.pointsPerHour,
  maxHoursPerRecord: pointsDefaults.maxHoursPerRecord,
  minAttendanceMinutes: MIN_ATTENDANCE_MINUTES,
  checkinRadiusM: 0,
};

export const settingKeys = Object.keys(settingDefaults) as SettingKey[];

/** What each setting is called on the page, and what it governs. */
export const settingLabels: Record<SettingKey, { label: string; hint: string }> = {
  deadlineRule: { label: '吹哨反馈期限', hint: '按小时，或按工作日（遇节假日顺延）' },
  remindHours: { label: '到期前提醒（小时）', hint: '截止前多久提醒部门反馈' },
  wishClaimDays: { label: '心愿认领期限（天）', hint: '认领后未在期限内完成自动释放' },
  wishMaxOpenClaims: { label: '每人同时认领心愿数', hint: '党员同时认领的未完成心愿上限' },
  wishPoints: { label: '新心愿积分', hint: '完成一个心愿获得的积分（审核时可调整）' },
  pointsPerHour: { label: '每小时服务积分', hint: '确认服务时长后按此计分' },
  maxHoursPerRecord: { label: '单次服务时长上限（小时）', hint: '以0.5小时为单位' },
  minAttendanceMinutes: { label: '活动最短签到时长（分钟）', hint: '签到至签退不足此时长不计服务' },
  checkinRadiusM: { label: '默认签到范围（米）', hint: '有地点的活动默认须在此范围内签到；0为不限' },
};

/** Where a value comes from. */
export type SettingSource = 'community' | 'district' | 'default';
export const settingSourceLabels: Record<SettingSource, string> = {
  community: '本社区设置',
  district: '全区默认',
  default: '系统默认',
};

/** The settings in force: the community's, over the district's, over the product's, with where each came from. */
export function effectiveSettings(
  community: Partial<Settings> | null,
  district: Partial<Settings> | null,
): { values: Settings; sources: Record<SettingKey, SettingSource> } {
  const values = { ...settingDefaults } as Record<SettingKey, unknown>;
  const sources = {} as Record<SettingKey, SettingSource>;
  for (const key of settingKeys) {
    if (community?.[key] !== undefined) [values[key], sources[key]] = [community[key], 'community'];
    else if (district?.[key] !== undefined) [values[key], sources[key]] = [district[key], 'district'];
    else sources[key] = 'default';
  }
  return { values: values as Settings, sources };
}
