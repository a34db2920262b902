import { canMove } from '@shared/core/transitions';
import { problemRates, problemStatuses, problemTransitions, type ProblemEvent } from '@shared/report/report.rules';

const canApplyProblem = (event: ProblemEvent, status: (typeof problemStatuses)[number]) => canMove(problemTransitions, event, status);

describe('problem transition table', () => {
  const events = Object.keys(problemTransitions) as ProblemEvent[];
  test.each(events.flatMap((e) => problemStatuses.map((s) => [e, s] as const)))('%s from %s', (event, status) => {
    expect(canApplyProblem(event, status)).toBe((problemTransitions[event].from as readonly string[]).includes(status));
  });
  test('terminal states allow nothing', () => {
    for (const status of ['closed', 'duplicate', 'declined'] as const) expect(events.filter((e) => canApplyProblem(e, status))).toEqual([]);
  });
});

describe('problem rates', () => {
  test.each([
    [{ whistled: 10, acknowledged: 9, responded: 8, respondedOnTime: 6, confirmed: 7, rated: 5, satisfied: 4 }, { responseRate: 0.9, onTimeRate: 0.6, resolutionRate: 0.7, satisfactionRate: 0.8 }],
    [{ whistled: 3, acknowledged: 1, responded: 1, respondedOnTime: 1, confirmed: 0, rated: 0, satisfied: 0 }, { responseRate: 0.333, onTimeRate: 0.333, resolutionRate: 0, satisfactionRate: null }],
    [{ whistled: 0, acknowledged: 0, responded: 0, respondedOnTime: 0, confirmed: 0, rated: 0, satisfied: 0 }, { responseRate: null, onTimeRate: null, resolutionRate: null, satisfactionRate: null }],
  ])('%j → %j', (inputs, rates) => expect(problemRates(inputs)).toEqual(rates));
});
