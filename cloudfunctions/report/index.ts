import { cloudbaseRuntime } from '../core/platform/cloudbase.platform';
import { report } from './report.function';

export const main = report(cloudbaseRuntime);
