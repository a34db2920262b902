import { checkinContract } from '@shared/checkin/checkin.contract';
import { checkinHandlers } from '../../checkin/checkin.handlers';
import { createFunction } from '../../core/runtime/router';

/** 报到 (report-in), posts and activities. */
export const checkin = createFunction('checkin', checkinContract, checkinHandlers);
