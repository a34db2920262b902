import { cloudbaseRuntime } from '../core/platform/cloudbase.platform';
import { points } from './points.function';

export const main = points(cloudbaseRuntime);
