import { problemRates } from '@shared/whistle/whistle.rules';

describe('problem rates', () => {
  test.each([
    [
      { whistled: 10, acknowledged: 9, responded: 8, respondedOnTime: 6, confirmed: 7, rated: 5, satisfied: 4 },
      { responseRate: 0.9, onTimeRate: 0.6, resolutionRate: 0.7, satisfactionRate: 0.8 },
    ],
    [
      { whistled: 3, acknowledged: 1, responded: 1, respondedOnTime: 1, confirmed: 0, rated: 0, satisfied: 0 },
      { responseRate: 0.333, onTimeRate: 0.333, resolutionRate: 0, satisfactionRate: null },
    ],
    [
      { whistled: 0, acknowledged: 0, responded: 0, respondedOnTime: 0, confirmed: 0, rated: 0, satisfied: 0 },
      { responseRate: null, onTimeRate: null, resolutionRate: null, satisfactionRate: null },
    ],
  ])('%j → %j', (inputs, rates) => expect(problemRates(inputs)).toEqual(rates));
});
