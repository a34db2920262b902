import { cloudbaseRuntime } from '../core/platform/cloudbase.platform';
import { wish } from './wish.function';

export const main = wish(cloudbaseRuntime);
