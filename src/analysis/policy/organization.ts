// The organization keys of a request (IAM User Guide, global condition context keys:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html):
// - aws:PrincipalOrgID / aws:ResourceOrgID: the organization id of the principal's / the
//   resource owner's account, single-valued;
// - aws:PrincipalOrgPaths / aws:ResourceOrgPaths: that account's path in the organization,
//   `o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ou-ab12-22222222/` (the organization, the root, each OU
//   down to the one that holds the account, with a trailing slash). Multivalued: policies compare
//   them with ForAnyValue:StringLike / ForAnyValue:StringEquals (a single-valued operator never
//   matches a list, ./evaluate.ts).
//
// Where the values come from, best first:
// 1. the answers `target.principal-org-path` / `target.resource-org-path` (the org id is the
//    path's first segment);
// 2. organizations:DescribeOrganization for the account vpce-doctor runs in: any member account
//    may call it; outside any organization every org key is absent;
// 3. organizations:ListParents walked from an account to the root, for the paths (and for the
//    org id of another account of the same organization). Only the management account or a
//    delegated administrator may call it (Organizations API reference, ListParents:
//    https://docs.aws.amazon.com/organizations/latest/APIReference/API_ListParents.html), so it is
//    read only when a policy on this path names an OrgPaths key (or an OrgID key, for an account
//    other than the caller's).
// A key none of these settles stays unknown: a decision that rests on it is "could not judge"
// (./deciding.ts), never a pass and never a guessed denial.
import type { PathContext } from '../../path/context.js';
import { okValue } from '../../path/context.js';
import { callerIdentity } from '../../path/identity.js';
import type { Check } from '../../findings/types.js';
import type { ProbeRequest } from '../../probes/contract.js';
import type { ContextValue } from './evaluate.js';

export const ORGANIZATION_READ = { key: 'organizations.describe-organization', input: {} } as const;

export interface OrganizationKeys {
  /** Keys to add to the request's context. */
  context: Record<string, ContextValue>;
  /** Keys (lowercase) known to be absent. */
  absent: string[];
}

/** The org path answers (public question ids), by side. */
const ANSWER = { Principal: 'target.principal-org-path', Resource: 'target.resource-org-path' } as const;
type Side = keyof typeof ANSWER;

/** `o-…/r-…/ou-…/…/`: an organization entity path of an account (see the header). */
export const ORG_PATH = /^o-[a-z0-9]{10,32}\/r-[0-9a-z]{4,32}\/(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}\/)*$/;

/** Does any of these texts (policy documents, as read) name an OrgPaths key? */
export function namesOrgPaths(texts: readonly (string | null | undefined)[]): boolean {
  return texts.some((t) => typeof t === 'string' && /aws:(principal|resource)orgpaths/i.test(t));
}

/** Does any of these texts name an OrgID key (known from DescribeOrganization for the caller's own account only)? */
function namesOrgId(texts: readonly (string | null | undefined)[]): boolean {
  return texts.some((t) => typeof t === 'string' && /aws:(principal|resource)orgid/i.test(t));
}

/** One side's keys for the account `account` (undefined: no account is known for it, e.g. an S3 ARN). */
function sideKeys(ctx: PathContext, side: Side, account: string | undefined, out: OrganizationKeys): void {
  const idKey = `aws:${side}OrgID`;
  const pathKey = `aws:${side}OrgPaths`;
  const answered = (ctx.answers[ANSWER[side]] ?? '').trim();
  if (answered !== '') {
    out.context[idKey] = answered.split('/')[0] ?? answered;
    out.context[pathKey] = [answered];
    return;
  }
  const outcome = ctx.probe('organizations.describe-organization', {});
  const caller = callerIdentity(ctx.probe)?.Account;
  if (outcome?.status !== 'ok' || caller === undefined || account === undefined) return;
  const org = outcome.value;
  const here = account === caller;
  if (org === null) {
    // Outside any organization the org keys are absent from the request context.
    if (here) out.absent.push(idKey.toLowerCase(), pathKey.toLowerCase());
    return;
  }
  if (here) out.context[idKey] = org.Id;
  const parents = okValue(ctx.probe('organizations.account-parents', { accountId: account }));
  if (parents === undefined || parents === null) return; // unread, refused, or another organization's account
  out.context[idKey] = org.Id;
  out.context[pathKey] = [`${org.Id}/${parents.Parents.join('/')}/`];
}

