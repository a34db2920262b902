import { defineContract } from '../core/contract';

/** The organisation tree: communities, grids, units, departments, organisations; retire; xlsx import and export. Part of the org function's contract. */
export const treeActions = defineContract({});
export type TreeContract = typeof treeActions;
