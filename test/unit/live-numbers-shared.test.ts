import { describe, expect, it } from 'vitest';
import { indexLiveNumbers } from '../../src/diff/live-numbers.js';
import { listEmailAliases } from '../../src/model/match-users.js';
import { indexPlanInputs } from '../../src/diff/plan-index.js';
import { cloneSimState, createSimState } from '../../src/plan/sim-state.js';
import { desiredState, heldNumber, liveState, liveUser, user } from '../support/builders.js';

// The plan asks for every live user's numbers several times (differ, simulation, rules): at 50,000
// users a copy per call was a good part of its garbage (issue 31). The lists are read-only instead.
describe('a live user\'s numbers', () => {
  const ada = liveUser('ada@acme.com', { numbers: ['+14155550100'] });
  const bob = liveUser('bob@acme.com', { numbers: ['+14155550110'] });

  it('are the user\'s own list, not a copy, when no company number names them', () => {
    const numbersOf = indexLiveNumbers(liveState({ users: [ada, bob], numbers: [heldNumber('+14155550111', 'bob@acme.com')] }));
    expect(numbersOf(ada)).toBe(ada.numbers);
    expect(numbersOf(bob)).toEqual(['+14155550110', '+14155550111']);
  });

  it('are shared by the simulation and its copies, which replace them rather than change them', () => {
    const desired = desiredState({ users: [user('ada@acme.com')] });
    const live = liveState({ users: [ada] });
    const index = indexPlanInputs(desired, live);
    const initial = createSimState(desired, live, listEmailAliases(index.match), undefined, index);
    const copy = cloneSimState(initial);
    const [original, copied] = [initial.users.get('ada@acme.com'), copy.users.get('ada@acme.com')];
    expect(original?.numbers).toBe(ada.numbers);
    expect(copied?.numbers).toBe(original?.numbers);
    expect(copied).not.toBe(original);
  });
});
