import {
  isOpenProblem,
  problemTransitions,
  whistleTransitions,
  type ProblemStatus,
  type WhistleStatus,
} from '@shared/whistle/whistle.rules';
import { clause, excerpt } from '@shared/core/text';
import { beijing } from '@shared/core/time';
import type { Entity, Notice } from '../core/runtime/change';
import type { ProblemDoc, WhistleDoc } from './whistle.documents';

const toStation = (communityId: string) =>
  ({ role: 'stationAdmin', scope: 'community', scopeId: communityId }) as const;
const toDepartment = (departmentId: string) =>
  ({ role: 'department', scope: 'department', scopeId: departmentId }) as const;

/** What a subscribe message names the problem by (clipped to the template's 20 characters when sent). */
const subject = (p: ProblemDoc) => `${p.category}：${clause(p.description)}`;

/** A problem report moves by its table; `open` follows the state (the nearby and "me too" lists read it). */
export const problemEntity: Entity<ProblemDoc, ProblemStatus, typeof problemTransitions> = {
  name: 'problem',
  collection: 'problems',
  table: problemTransitions,
  badState: 'REPORT.BAD_STATE',
  stateOf: (p) => p.status,
  guardOf: (p) => ({ status: p.status }),
  enter: (status) => ({ status, open: isOpenProblem(status) }),
  history: true,
  notices: {
    decline: (p, _before, note) => [
      {
        key: `declined~${p._id}`,
        to: { openids: [p.openid] },
        title: '问题反映处理结果',
        body: `您反映的问题不予受理：${clause(note ?? '')}。`,
        link: null,
        template: { kind: 'review', state: '不予受理', subject: subject(p), note: clause(note ?? '') },
      },
    ],
    respond: (p) => [
      {
        key: `responded~${p._id}~${p.round}`,
        to: toStation(p.communityId),
        title: '部门已反馈',
        body: excerpt(p.result ?? '', 60),
        link: null,
        template: { kind: 'progress', state: '待确认', subject: subject(p) },
      },
    ],
    confirm: (p) => [
      {
        key: `result~${p._id}~${p.round}`,
        to: { openids: [p.openid] },
        title: '您反映的问题已办结',
        body: `${clause(p.result ?? '')}。请对处理结果进行评价。`,
        link: null,
        template: { kind: 'progress', state: '已办结', subject: subject(p) },
      },
    ],
  },
};

/** A new problem goes to the station of its community. */
export function newProblemNotice(p: ProblemDoc): Notice {
  return {
    key: `new~${p._id}`,
    to: toStation(p.communityId),
    title: '新的问题反映',
    body: `${p.category}：${excerpt(p.description, 40)}`,
    link: null,
    template: { kind: 'progress', state: '待处理', subject: subject(p) },
  };
}

/** Each whistled department's staff hear of it. */
export function whistledNotice(p: ProblemDoc, w: WhistleDoc): Notice {
  return {
    key: `whistle~${p._id}~${w.departmentId}~${w.round}`,
    to: toDepartment(w.departmentId),
    title: '社区吹哨',
    body: `${p.category}：${excerpt(p.description, 40)}。请尽快报到并在期限内反馈`,
    link: null,
    template: { kind: 'progress', state: '待报到', subject: subject(p), note: '请尽快报到并在期限内反馈' },
  };
}

/** The state of one department's whistle, read from its times and whether it still waits. */
export function whistleState(w: WhistleDoc): WhistleStatus {
  if (w.respondedAt) return 'answered';
  if (!w.open) return w.returnedAt ? 'returned' : 'closed';
  return w.acknowledgedAt ? 'acknowledged' : 'waiting';
}

export const whistleEntity: Entity<WhistleDoc, WhistleStatus, typeof whistleTransitions> = {
  name: 'whistle',
  collection: 'whistles',
  table: whistleTransitions,
  badState: 'REPORT.BAD_STATE',
  stateOf: whistleState,
  guardOf: (w) => ({ open: w.open, acknowledgedAt: w.acknowledgedAt, respondedAt: w.respondedAt }),
  enter: (to) => (to === 'answered' || to === 'returned' || to === 'closed' ? { open: false } : {}),
  history: false,
  notices: {
    notOurs: (w, _before, note) => [
      {
        key: `notours~${w._id}`,
        to: toStation(w.communityId),
        title: '部门退回吹哨',
        body: note ?? '',
        link: null,
        template: { kind: 'progress', state: '已退回' },
      },
    ],
    remind: (w) => [
      {
        key: `remind~${w._id}`,
        to: toDepartment(w.departmentId),
        title: '吹哨即将到期',
        body: `请于${beijing(w.deadlineAt, 'MM月DD日 HH:mm')}前反馈处理情况`,
        link: null,
        template: { kind: 'progress', state: '待反馈' },
      },
    ],
    overdue: (w) => {
      const text = {
        key: `overdue~${w._id}`,
        title: '吹哨超期未反馈',
        body: `部门未在期限内反馈（问题 ${w.problemId}）`,
        link: null,
        template: { kind: 'progress', state: '已超期' } as const,
      };
      return [
        { ...text, to: toStation(w.communityId) },
        { ...text, to: { role: 'districtAdmin', scope: 'district', scopeId: w.districtId } },
      ];
    },
  },
};
