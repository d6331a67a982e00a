// Evaluates one endpoint policy or resource (bucket) policy for one request, and explains why.
// Decision rule (IAM User Guide, "Policy evaluation logic"): an explicit Deny in any matching
// statement wins; otherwise a matching Allow allows; otherwise the request is implicitly denied.

import type {
  BaseOperator,
  ConditionClause,
  Effect,
  PolicyDocument,
  PolicyStatement,
  PrincipalSpec,
} from './document.js';
import {
  actionMatches,
  arnMatches,
  cidrContains,
  globMatch,
  isArn,
  isCidr,
  parseIp,
  resourceMatches,
} from './patterns.js';

export type ContextValue = string | string[] | boolean | undefined;

export interface PolicyRequest {
  principal: { arn: string; accountId: string };
  /** `service:Action`, e.g. `s3:GetObject`. */
  action: string;
  /** The resource ARN, e.g. `arn:aws:s3:::bucket/key`. */
  resource: string;
  /** Request context keys; names compare case-insensitively. */
  context: Record<string, ContextValue>;
}

export type EvaluationMode = 'resource' | 'endpoint';

export interface EvaluateOptions {
  mode: EvaluationMode;
  /** Endpoint mode only: gateway endpoints give an account-id Principal to the root user only. */
  endpointType?: 'gateway' | 'interface';
}

export type Decision = 'allow' | 'explicit-deny' | 'implicit-deny';

export interface ConditionOutcome {
  /** The operator as written, e.g. `ForAnyValue:StringLike`. */
  operator: string;
  /** The key as written in the policy. */
  key: string;
  expected: string[];
  actual: ContextValue;
  matched: boolean;
  /** The operator is not evaluated here (Numeric*, Date*, Binary*): `matched` false is a guess, not a judgement. */
  unsupported?: true;
}

export interface StatementOutcome {
  index: number;
  sid?: string;
  effect: Effect;
  /** Whether every element of the statement matched the request. */
  applies: boolean;
  reason: string;
  /** Present when Action, Resource and Principal matched and the statement has conditions. */
  conditions?: ConditionOutcome[];
}

export interface EvaluationResult {
  decision: Decision;
  /**
   * allow: the matching Allow statements; explicit-deny: the matching Deny statements;
   * implicit-deny: every Allow statement with the reason it did not apply (empty if there are none).
   */
  deciding: StatementOutcome[];
  /** Every statement, in policy order. */
  statements: StatementOutcome[];
  /** Things this evaluator could not model and that may change the decision (e.g. a Date operator). */
  caveats: string[];
}

type ContextLookup = (key: string) => ContextValue;

function contextLookup(context: Record<string, ContextValue>): ContextLookup {
  const byLowerKey = new Map<string, ContextValue>();
  for (const [key, value] of Object.entries(context)) {
    const lower = key.toLowerCase();
    if (!byLowerKey.has(lower) || byLowerKey.get(lower) === undefined) byLowerKey.set(lower, value);
  }
  // "Condition key names are not case-sensitive" (IAM User Guide, IAM JSON policy elements: Condition).
  return (key) => byLowerKey.get(key.toLowerCase());
}

// ---------------------------------------------------------------------------------------------
// Principal

