import { beijingDay } from '../core/time';
import type { TransitionTable } from '../core/transitions';

/**
 * Activities (活动): check-in and check-out by scanning the activity's code. Pure rules; time is passed in.
 */
/** How long before an activity starts its members are reminded. */
export const ACTIVITY_REMIND_HOURS = 2;

export const activityStatuses = ['open', 'closed'] as const;
export type ActivityStatus = (typeof activityStatuses)[number];

/**
 * The station or the grid closes an activity; nobody can check in after. Before it starts, the members
 * signed up are reminded (`startsSoon` keeps the state).
 */
export const activityTransitions = {
  close: { from: ['open'], to: 'closed', by: ['stationAdmin', 'gridSecretary'] },
  startsSoon: { from: ['open'], to: null, by: ['system'] },
} as const satisfies TransitionTable<ActivityStatus>;

/**
 * An attendance (its state is read from its check-out time): the member checks out by scanning, or the
 * organiser corrects a forgotten or wrong check-out (补签退), with who, when and why.
 */
export const attendanceStatuses = ['checked_in', 'checked_out'] as const;
export type AttendanceStatus = (typeof attendanceStatuses)[number];
export const attendanceTransitions = {
  checkOut: { from: ['checked_in'], to: 'checked_out', by: ['owner'] },
  correct: { from: ['checked_in', 'checked_out'], to: 'checked_out', by: ['stationAdmin', 'gridSecretary'] },
} as const satisfies TransitionTable<AttendanceStatus>;

/** What an activity is at a moment: before its start, under way, over, or closed by its organiser. */
export const activityPhases = ['upcoming', 'ongoing', 'ended', 'closed'] as const;
export type ActivityPhase = (typeof activityPhases)[number];
export const activityPhaseLabels: Record<ActivityPhase, string> = {
  upcoming: '未开始',
  ongoing: '进行中',
  ended: '已结束',
  closed: '已关闭',
};

export function activityPhase(a: { status: ActivityStatus; startAt: string; endAt: string }, now: Date): ActivityPhase {
  if (a.status === 'closed') return 'closed';
  const t = now.getTime();
  if (t < Date.parse(a.startAt)) return 'upcoming';
  return t <= Date.parse(a.endAt) ? 'ongoing' : 'ended';
}

/** An attendance shorter than this is kept but is not a service (a community may set its own). */
export const MIN_ATTENDANCE_MINUTES = 30;

/** Long enough to count as a service? */
export function countsAsService(checkInAt: string, checkOutAt: string, minMinutes: number): boolean {
  return Date.parse(checkOutAt) - Date.parse(checkInAt) >= minMinutes * 60_000;
}

export const CHECKIN_OPENS_BEFORE_MINUTES = 30;
export const CHECKOUT_CLOSES_AFTER_MINUTES = 120;
/** A rotating code changes every minute; one older than this many minutes is refused. */
export const ROTATING_GRACE_MINUTES = 2;

export type Window = { startAt: string; endAt: string };

/** Check-in is open from 30 minutes before the start until the end. */
export function checkInOpen(activity: Window, now: Date): 'early' | 'open' | 'ended' {
  const t = now.getTime();
  if (t < Date.parse(activity.startAt) - CHECKIN_OPENS_BEFORE_MINUTES * 60_000) return 'early';
  if (t > Date.parse(activity.endAt)) return 'ended';
  return 'open';
}

/** Check-out by scan is possible until two hours after the end; later, the organiser corrects it. */
export function checkOutOpen(activity: Window, now: Date): boolean {
  return now.getTime() <= Date.parse(activity.endAt) + CHECKOUT_CLOSES_AFTER_MINUTES * 60_000;
}

/** Served hours rounded to the nearest half hour (15 minutes and up round up). */
export function servedHours(checkInAt: string, checkOutAt: string): number {
  const minutes = Math.max(0, (Date.parse(checkOutAt) - Date.parse(checkInAt)) / 60_000);
  return Math.round(minutes / 30) / 2;
}

/** Great-circle distance in metres (haversine). */
export function distanceMetres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const R = 6_371_000;
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}

/** The minute slot a rotating code belongs to. */
export function minuteSlot(now: Date): number {
  return Math.floor(now.getTime() / 60_000);
}

export function rotatingSlotValid(slot: number, now: Date): boolean {
  const current = minuteSlot(now);
  return slot <= current && current - slot <= ROTATING_GRACE_MINUTES;
}

/**
 * The half-year of the rule (每半年): 1 January–30 June and 1 July–31 December, in Beijing time.
 * Returns UTC ISO bounds [start, end) and a label such as 2026年上半年.
 */
export function halfYearOf(now: Date): { start: string; end: string; label: string } {
  const local = beijingDay(now);
  const first = local.month() < 6;
  const startLocal = local.startOf('year').add(first ? 0 : 6, 'month');
  const start = startLocal.toDate();
  const end = startLocal.add(6, 'month').toDate();
  return { start: start.toISOString(), end: end.toISOString(), label: `${local.year()}年${first ? '上' : '下'}半年` };
}

export type HalfYearCounts = { services: number; claims: number };
export type HalfYearRecord = HalfYearCounts & { met: boolean; missing: string[] };

/** Each member serves at least once and claims at least one post, project or micro-wish per half-year. */
export function halfYearRecord(counts: HalfYearCounts): HalfYearRecord {
  const missing: string[] = [];
  if (counts.services < 1) missing.push('本半年至少参加1次服务活动');
  if (counts.claims < 1) missing.push('本半年至少认领1个岗位、项目或微心愿');
  return { ...counts, met: missing.length === 0, missing };
}
