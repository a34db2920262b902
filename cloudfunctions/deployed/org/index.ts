import { cloudbaseRuntime } from '../../core/platform/cloudbase.platform';
import { indexes } from '../storage';
import { org } from './function';

/** The bundle entry of the deployed `org` function. */
export const main = org(() => cloudbaseRuntime(indexes));
