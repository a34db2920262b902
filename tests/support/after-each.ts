import { takeHarnesses } from './harness';
import { invariantProblems } from './invariants';

/** After every test of the unit project, the invariants hold in every store the test made. */
afterEach(async () => {
  for (const h of takeHarnesses()) {
    const problems = await invariantProblems(h.store);
    if (problems.length) throw new Error(`invariants broken:\n${problems.join('\n')}`);
  }
});
