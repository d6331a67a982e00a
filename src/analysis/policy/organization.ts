// The organization keys of a request: aws:PrincipalOrgID is the organization of the principal's
// account, aws:ResourceOrgID that of the resource's account (IAM User Guide, global condition
// context keys). vpce-doctor reads the organization of the account it runs in
// (organizations:DescribeOrganization); it knows the keys only for a principal or resource in
// that account. Outside any organization the keys are absent. When the read failed they stay
// unknown: a decision that rests on them is "could not judge", never a pass.
import type { PathContext } from '../../path/context.js';
import { callerIdentity } from '../../path/identity.js';
import type { Check } from '../../findings/types.js';
import type { ContextValue } from './evaluate.js';

export const ORGANIZATION_READ = { key: 'organizations.describe-organization', input: {} } as const;

export interface OrganizationKeys {
  /** Keys to add to the request's context. */
  context: Record<string, ContextValue>;
  /** Keys (lowercase) known to be absent. */
  absent: string[];
}

/** The organization keys for a principal in `principalAccount` acting on a resource in `resourceAccount`. */
export function organizationKeys(
  ctx: PathContext,
  principalAccount: string,
  resourceAccount: string | undefined,
): OrganizationKeys {
  const out: OrganizationKeys = { context: {}, absent: [] };
  const outcome = ctx.probe('organizations.describe-organization', {});
  const caller = callerIdentity(ctx.probe)?.Account;
  if (outcome?.status !== 'ok' || caller === undefined) return out;
  const org = outcome.value;
  const principalHere = principalAccount === caller;
  const resourceHere = resourceAccount === caller;
  if (org === null) {
    if (principalHere) out.absent.push('aws:principalorgid', 'aws:principalorgpaths');
    if (resourceHere) out.absent.push('aws:resourceorgid', 'aws:resourceorgpaths');
    return out;
  }
  if (principalHere) out.context['aws:PrincipalOrgID'] = org.Id;
  if (resourceHere) out.context['aws:ResourceOrgID'] = org.Id;
  return out;
}

/** A module that reads the organization through the request tolerates a failed read: its checks name it where it matters. */
export const ORGANIZATION_TOLERATED = {
  key: 'organizations.describe-organization',
  reason: 'a check whose decision rests on aws:PrincipalOrgID / aws:ResourceOrgID is skipped and names the read',
} as const;

/** Checks that could not judge an organization key say why the organization is unknown. */
export function noteOrganizationRead(ctx: PathContext, checks: Check[]): Check[] {
  const outcome = ctx.probe('organizations.describe-organization', {});
  if (outcome === undefined || outcome.status === 'ok') return checks;
  const why = outcome.status === 'denied' ? `access denied (needs ${outcome.action})` : outcome.message;
  return checks.map((c) =>
    c.status === 'skipped' && /aws:(Principal|Resource)Org(ID|Paths)/i.test(c.detail)
      ? { ...c, detail: `${c.detail}; the organization could not be read: ${why}` }
      : c,
  );
}