/** The organization keys for a principal in `principalAccount` acting on a resource in `resourceAccount`. */
export function organizationKeys(
  ctx: PathContext,
  principalAccount: string,
  resourceAccount: string | undefined,
): OrganizationKeys {
  const out: OrganizationKeys = { context: {}, absent: [] };
  sideKeys(ctx, 'Principal', principalAccount, out);
  sideKeys(ctx, 'Resource', resourceAccount, out);
  return out;
}

/**
 * The ListParents walks worth making, when the caller's account is in an organization and the
 * side is not answered: every account of the request when one of `texts` (the policies on this
 * path) names an OrgPaths key; accounts other than the caller's when they name an OrgID key (a
 * walk that reaches the root puts the account in the caller's organization).
 */
export function orgPathReads(
  ctx: PathContext,
  accounts: { principal: string | undefined; resource: readonly (string | undefined)[] },
  texts: readonly (string | null | undefined)[],
): ProbeRequest[] {
  const paths = namesOrgPaths(texts);
  if (!paths && !namesOrgId(texts)) return [];
  const org = okValue(ctx.probe('organizations.describe-organization', {}));
  if (org === undefined || org === null) return [];
  const caller = callerIdentity(ctx.probe)?.Account;
  const needed = (a: string | undefined): a is string => a !== undefined && (paths || a !== caller);
  const wanted = new Set<string>();
  if ((ctx.answers[ANSWER.Principal] ?? '') === '' && needed(accounts.principal)) wanted.add(accounts.principal);
  if ((ctx.answers[ANSWER.Resource] ?? '') === '') for (const a of accounts.resource) if (needed(a)) wanted.add(a);
  return [...wanted]
    .filter((a) => /^\d{12}$/.test(a))
    .sort()
    .map((accountId) => ({ key: 'organizations.account-parents', input: { accountId } }));
}

/** The documents these reads returned, as text: where an OrgPaths key would be named. */
export function readTexts(ctx: PathContext, requests: readonly ProbeRequest[]): string[] {
  const lookup = ctx.probe as (
    key: ProbeRequest['key'],
    input: unknown,
  ) => { status: string; value?: unknown } | undefined;
  return requests.flatMap((r) => {
    const o = lookup(r.key, r.input);
    return o?.status === 'ok' && o.value !== null && o.value !== undefined ? [JSON.stringify(o.value)] : [];
  });
}

/** A module that reads the organization through the request tolerates a failed read: its checks name it where it matters. */
export const ORGANIZATION_TOLERATED = [
  {
    key: 'organizations.describe-organization',
    reason: 'a check whose decision rests on aws:PrincipalOrgID / aws:ResourceOrgID is skipped and names the read',
  },
  {
    key: 'organizations.account-parents',
    reason:
      'a check whose decision rests on aws:PrincipalOrgPaths / aws:ResourceOrgPaths is skipped and names organizations:ListParents',
  },
] as const;

function why(outcome: { status: 'denied'; action: string } | { status: 'error'; message: string }): string {
  return outcome.status === 'denied' ? `access denied (needs ${outcome.action})` : outcome.message;
}

/** Checks that could not judge an organization key say why the organization is unknown, and how to give it. */
export function noteOrganizationRead(ctx: PathContext, checks: Check[]): Check[] {
  const outcome = ctx.probe('organizations.describe-organization', {});
  const orgNote =
    outcome !== undefined && outcome.status !== 'ok'
      ? `the organization could not be read: ${why(outcome)}`
      : undefined;
  return checks.map((c) => {
    if (c.status !== 'skipped') return c;
    const notes: string[] = [];
    if (orgNote !== undefined && /aws:(Principal|Resource)Org(ID|Paths)/i.test(c.detail)) notes.push(orgNote);
    for (const side of ['Principal', 'Resource'] as const) {
      const keys = (['OrgPaths', 'OrgID'] as const).filter((k) =>
        new RegExp(`depends on [^;]*aws:${side}${k}\\b`, 'i').test(c.detail),
      );
      if (keys.length === 0) continue;
      notes.push(
        `${keys.map((k) => `aws:${side}${k}`).join(' and ')} ${keys.length > 1 ? 'are' : 'is'} not known: read with organizations:ListParents, which answers only the management account or a delegated administrator, and only for accounts of its organization; give ${ANSWER[side]} (e.g. o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/; its first segment is the organization id)`,
      );
    }
    return notes.length > 0 ? { ...c, detail: `${c.detail}; ${notes.join('; ')}` } : c;
  });
}
