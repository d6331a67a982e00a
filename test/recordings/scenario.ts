// A recording scenario: a fixture account, the answers a user gives, and what the diagnosis
// must say. `npm run recordings` turns each into recordings/<name>.json through the real
// engine; the golden test replays every file through the built CLI.
import type { Answers } from '../../src/path/answers.js';
import type { Account } from '../support/fixtures/index.js';

export interface RecordingScenario {
  /** File name under recordings/ (without .json): the finding id it shows, or healthy.* */
  name: string;
  account: Account;
  answers: Answers;
  expect: { verdict: 'healthy' | 'problems' | 'incomplete'; findings: string[] };
}
