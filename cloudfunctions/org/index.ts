import { cloudbaseRuntime } from '../core/platform/cloudbase.platform';
import { org } from './org.function';

export const main = org(cloudbaseRuntime);
