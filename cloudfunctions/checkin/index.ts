import { cloudbaseRuntime } from '../core/platform/cloudbase.platform';
import { checkin } from './checkin.function';

export const main = checkin(cloudbaseRuntime);
