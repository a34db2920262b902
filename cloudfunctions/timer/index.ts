import { cloudbaseRuntime } from '../core/platform/cloudbase.platform';
import { timer } from './timer.function';

export const main = timer(cloudbaseRuntime);
