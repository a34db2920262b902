import { wishContract } from '@shared/wish/wish.contract';
import { createFunction } from '../../core/runtime/router';
import { wishHandlers } from '../../wish/wish.handlers';

/** 微心愿 (micro-wishes). */
export const wish = createFunction('wish', wishContract, wishHandlers);
