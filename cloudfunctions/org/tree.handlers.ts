import type { TreeContract } from '@shared/org/tree.contract';
import type { Handlers } from '../core/runtime/router';

/** The organisation tree: communities, grids, units, departments, organisations; retire; xlsx import and export: the org function's handlers for them. */
export const treeHandlers: Handlers<TreeContract> = {};
