import { cloudbaseRuntime } from '../../core/platform/cloudbase.platform';
import { indexes } from '../storage';
import { wish } from './function';

/** The bundle entry of the deployed `wish` function. */
export const main = wish(() => cloudbaseRuntime(indexes));
