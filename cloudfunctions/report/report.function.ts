import { reportContract } from '@shared/report/report.contract';
import { createFunction } from '../core/runtime/router';
import { addProgress, meToo, nearbyProblems, notOurs, problemStats } from './more.handler';
import { acknowledge, confirmResult, departmentWhistles, inbox, myProblems, rate, respond, stationProblems, stationRespond, submitProblem, triage } from './report.handler';

/** 吹哨报到 (problem reports and whistles): the `report` cloud function. */
export const report = createFunction('report', reportContract, {
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
  inbox,
});
