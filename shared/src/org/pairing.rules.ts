/**
 * 结对共建 (organisation pairing, from the source document): after the district's notice, each employer
 * organisation's party branch pairs with the community it sits in within 5 working days; it serves the
 * community at least twice a year and solves one or two real problems; its members report (报到) and it
 * files the receipts.
 *
 * A notice opens one pairing per organisation of the district (waiting). The organisation's admin asks a
 * community (requested); the station accepts (paired) or declines with a reason (waiting again). Until it is
 * paired, the periodic job reminds the organisation a day before the deadline and, once it has passed,
 * tells the organisation and the district (each once).
 */
export const pairingStatuses = ['waiting', 'requested', 'paired'] as const;
export type PairingStatus = (typeof pairingStatuses)[number];

export const pairingTransitions = {
  request: { from: ['waiting'], to: 'requested', by: ['orgAdmin'] },
  accept: { from: ['requested'], to: 'paired', by: ['stationAdmin'] },
  decline: { from: ['requested'], to: 'waiting', by: ['stationAdmin'] },
  remind: { from: ['waiting', 'requested'], to: null, by: ['system'] },
  overdue: { from: ['waiting', 'requested'], to: null, by: ['system'] },
} as const;

export const pairingStatusLabels: Record<PairingStatus, string> = {
  waiting: '待结对',
  requested: '待社区确认',
  paired: '已结对',
};

/** Working days from the notice to pair; visits a year; how long before the deadline the reminder goes. */
export const PAIRING_WORKDAYS = 5;
export const VISITS_PER_YEAR = 2;
export const PAIRING_REMIND_HOURS = 24;
