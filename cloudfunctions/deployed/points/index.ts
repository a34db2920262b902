import { cloudbaseRuntime } from '../../core/platform/cloudbase.platform';
import { indexes } from '../storage';
import { points } from './function';

/** The bundle entry of the deployed `points` function. */
export const main = points(() => cloudbaseRuntime(indexes));
