// The IAM actions vpce-doctor needs, read from the probe specs (each spec's `iam` list): the one
// list behind `vpce-doctor iam-policy`, the README's permission section and the read-only contract.
import { PROBES, type ProbeKey } from './contract.js';

// Every probe says which actions it calls, even when it calls none (DNS, TCP, the host).
const SPECS: Record<ProbeKey, { readonly iam: readonly string[] }> = PROBES;

/** Advisory checks: without these the run still diagnoses the network; the identity check is skipped. */
export const OPTIONAL_ACTIONS: readonly string[] = ['iam:SimulatePrincipalPolicy', 'iam:GetRole'];

export function probeActions(): { key: ProbeKey; actions: readonly string[] }[] {
  return (Object.keys(SPECS) as ProbeKey[]).map((key) => ({ key, actions: SPECS[key].iam }));
}

/** Every action, sorted by service then name. */
export function requiredActions(): string[] {
  return [...new Set(probeActions().flatMap((p) => p.actions))].sort();
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: { Sid: string; Effect: 'Allow'; Action: string[]; Resource: string | string[] }[];
}

/**
 * The least-privilege policy: S3's bucket reads scoped to buckets (narrow `*` to yours), the
 * rest on `*` because EC2 Describe*, Route 53 and Resolver list calls take no resource ARN.
 */
export function iamPolicy(): PolicyDocument {
  const actions = requiredActions();
  const s3 = actions.filter((a) => a.startsWith('s3:'));
  const rest = actions.filter((a) => !a.startsWith('s3:'));
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'VpceDoctorReadOnly', Effect: 'Allow', Action: rest, Resource: '*' },
      { Sid: 'VpceDoctorReadBucketPolicyAndRegion', Effect: 'Allow', Action: s3, Resource: 'arn:aws:s3:::*' },
    ],
  };
}