const ACCOUNT_ID = /^\d{12}$/;
const ROOT_ARN = /^arn:([\w-]+):iam::(\d{12}):root$/;
const ROLE_ARN = /^arn:([\w-]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/;
const SESSION_ARN = /^arn:([\w-]+):sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/;

interface PrincipalMatch {
  matched: boolean;
  how: string;
}

function matchAwsPrincipal(
  entry: string,
  request: PolicyRequest,
  options: EvaluateOptions,
): PrincipalMatch | undefined {
  const caller = request.principal;
  // "*" in Principal means every principal, authenticated or anonymous (IAM User Guide, Principal: all principals).
  if (entry === '*') return { matched: true, how: 'Principal "*"' };
  const root = ROOT_ARN.exec(entry);
  const account = ACCOUNT_ID.test(entry) ? entry : root?.[2];
  if (account !== undefined) {
    if (options.mode === 'endpoint' && options.endpointType === 'gateway') {
      // "access is granted to the AWS account root user only, and not all users and roles" (PrivateLink guide, Principals for gateway endpoints).
      const isRoot = ROOT_ARN.exec(caller.arn)?.[2] === account;
      return isRoot ? { matched: true, how: `the account ${account} root user` } : undefined;
    }
    // An account principal stands for every identity in the account (IAM User Guide, Principal: AWS account principals).
    return caller.accountId === account ? { matched: true, how: `account ${account}` } : undefined;
  }
  if (entry === caller.arn) return { matched: true, how: entry };
  const role = ROLE_ARN.exec(entry);
  const session = SESSION_ARN.exec(caller.arn);
  // A role ARN covers that role's sessions (IAM User Guide, Principal: IAM role principals / role sessions).
  if (role && session && role[1] === session[1] && role[2] === session[2] && role[3] === session[3]) {
    return { matched: true, how: `role ${entry} (session ${caller.arn})` };
  }
  return undefined;
}

function matchPrincipalSpec(spec: PrincipalSpec, request: PolicyRequest, options: EvaluateOptions): PrincipalMatch {
  if (spec.kind === 'any') return { matched: true, how: 'Principal "*"' };
  for (const entry of spec.aws) {
    const hit = matchAwsPrincipal(entry, request, options);
    if (hit) return hit;
  }
  // Service and federated principals are named literally; a request from a service carries its name.
  for (const entry of [...spec.service, ...spec.federated]) {
    if (entry === request.principal.arn) return { matched: true, how: entry };
  }
  return { matched: false, how: '' };
}

function principalList(spec: PrincipalSpec): string {
  if (spec.kind === 'any') return '"*"';
  return `[${[...spec.aws, ...spec.service, ...spec.federated, ...spec.canonicalUser].join(', ')}]`;
}

// ---------------------------------------------------------------------------------------------
// Conditions

const NEGATED: ReadonlySet<BaseOperator> = new Set([
  'StringNotEquals',
  'StringNotEqualsIgnoreCase',
  'StringNotLike',
  'ArnNotEquals',
  'ArnNotLike',
  'NotIpAddress',
]);

/** The positive comparison under each operator, or undefined when the request value is not of the operator's type. */
function positiveMatch(base: BaseOperator, expected: string, actual: string): boolean | undefined {
  switch (base) {
    // StringEquals / StringNotEquals: exact, case-sensitive matching (IAM User Guide, Condition operators: String).
    case 'StringEquals':
    case 'StringNotEquals':
      return expected === actual;
    // StringEqualsIgnoreCase / StringNotEqualsIgnoreCase: exact matching, ignoring case (Condition operators: String).
    case 'StringEqualsIgnoreCase':
    case 'StringNotEqualsIgnoreCase':
      return expected.toLowerCase() === actual.toLowerCase();
    // StringLike / StringNotLike: case-sensitive matching with `*` and `?` anywhere (Condition operators: String).
    case 'StringLike':
    case 'StringNotLike':
      return globMatch(expected, actual, false);
    // ArnEquals/ArnLike and their negations: six components matched separately, wildcards allowed (Condition operators: ARN).
    case 'ArnEquals':
    case 'ArnLike':
    case 'ArnNotEquals':
    case 'ArnNotLike':
      if (!isArn(actual) || !isArn(expected)) return undefined;
      return arnMatches(expected, actual);
    // IpAddress / NotIpAddress: the address is (not) within the IPv4/IPv6 CIDR block (Condition operators: IP address).
    case 'IpAddress':
    case 'NotIpAddress':
      if (parseIp(actual) === undefined || !isCidr(expected)) return undefined;
      return cidrContains(expected, actual);
    // Bool: Boolean matching on "true"/"false" (Condition operators: Boolean).
    case 'Bool': {
      const value = actual.toLowerCase();
      if (value !== 'true' && value !== 'false') return undefined;
      return expected.toLowerCase() === value;
    }
    case 'Null':
      return undefined; // handled before value comparison
    default: {
      const unreachable: never = base;
      return unreachable;
    }
  }
}

/** One request value against a clause: "multiple values for one key are evaluated with a logical OR" (IAM User Guide, Condition element). */
function valueSatisfies(base: BaseOperator, expected: string[], actual: string): boolean {
  const results = expected.map((e) => positiveMatch(base, e, actual));
  if (results.some((r) => r === undefined)) return false; // a value of the wrong type (either side) never satisfies, negated or not
  const anyMatch = results.some((r) => r === true);
  // A negated operator is true when the value matches none of the listed values.
  return NEGATED.has(base) ? !anyMatch : anyMatch;
}

function asValueList(actual: string | string[] | boolean): string[] {
  if (typeof actual === 'boolean') return [String(actual)];
  return Array.isArray(actual) ? actual : [actual];
}

function evaluateClause(clause: ConditionClause, lookup: ContextLookup): boolean | 'unsupported' {
  const { base, qualifier, ifExists } = clause.operator;
  if (base === undefined) return 'unsupported';
  const actual = lookup(clause.key);
  const present = actual !== undefined;

  if (base === 'Null') {
    // Null: "true" matches when the key is absent, "false" when it is present (Condition operators: Null).
    return clause.values.some((v) =>
      v.toLowerCase() === 'true' ? !present : v.toLowerCase() === 'false' ? present : false,
    );
  }
  if (!present) {
    // ForAllValues is true when the key is missing; ForAnyValue is false (IAM User Guide, Set operators for multivalued context keys).
    // The set qualifier decides before IfExists: ForAnyValue:StringEqualsIfExists on a missing key is false (observed, AWS re:Post "ForAnyValue:StringEqualsIfExists behaving unexpectedly").
    if (qualifier === 'ForAllValues') return true;
    if (qualifier === 'ForAnyValue') return false;
    // …IfExists: "If the policy key is not present in the request context, the condition evaluates to true" (Condition operators: IfExists).
    if (ifExists) return true;
    // A missing key fails a condition, except a negated one such as StringNotEquals, which is true (Condition operators: key not present).
    return NEGATED.has(base);
  }
  const values = asValueList(actual);
  switch (qualifier) {
    // ForAnyValue: at least one request value satisfies the operator (Set operators for multivalued context keys).
    case 'ForAnyValue':
      return values.some((v) => valueSatisfies(base, clause.values, v));
    // ForAllValues: every request value satisfies the operator; an empty set is true (Set operators for multivalued context keys).
    case 'ForAllValues':
      return values.every((v) => valueSatisfies(base, clause.values, v));
    case undefined:
      // A single-valued operator applied to a multivalued (array) value does not match; use ForAnyValue/ForAllValues.
      if (Array.isArray(actual)) return false;
      return valueSatisfies(base, clause.values, values[0] ?? '');
    default: {
      const unreachable: never = qualifier;
      return unreachable;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Statements

function listText(values: string[]): string {
  return `[${values.join(', ')}]`;
}

export function describeActual(actual: ContextValue): string {
  if (actual === undefined) return 'nothing (the key is absent)';
  if (Array.isArray(actual)) return listText(actual);
  return String(actual);
}

/** "StringNotEquals aws:SourceVpce expected [vpce-1a2b] but this path sends vpce-9f8e" */
export function describeCondition(outcome: ConditionOutcome): string {
  const verdict = outcome.matched ? 'and this path sends' : 'but this path sends';
  return `${outcome.operator} ${outcome.key} expected ${listText(outcome.expected)} ${verdict} ${describeActual(outcome.actual)}`;
}

/** describeCondition for a decision that rests on unseen keys: an unseen key is not an absent one. */
export function describeConditionSeeing(outcome: ConditionOutcome, unseen: readonly string[]): string {
  if (outcome.actual === undefined && unseen.includes(outcome.key))
    return `${outcome.operator} ${outcome.key} expected ${listText(outcome.expected)}, and vpce-doctor cannot see the value this path sends`;
  return describeCondition(outcome);
}

function statementLabel(statement: PolicyStatement): string {
  return `statement ${statement.sid ?? `#${statement.index}`} (${statement.effect})`;
}

function evaluateStatement(
  statement: PolicyStatement,
  request: PolicyRequest,
  lookup: ContextLookup,
  options: EvaluateOptions,
  caveats: string[],
): StatementOutcome {
  const base = {
    index: statement.index,
    ...(statement.sid !== undefined ? { sid: statement.sid } : {}),
    effect: statement.effect,
  };
  const label = statementLabel(statement);
  const done = (applies: boolean, reason: string, conditions?: ConditionOutcome[]): StatementOutcome => ({
    ...base,
    applies,
    reason: `${label}: ${reason}`,
    ...(conditions ? { conditions } : {}),
  });

  // Action / NotAction (IAM User Guide, IAM JSON policy elements: Action, NotAction).
  const actionHit = statement.action.values.some((pattern) => actionMatches(pattern, request.action));
  if (statement.action.negated ? actionHit : !actionHit) {
    const element = statement.action.negated ? 'NotAction' : 'Action';
    const verb = statement.action.negated ? 'excludes' : 'does not cover';
    return done(false, `${element} ${listText(statement.action.values)} ${verb} ${request.action}`);
  }
  // Resource / NotResource (IAM JSON policy elements: Resource, NotResource).
  const resourceHit = statement.resource.values.some((pattern) => resourceMatches(pattern, request.resource));
  if (statement.resource.negated ? resourceHit : !resourceHit) {
    const element = statement.resource.negated ? 'NotResource' : 'Resource';
    const verb = statement.resource.negated ? 'excludes' : 'does not cover';
    return done(false, `${element} ${listText(statement.resource.values)} ${verb} ${request.resource}`);
  }
  // Principal / NotPrincipal: resource-based policies, endpoint policies included, must name one (PrivateLink guide, endpoint policy considerations).
  if (statement.principal === undefined) {
    return done(false, 'has no Principal element, so it applies to no one in a resource-based policy');
  }
  const principalHit = matchPrincipalSpec(statement.principal.spec, request, options);
  // NotPrincipal applies to every principal except the ones listed (IAM JSON policy elements: NotPrincipal).
  if (statement.principal.negated ? principalHit.matched : !principalHit.matched) {
    const list = principalList(statement.principal.spec);
    return statement.principal.negated
      ? done(false, `NotPrincipal ${list} excludes ${request.principal.arn}`)
      : done(false, `Principal ${list} does not include ${request.principal.arn}`);
  }

  if (statement.conditions.length === 0)
    return done(true, 'Action, Resource and Principal match and there is no Condition');

  // "If you specify multiple condition operators, or multiple keys … evaluated using a logical AND" (IAM JSON policy elements: Condition).
  const outcomes: ConditionOutcome[] = [];
  let allMatched = true;
  for (const clause of statement.conditions) {
    const result = evaluateClause(clause, lookup);
    if (result === 'unsupported') {
      caveats.push(
        `${label}: operator ${clause.operator.raw} on ${clause.key} is not evaluated; treated as not matching`,
      );
    }
    const matched = result === true;
    allMatched &&= matched;
    outcomes.push({
      operator: clause.operator.raw,
      key: clause.key,
      expected: clause.values,
      actual: lookup(clause.key),
      matched,
      ...(result === 'unsupported' ? { unsupported: true as const } : {}),
    });
  }
  if (allMatched) {
    return done(true, `every condition matches: ${outcomes.map(describeCondition).join('; ')}`, outcomes);
  }
  const failed = outcomes.filter((o) => !o.matched);
  return done(false, `condition not met: ${failed.map(describeCondition).join('; ')}`, outcomes);
}

/** Evaluates `policy` for `request`: the answer of this one policy, as if it were the only one. */
export function evaluatePolicy(
  policy: PolicyDocument,
  request: PolicyRequest,
  options: EvaluateOptions,
): EvaluationResult {
  const lookup = contextLookup(request.context);
  const caveats: string[] = [];
  const statements = policy.statements.map((s) => evaluateStatement(s, request, lookup, options, caveats));
  const denies = statements.filter((s) => s.applies && s.effect === 'Deny');
  if (denies.length > 0) return { decision: 'explicit-deny', deciding: denies, statements, caveats };
  const allows = statements.filter((s) => s.applies && s.effect === 'Allow');
  if (allows.length > 0) return { decision: 'allow', deciding: allows, statements, caveats };
  return { decision: 'implicit-deny', deciding: statements.filter((s) => s.effect === 'Allow'), statements, caveats };
}
