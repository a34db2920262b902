import { cloudbaseRuntime } from '../../core/platform/cloudbase.platform';
import { indexes } from '../storage';
import { timer } from './function';

/** The bundle entry of the deployed `timer` function. */
export const main = timer(() => cloudbaseRuntime(indexes));
