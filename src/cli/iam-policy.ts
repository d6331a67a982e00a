// `vpce-doctor iam-policy`: the least-privilege, read-only IAM policy a diagnosis needs,
// generated from the probe specs. JSON on stdout, ready for `aws iam create-policy`.
import { iamPolicy, OPTIONAL_ACTIONS } from '../probes/permissions.js';
import { EXIT } from './exit-codes.js';

export function runIamPolicy(): number {
  process.stdout.write(JSON.stringify(iamPolicy(), null, 2) + '\n');
  if (process.stdout.isTTY === true)
    process.stderr.write(
      `Optional (the advisory identity check): ${OPTIONAL_ACTIONS.join(', ')}. Without any action the check that needs it is skipped and named, never passed.\n`,
    );
  return EXIT.healthy;
}
