import type { ExportsContract } from '@shared/org/exports.contract';
import type { Handlers } from '../core/runtime/router';
import { exportEnrolments, exportHalfYear, exportPoints, exportWhistles, exportWishes } from './exports.queries';

/** The district's xlsx exports: the org function's handlers for them. */
export const exportsHandlers: Handlers<ExportsContract> = {
  exportEnrolments,
  exportHalfYear,
  exportWishes,
  exportPoints,
  exportWhistles,
};
