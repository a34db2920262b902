import type { WhistleContract } from '@shared/whistle/whistle.contract';
import type { Handlers } from '../core/runtime/router';
import { addProgress, confirmResult, meToo, rate, stationRespond, submitProblem, triage } from './problem.commands';
import { departmentWhistles, myProblems, nearbyProblems, stationProblems } from './problem.queries';
import { problemStats } from './stats.queries';
import { acknowledge, notOurs, respond } from './whistle.commands';

/** 吹哨报到 (problem reports and whistles): every action of the feature. */
export const whistleHandlers: Handlers<WhistleContract> = {
  submitProblem,
  myProblems,
  triage,
  stationProblems,
  stationRespond,
  confirmResult,
  departmentWhistles,
  acknowledge,
  respond,
  rate,
  nearbyProblems,
  meToo,
  notOurs,
  addProgress,
  problemStats,
};
