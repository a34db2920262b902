import {
  activityStatuses,
  activityTransitions,
  attendanceStatuses,
  attendanceTransitions,
} from '@shared/checkin/activity.rules';
import { enrolmentStatuses, enrolmentTransitions } from '@shared/checkin/enrolment.rules';
import { postClaimStatuses, postClaimTransitions } from '@shared/checkin/post.rules';
import { roles } from '@shared/core/roles';
import { canMove, type Party, type TransitionTable } from '@shared/core/transitions';
import { orderStatuses, orderTransitions, serviceStatuses, serviceTransitions } from '@shared/points/points.rules';
import {
  problemStatuses,
  problemTransitions,
  whistleStatuses,
  whistleTransitions,
  type ProblemEvent,
  type ProblemStatus,
} from '@shared/whistle/whistle.rules';
import { wishStatuses, wishTransitions } from '@shared/wish/wish.rules';
import { inviteStatuses, inviteTransitions } from '@shared/org/people.rules';
import { pairingStatuses, pairingTransitions } from '@shared/org/pairing.rules';

/**
 * Every status machine against expectations written out by hand from the product's rules, one line per
 * event: `event: from, from → to (or "stays") by party, party`. Every event × state × party is checked,
 * so a wrong state, a missing or extra party, or an extra row fails here.
 */
const parties: Party[] = [...roles, 'owner', 'claimant', 'organiser', 'lead', 'system'];

const expected: Record<string, { table: TransitionTable<string>; states: readonly string[]; rows: string[] }> = {
  enrolment: {
    table: enrolmentTransitions,
    states: enrolmentStatuses,
    rows: [
      'resubmit: rejected, withdrawn, moved → pending by owner',
      'approve: pending → approved by stationAdmin',
      'reject: pending → rejected by stationAdmin',
      'withdraw: pending → withdrawn by owner',
      'move: approved → moved by stationAdmin',
    ],
  },
  postClaim: {
    table: postClaimTransitions,
    states: postClaimStatuses,
    rows: ['claim: released → active by member', 'release: active → released by owner'],
  },
  activity: {
    table: activityTransitions,
    states: activityStatuses,
    rows: ['close: open → closed by stationAdmin, gridSecretary', 'startsSoon: open → stays by system'],
  },
  attendance: {
    table: attendanceTransitions,
    states: attendanceStatuses,
    rows: [
      'checkOut: checked_in → checked_out by owner',
      'correct: checked_in, checked_out → checked_out by stationAdmin, gridSecretary',
    ],
  },
  wish: {
    table: wishTransitions,
    states: wishStatuses,
    rows: [
      'approve: pending_review → open by stationAdmin, gridSecretary',
      'reject: pending_review → rejected by stationAdmin, gridSecretary',
      'cancel: pending_review, open → cancelled by owner',
      'claim: open → claimed by member',
      'giveUp: claimed → open by claimant',
      'release: claimed → open by stationAdmin, gridSecretary',
      'expire: claimed → open by system',
      'remindClaim: claimed → stays by system',
      'fulfil: claimed → fulfilled by claimant',
      'confirm: fulfilled → confirmed by owner, unitLeader',
      'dispute: fulfilled → claimed by owner, unitLeader',
      'thank: confirmed → stays by owner',
    ],
  },
  service: {
    table: serviceTransitions,
    states: serviceStatuses,
    rows: [
      'confirm: pending → confirmed by unitLeader, organiser',
      'reject: pending → rejected by unitLeader, organiser',
    ],
  },
  order: {
    table: orderTransitions,
    states: orderStatuses,
    rows: ['cancel: placed → cancelled by owner', 'handOver: placed → picked_up by stationAdmin'],
  },
  problem: {
    table: problemTransitions,
    states: problemStatuses,
    rows: [
      'solveInStation: submitted, reopened, returned → in_station by stationAdmin',
      'merge: submitted → duplicate by stationAdmin',
      'decline: submitted, reopened, returned → declined by stationAdmin',
      'whistle: submitted, reopened, returned, responded → whistled by stationAdmin',
      'acknowledge: whistled → acknowledged by lead',
      'notOurs: whistled, acknowledged → returned by lead',
      'respond: acknowledged → responded by lead',
      'stationRespond: in_station → responded by stationAdmin',
      'confirm: responded → confirmed by stationAdmin',
      'rateSatisfied: confirmed → closed by owner',
      'rateUnsatisfied: confirmed → reopened by owner',
      'progress: submitted, in_station, whistled, acknowledged, returned, responded, reopened → stays by stationAdmin, department',
    ],
  },
  whistle: {
    table: whistleTransitions,
    states: whistleStatuses,
    rows: [
      'acknowledge: waiting → acknowledged by department',
      'answer: waiting, acknowledged → answered by lead',
      'close: waiting → closed by lead',
      'notOurs: waiting, acknowledged → returned by department, lead',
      'remind: waiting, acknowledged → stays by system',
      'overdue: waiting, acknowledged → stays by system',
    ],
  },
  invite: {
    table: inviteTransitions,
    states: inviteStatuses,
    rows: [
      'request: open → requested by resident',
      'approve: requested → approved by districtAdmin, stationAdmin',
      'reject: requested → rejected by districtAdmin, stationAdmin',
      'revoke: open → revoked by districtAdmin, stationAdmin',
    ],
  },
  pairing: {
    table: pairingTransitions,
    states: pairingStatuses,
    rows: [
      'request: waiting → requested by orgAdmin',
      'accept: requested → paired by stationAdmin',
      'decline: requested → waiting by stationAdmin',
      'remind: waiting, requested → stays by system',
      'overdue: waiting, requested → stays by system',
    ],
  },
};

function parse(row: string) {
  const match = /^(\w+): (.+) → (\w+) by (.+)$/.exec(row);
  if (!match) throw new Error(`bad row ${row}`);
  const [, event, from, to, by] = match as unknown as [string, string, string, string, string];
  return { event, from: from.split(', '), to: to === 'stays' ? null : to, by: by.split(', ') };
}

describe.each(Object.entries(expected))('%s transitions', (_name, { table, states, rows }) => {
  const spec = rows.map(parse);

  test('the table has exactly the events written here', () => {
    expect(Object.keys(table).sort()).toEqual(spec.map((r) => r.event).sort());
  });

  test.each(spec.map((r) => [r.event, r] as const))('%s', (event, row) => {
    expect(table[event]?.to ?? null).toBe(row.to);
    for (const from of states) {
      for (const by of parties) {
        const allowed = row.from.includes(from) && row.by.includes(by);
        if (canMove(table, event, from, by) !== allowed)
          throw new Error(`${event} from ${from} by ${by}: expected ${allowed ? 'allowed' : 'refused'}`);
      }
    }
  });

  test('every state named is a state of the entity', () => {
    for (const row of spec) for (const s of [...row.from, ...(row.to ? [row.to] : [])]) expect(states).toContain(s);
  });
});

test('a finished problem (closed, merged, declined) moves no more', () => {
  for (const status of ['closed', 'duplicate', 'declined'] satisfies ProblemStatus[]) {
    const events = Object.keys(problemTransitions).filter((e) =>
      parties.some((p) =>
        canMove<ProblemStatus, typeof problemTransitions>(problemTransitions, e as ProblemEvent, status, p),
      ),
    );
    expect(events).toEqual([]);
  }
});
