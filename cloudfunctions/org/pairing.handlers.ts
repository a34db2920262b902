import type { PairingContract } from '@shared/org/pairing.contract';
import type { Handlers } from '../core/runtime/router';
import { decidePairing, issuePairingNotice, logVisit, requestPairing } from './pairing.commands';
import { pairingNotices, pairings, pairingVisits } from './pairing.queries';

/** 结对共建: the org function's handlers for notices, pairings and visits. */
export const pairingHandlers: Handlers<PairingContract> = {
  issuePairingNotice,
  pairingNotices,
  pairings,
  requestPairing,
  decidePairing,
  logVisit,
  pairingVisits,
};
