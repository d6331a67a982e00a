// Questions a finding asks of a policy's text, without a request: does it lean on aws:SourceIp,
// is it the endpoint default, which statements pin a VPC or an endpoint.

import type { Effect, PolicyDocument, PolicyStatement } from './document.js';
import { actionMatches } from './patterns.js';

export interface StatementRef {
  index: number;
  sid: string | undefined;
  effect: Effect;
}

export interface SourceIpUse extends StatementRef {
  /** The operator as written, e.g. `NotIpAddress` or `IpAddressIfExists`. */
  operator: string;
  /** The key as written (any casing of aws:SourceIp). */
  key: string;
  cidrs: string[];
}

export interface VpcCondition extends StatementRef {
  operator: string;
  /** Canonical spelling of the key. */
  key: 'aws:SourceVpce' | 'aws:SourceVpc';
  /** The key as written in the policy (e.g. `aws:sourceVpce`). */
  keyAsWritten: string;
  values: string[];
}

function ref(statement: PolicyStatement): StatementRef {
  return { index: statement.index, sid: statement.sid, effect: statement.effect };
}

/**
 * Statements conditioning on aws:SourceIp. Through a VPC endpoint the request carries no public
 * source address, so aws:SourceIp "is not included in the request context" there (IAM User Guide,
 * global condition context keys: aws:SourceIp); such a condition never matches on that path.
 */
export function usesSourceIp(doc: PolicyDocument): SourceIpUse[] {
  const uses: SourceIpUse[] = [];
  for (const statement of doc.statements) {
    for (const clause of statement.conditions) {
      if (clause.key.toLowerCase() !== 'aws:sourceip') continue;
      uses.push({ ...ref(statement), operator: clause.operator.raw, key: clause.key, cidrs: clause.values });
    }
  }
  return uses;
}

/**
 * The policy AWS attaches when none is given: one Allow, Principal "*", Action "*", Resource "*",
 * no Condition (PrivateLink guide, Default endpoint policy).
 */
export function isDefaultFullAccess(doc: PolicyDocument): boolean {
  if (doc.statements.length !== 1) return false;
  const [only] = doc.statements;
  if (only === undefined) return false;
  const star = (element: { negated: boolean; values: string[] }): boolean =>
    !element.negated && element.values.length > 0 && element.values.every((v) => v === '*');
  const principalStar =
    only.principal !== undefined &&
    !only.principal.negated &&
    (only.principal.spec.kind === 'any' ||
      (only.principal.spec.aws.length > 0 &&
        only.principal.spec.aws.every((p) => p === '*') &&
        only.principal.spec.service.length === 0 &&
        only.principal.spec.federated.length === 0 &&
        only.principal.spec.canonicalUser.length === 0));
  return (
    only.effect === 'Allow' && star(only.action) && star(only.resource) && principalStar && only.conditions.length === 0
  );
}

const VPC_KEYS: Record<string, VpcCondition['key']> = {
  'aws:sourcevpce': 'aws:SourceVpce',
  'aws:sourcevpc': 'aws:SourceVpc',
};

/** Statements that condition on aws:SourceVpce or aws:SourceVpc, with the values they expect. */
export function vpcConditions(doc: PolicyDocument): VpcCondition[] {
  const found: VpcCondition[] = [];
  for (const statement of doc.statements) {
    for (const clause of statement.conditions) {
      const key = VPC_KEYS[clause.key.toLowerCase()];
      if (key === undefined) continue;
      found.push({
        ...ref(statement),
        operator: clause.operator.raw,
        key,
        keyAsWritten: clause.key,
        values: clause.values,
      });
    }
  }
  return found;
}

/**
 * Whether the decision for `action` can turn on the resource: some statement that covers the
 * action names resources other than "*" (or uses NotResource). When it cannot, the policy is
 * judged without knowing the resource.
 */
export function dependsOnResource(doc: PolicyDocument, action: string): boolean {
  return doc.statements.some((statement) => {
    const hit = statement.action.values.some((pattern) => actionMatches(pattern, action));
    if (statement.action.negated ? hit : !hit) return false;
    return statement.resource.negated || !statement.resource.values.includes('*');
  });
}
