import { DialformError, formatProblem, type Problem } from '../errors.js';

/** A fixture file that cannot be used: every problem, each with file, line and column. */
export class FixtureError extends DialformError {
  declare readonly problems: Problem[];
  constructor(problems: Problem[]) {
    super('fixture_invalid', `invalid emulator fixture:\n${problems.map(formatProblem).join('\n')}`, { problems });
  }
}
