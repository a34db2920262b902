import { pointsContract } from '@shared/points/points.contract';
import { createFunction } from '../../core/runtime/router';
import { pointsHandlers } from '../../points/points.handlers';

/** 志愿服务积分 (volunteer points) and the points shop. */
export const points = createFunction('points', pointsContract, pointsHandlers);
