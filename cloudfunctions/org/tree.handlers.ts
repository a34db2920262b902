import type { TreeContract } from '@shared/org/tree.contract';
import type { Handlers } from '../core/runtime/router';
import { restorePlace, retirePlace, savePlace } from './tree.commands';
import { exportTree, importTree } from './tree.files';
import { tree } from './tree.queries';

/** The organisation tree: communities, grids, units, departments, organisations; retire; xlsx import and export: the org function's handlers for them. */
export const treeHandlers: Handlers<TreeContract> = {
  tree,
  savePlace,
  retirePlace,
  restorePlace,
  exportTree,
  importTree,
};
