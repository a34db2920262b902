import { maskPhone } from './mask';

/**
 * Who sees a person's phone number (个人信息保护法: the minimum each needs): in full, masked
 * (138****1234), or not at all. One table for every view; the README shows it and a test checks each cell.
 */
export type PhoneView = 'full' | 'masked' | 'none';

/** How the reader stands to the record. A reader may stand in several ways: the widest view wins. */
export const viewers = [
  'owner',
  'stationAdmin',
  'gridSecretary',
  'unitLeader',
  'claimant',
  'consentedClaimant',
  'sharedDepartment',
  'districtAdmin',
  'orgAdmin',
  'other',
] as const;
export type Viewer = (typeof viewers)[number];

/** The records that carry a phone: a member's 报到, a resident's wish, a resident's problem report. */
export type PhoneRecord = 'enrolment' | 'wish' | 'problem';

export const phoneVisibility: Record<PhoneRecord, Record<Viewer, PhoneView>> = {
  // The station calls members back about their 报到; their organisation and the district check, masked.
  enrolment: {
    owner: 'full',
    stationAdmin: 'full',
    gridSecretary: 'none',
    unitLeader: 'none',
    claimant: 'none',
    consentedClaimant: 'none',
    sharedDepartment: 'none',
    districtAdmin: 'masked',
    orgAdmin: 'masked',
    other: 'none',
  },
  // The station arranges the wish; the grid and unit see it masked; the member who claimed it, masked, or in
  // full when the resident agreed when posting it that the member who claims it may call them.
  wish: {
    owner: 'full',
    stationAdmin: 'full',
    gridSecretary: 'masked',
    unitLeader: 'masked',
    claimant: 'masked',
    consentedClaimant: 'full',
    sharedDepartment: 'none',
    districtAdmin: 'masked',
    orgAdmin: 'none',
    other: 'none',
  },
  // Departments see who reported only when the station shared it with the departments it whistled.
  problem: {
    owner: 'full',
    stationAdmin: 'full',
    gridSecretary: 'none',
    unitLeader: 'none',
    claimant: 'none',
    consentedClaimant: 'none',
    sharedDepartment: 'full',
    districtAdmin: 'masked',
    orgAdmin: 'none',
    other: 'none',
  },
};

const rank: Record<PhoneView, number> = { none: 0, masked: 1, full: 2 };

/** The widest view the reader has of the record. */
export function phoneViewOf(record: PhoneRecord, as: readonly Viewer[]): PhoneView {
  return as.reduce<PhoneView>(
    (best, v) => (rank[phoneVisibility[record][v]] > rank[best] ? phoneVisibility[record][v] : best),
    'none',
  );
}

/** The phone as this reader may see it: itself, masked, or null. */
export function phoneFor(record: PhoneRecord, as: readonly Viewer[], phone: string): string | null {
  const view = phoneViewOf(record, as);
  return view === 'full' ? phone : view === 'masked' ? maskPhone(phone) : null;
}
