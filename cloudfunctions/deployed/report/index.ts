import { cloudbaseRuntime } from '../../core/platform/cloudbase.platform';
import { indexes } from '../storage';
import { report } from './function';

/** The bundle entry of the deployed `report` function. */
export const main = report(() => cloudbaseRuntime(indexes));
