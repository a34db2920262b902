import { cloudbaseRuntime } from '../../core/platform/cloudbase.platform';
import { indexes } from '../storage';
import { checkin } from './function';

/** The bundle entry of the deployed `checkin` function. */
export const main = checkin(() => cloudbaseRuntime(indexes));
