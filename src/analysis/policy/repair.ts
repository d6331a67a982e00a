// Corrected policy documents for the policy findings. Every repair edits a copy of the user's own
// JSON: other statements, their order, Sids and spelling (e.g. `aws:sourceVpce`) stay as they were.
//
// aws:SourceIp through an endpoint — the choice made here: aws:SourceIp is absent from requests
// that arrive through a VPC endpoint, and aws:VpcSourceIp holds the caller's *private* VPC address
// (IAM User Guide, global condition context keys). Moving public CIDRs from one key to the other
// would therefore never match, so the repair keeps the aws:SourceIp rule for internet traffic and
// adds the endpoint as a second way in, named by aws:SourceVpce.

import { parsePolicy, type PolicyDocument } from './document.js';
import { grantFor, policyValue } from './grant.js';
import { actionMatches, resourceMatches } from './patterns.js';
import {
  evaluatePolicy,
  describeCondition,
  type Decision,
  type EvaluateOptions,
  type PolicyRequest,
  type StatementOutcome,
} from './evaluate.js';

type JsonObject = Record<string, unknown>;

export interface StatementPointer {
  index: number;
  sid?: string;
}

export type RepairResult =
  | { kind: 'invalid'; error: string }
  /** Nothing to change for this request; `reason` says why. */
  | { kind: 'unchanged'; reason: string }
  | {
      kind: 'repaired';
      /** The corrected policy document. */
      document: JsonObject;
      /** The same, as 2-space pretty JSON for `file://policy.json`. */
      json: string;
      /** One line per edit, naming the statement. */
      changes: string[];
      /** The decision of the corrected policy for the same request (undefined for repairs not tied to a request). */
      after: Decision | undefined;
      notes: string[];
    }
  | { kind: 'not-repairable'; reason: string; statements: StatementPointer[] };

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface Loaded {
  policy: PolicyDocument;
  raw: JsonObject;
}

function load(input: unknown): Loaded | { error: string } {
  const parsed = parsePolicy(input);
  if (!parsed.ok) return { error: parsed.error };
  const text = typeof input === 'string' ? input : JSON.stringify(input);
  const raw = JSON.parse(text) as unknown;
  if (!isObject(raw)) return { error: 'policy must be a JSON object' };
  return { policy: parsed.policy, raw };
}

function rawStatements(raw: JsonObject): JsonObject[] {
  const statement = raw['Statement'];
  const list = Array.isArray(statement) ? statement : [statement];
  return list.filter(isObject);
}

function appendStatement(raw: JsonObject, statement: JsonObject): void {
  const existing = raw['Statement'];
  raw['Statement'] = Array.isArray(existing) ? [...existing, statement] : [existing, statement];
}

function pointer(s: { index: number; sid?: string | undefined }): StatementPointer {
  return s.sid !== undefined ? { index: s.index, sid: s.sid } : { index: s.index };
}

function name(s: { index: number; sid?: string | undefined }): string {
  return s.sid !== undefined ? `statement ${s.sid}` : `statement #${s.index}`;
}

/** Adds `value` to Condition[operator][key] of a raw statement, turning a single string into a list. */
function addConditionValue(statement: JsonObject, operator: string, key: string, value: string): boolean {
  const condition = statement['Condition'];
  if (!isObject(condition)) return false;
  const block = condition[operator];
  if (!isObject(block)) return false;
  const current = block[key];
  const list = Array.isArray(current) ? [...current] : current === undefined ? [] : [current];
  if (list.includes(value)) return false;
  list.push(value);
  block[key] = list;
  return true;
}

function finish(raw: JsonObject, changes: string[], after: Decision | undefined, notes: string[] = []): RepairResult {
  return { kind: 'repaired', document: raw, json: JSON.stringify(raw, null, 2), changes, after, notes };
}

function afterDecision(raw: JsonObject, request: PolicyRequest, options: EvaluateOptions): Decision | undefined {
  const parsed = parsePolicy(raw);
  return parsed.ok ? evaluatePolicy(parsed.policy, request, options).decision : undefined;
}

// ---------------------------------------------------------------------------------------------
// (a) bucket policy pinned to other endpoints / VPCs

const VPC_KEYS = new Map([
  ['aws:sourcevpce', 'aws:SourceVpce'],
  ['aws:sourcevpc', 'aws:SourceVpc'],
]);
const NEGATED_STRING = /^(StringNotEquals|StringNotEqualsIgnoreCase|StringNotLike)(IfExists)?$/;
const POSITIVE_STRING = /^(StringEquals|StringEqualsIgnoreCase|StringLike)(IfExists)?$/;

function contextString(request: PolicyRequest, canonicalKey: string): string | undefined {
  for (const [key, value] of Object.entries(request.context)) {
    if (key.toLowerCase() === canonicalKey.toLowerCase() && typeof value === 'string') return value;
  }
  return undefined;
}

interface VpcEdit {
  operator: string;
  key: string;
  value: string;
}

/** In a statement's evaluated conditions, the aws:SourceVpce (preferred) or aws:SourceVpc clause to widen. */
function vpcEdit(
  outcome: StatementOutcome,
  request: PolicyRequest,
  wantMatched: boolean,
  operatorPattern: RegExp,
): VpcEdit | undefined {
  const candidates = (outcome.conditions ?? []).filter(
    (c) => VPC_KEYS.has(c.key.toLowerCase()) && operatorPattern.test(c.operator) && c.matched === wantMatched,
  );
  candidates.sort(
    (a, b) => (a.key.toLowerCase() === 'aws:sourcevpce' ? 0 : 1) - (b.key.toLowerCase() === 'aws:sourcevpce' ? 0 : 1),
  );
  for (const c of candidates) {
    const value = contextString(request, VPC_KEYS.get(c.key.toLowerCase()) ?? c.key);
    if (value !== undefined) return { operator: c.operator, key: c.key, value };
  }
  return undefined;
}

const PRINCIPAL_KEYS = new Set(['aws:principalarn', 'aws:principalaccount']);
const NEGATED_PRINCIPAL =
  /^(StringNotEquals|StringNotEqualsIgnoreCase|StringNotLike|ArnNotEquals|ArnNotLike)(IfExists)?$/;

/** In a deciding Deny, the negated list of principals (aws:PrincipalArn / aws:PrincipalAccount) that leaves this caller out. */
function principalEdit(outcome: StatementOutcome, request: PolicyRequest): VpcEdit | undefined {
  for (const c of outcome.conditions ?? []) {
    if (!c.matched || !PRINCIPAL_KEYS.has(c.key.toLowerCase()) || !NEGATED_PRINCIPAL.test(c.operator)) continue;
    const value = contextString(request, c.key);
    if (value !== undefined) return { operator: c.operator, key: c.key, value };
  }
  return undefined;
}

/**
 * Bucket (resource) policy: when a Deny requires aws:SourceVpce/aws:SourceVpc to be one of a list
 * and this request's path is not on it, add the request's endpoint (or VPC) to that list. Also
 * widens an Allow that lists endpoints when that is the only thing keeping it from applying.
 */
export function repairResourcePolicy(input: unknown, request: PolicyRequest): RepairResult {
  const loaded = load(input);
  if ('error' in loaded) return { kind: 'invalid', error: loaded.error };
  const options: EvaluateOptions = { mode: 'resource' };
  const result = evaluatePolicy(loaded.policy, request, options);
  const statements = rawStatements(loaded.raw);
  const changes: string[] = [];

  if (result.decision === 'allow') return { kind: 'unchanged', reason: 'the policy already allows this request' };

  if (result.decision === 'explicit-deny') {
    const blocked: StatementOutcome[] = [];
    for (const deny of result.deciding) {
      // "Deny unless through these endpoints", else "Deny unless one of these principals".
      const edit = vpcEdit(deny, request, true, NEGATED_STRING) ?? principalEdit(deny, request);
      const target = statements[deny.index];
      if (edit === undefined || target === undefined) {
        blocked.push(deny);
        continue;
      }
      if (addConditionValue(target, edit.operator, edit.key, edit.value)) {
        changes.push(`${name(deny)} (Deny): added ${edit.value} to ${edit.operator} ${edit.key}`);
      }
    }
    if (blocked.length > 0) {
      const noPath = blocked.some((b) =>
        (b.conditions ?? []).some((c) => VPC_KEYS.has(c.key.toLowerCase()) && c.actual === undefined),
      );
      const why = noPath
        ? 'the request does not arrive through a VPC endpoint (no aws:SourceVpce/aws:SourceVpc), so no endpoint can be added; send the traffic through the endpoint the policy names'
        : 'the Deny does not hinge on aws:SourceVpce/aws:SourceVpc or on a list of principals; edit that statement';
      return {
        kind: 'not-repairable',
        reason: `${blocked.map((b) => b.reason).join('; ')} — ${why}`,
        statements: blocked.map(pointer),
      };
    }
    return finish(loaded.raw, changes, afterDecision(loaded.raw, request, options));
  }

  // implicit deny: an Allow that applies only from listed endpoints/VPCs
  for (const allow of result.deciding) {
    if (allow.conditions === undefined) continue;
    const failing = allow.conditions.filter((c) => !c.matched);
    const onlyVpc = failing.every((c) => VPC_KEYS.has(c.key.toLowerCase()) && POSITIVE_STRING.test(c.operator));
    const edit = onlyVpc ? vpcEdit(allow, request, false, POSITIVE_STRING) : undefined;
    const target = statements[allow.index];
    if (edit === undefined || target === undefined || failing.length !== 1) continue;
    if (addConditionValue(target, edit.operator, edit.key, edit.value)) {
      changes.push(`${name(allow)} (Allow): added ${edit.value} to ${edit.operator} ${edit.key}`);
      return finish(loaded.raw, changes, afterDecision(loaded.raw, request, options));
    }
  }
  return {
    kind: 'unchanged',
    reason:
      "the policy neither denies this request nor lists endpoints in an Allow; without a matching Allow, access depends on the caller's IAM policies",
  };
}

// ---------------------------------------------------------------------------------------------
// (b) endpoint policy that leaves the request out

function sidFor(action: string, taken: Set<string>): string {
  const words = action.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const stem = `VpceDoctorAllow${words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('')}`;
  let sid = stem;
  for (let n = 2; taken.has(sid); n++) sid = `${stem}${n}`;
  return sid;
}

/** Appends the narrowest Allow that still works for the workload; returns the change, in words. */
function appendGrant(raw: JsonObject, request: PolicyRequest, taken: Set<string>): string {
  const sid = sidFor(request.action, taken);
  const grant = grantFor(request);
  const statement = {
    Sid: sid,
    Effect: 'Allow',
    Principal: '*',
    Action: policyValue(grant.actions),
    Resource: policyValue(grant.resources),
  };
  if (rawStatements(raw).length === 0) raw['Statement'] = [statement];
  else appendStatement(raw, statement);
  return `appended statement ${sid} (Allow) for ${grant.words}`;
}

/**
 * Endpoint policy: an implicit deny is fixed by appending the narrowest Allow that still works
 * for the workload (Principal "*", the action's family, the key prefix: ./grant.ts). An explicit
 * Deny cannot be outvoted by an Allow ("an explicit deny in any policy overrides any allows", IAM
 * User Guide, Policy evaluation logic): a Deny without a condition is narrowed or removed
 * (liftUnconditionalDenies); one with conditions is reported, naming the statement to edit.
 */
export function repairEndpointPolicy(
  input: unknown,
  request: PolicyRequest,
  endpointType?: EvaluateOptions['endpointType'],
): RepairResult {
  const loaded = load(input);
  if ('error' in loaded) return { kind: 'invalid', error: loaded.error };
  const options: EvaluateOptions = endpointType ? { mode: 'endpoint', endpointType } : { mode: 'endpoint' };
  const result = evaluatePolicy(loaded.policy, request, options);
  switch (result.decision) {
    case 'allow':
      return { kind: 'unchanged', reason: 'the endpoint policy already allows this request' };
    case 'explicit-deny': {
      const excepted = exceptFromDenies(loaded.raw, result.deciding, request);
      if (excepted !== undefined) {
        const rest = repairEndpointPolicy(loaded.raw, request, endpointType);
        if (rest.kind === 'repaired') return { ...rest, changes: [...excepted, ...rest.changes] };
        if (rest.kind === 'unchanged') return finish(loaded.raw, excepted, afterDecision(loaded.raw, request, options));
        return rest;
      }
      const lifted = liftUnconditionalDenies(loaded.raw, result.deciding, request);
      if (lifted !== undefined) {
        // The Deny was the whole policy: what remains is the narrow Allow (an empty Statement is no policy).
        if (rawStatements(loaded.raw).length === 0) {
          const change = appendGrant(loaded.raw, request, new Set());
          return finish(loaded.raw, [...lifted, change], afterDecision(loaded.raw, request, options));
        }
        const rest = repairEndpointPolicy(loaded.raw, request, endpointType);
        if (rest.kind === 'repaired') return { ...rest, changes: [...lifted, ...rest.changes] };
        if (rest.kind === 'unchanged') return finish(loaded.raw, lifted, afterDecision(loaded.raw, request, options));
        return rest;
      }
      const detail = result.deciding
        .map((d) => {
          const conditions = (d.conditions ?? []).map(describeCondition);
          return conditions.length > 0 ? `${name(d)} (Deny): ${conditions.join('; ')}` : d.reason;
        })
        .join('; ');
      return {
        kind: 'not-repairable',
        reason: `appending an Allow cannot override an explicit Deny; edit ${result.deciding.map(name).join(', ')} — ${detail}`,
        statements: result.deciding.map(pointer),
      };
    }
    case 'implicit-deny': {
      const widened = widenAllow(loaded.raw, result.deciding, request);
      if (widened !== undefined) return finish(loaded.raw, [widened], afterDecision(loaded.raw, request, options));
      const taken = new Set(loaded.policy.statements.map((s) => s.sid).filter((s): s is string => s !== undefined));
      const change = appendGrant(loaded.raw, request, taken);
      return finish(loaded.raw, [change], afterDecision(loaded.raw, request, options));
    }
    default: {
      const unreachable: never = result.decision;
      return unreachable;
    }
  }
}

/** An element's entries that match the request, when removing them leaves the element non-empty. */
function removable(statement: JsonObject, key: 'Resource' | 'Action', request: PolicyRequest): string[] | undefined {
  const value = statement[key];
  if (!Array.isArray(value) || value.length < 2 || !value.every((v) => typeof v === 'string')) return undefined;
  const matching = (value as string[]).filter((v) =>
    key === 'Resource' ? resourceMatches(v, request.resource) : actionMatches(v, request.action),
  );
  return matching.length > 0 && matching.length < value.length ? matching : undefined;
}

const listed = (v: unknown): string => (Array.isArray(v) ? v.map(String).join(', ') : String(v));

/**
 * A Deny without a condition refuses the request outright; nothing can be added to make an
 * exception, so the statement itself changes (edits a copy of the user's document): where it
 * lists several resources (or actions) and only some cover the request, those entries go and the
 * rest of the Deny stays; otherwise the statement goes. Undefined when a deciding Deny has
 * conditions (its intent is in them: the finding says which to edit).
 */
function liftUnconditionalDenies(
  raw: JsonObject,
  deciding: StatementOutcome[],
  request: PolicyRequest,
): string[] | undefined {
  if (deciding.length === 0 || deciding.some((d) => (d.conditions ?? []).length > 0)) return undefined;
  const statements = rawStatements(raw);
  const changes: string[] = [];
  const drop = new Set<JsonObject>();
  for (const deny of deciding) {
    const target = statements[deny.index];
    if (target === undefined) return undefined;
    const notAction = target['NotAction'];
    const narrowed = (['Resource', 'Action'] as const).find((key) => removable(target, key, request) !== undefined);
    if (typeof notAction === 'string' || (Array.isArray(notAction) && notAction.every((a) => typeof a === 'string'))) {
      // "Deny everything but …": the request's calls join the exceptions.
      const current = typeof notAction === 'string' ? [notAction] : (notAction as string[]);
      const added = grantFor(request).actions.filter((a) => !current.some((c) => actionMatches(c, a)));
      target['NotAction'] = [...current, ...added];
      changes.push(
        `${name(deny)} (Deny everything but ${current.join(', ')}, no condition): added ${added.join(', ')} to its NotAction, so it no longer denies ${request.action}; the rest of it stays`,
      );
    } else if (narrowed !== undefined) {
      const matching = removable(target, narrowed, request) ?? [];
      target[narrowed] = (target[narrowed] as string[]).filter((v) => !matching.includes(v));
      changes.push(
        `${name(deny)} (Deny, no condition): removed ${matching.join(', ')} from its ${narrowed}, so it no longer denies ${request.action} on ${request.resource}; the rest of it stays`,
      );
    } else {
      drop.add(target);
      const what =
        target['NotAction'] !== undefined ? `everything but ${listed(target['NotAction'])}` : listed(target['Action']);
      const where =
        target['NotResource'] !== undefined
          ? `everything but ${listed(target['NotResource'])}`
          : listed(target['Resource']);
      changes.push(
        `removed ${name(deny)} (Deny ${what} on ${where}, no condition), which denied ${request.action} on ${request.resource}: a Deny nothing can make an exception to`,
      );
    }
  }
  if (drop.size > 0) {
    const kept = statements.filter((st) => !drop.has(st));
    raw['Statement'] = kept;
  }
  return changes;
}

// ---------------------------------------------------------------------------------------------
// (c) aws:SourceIp conditions on a path through an endpoint

/** Keys an Allow may list the caller or its path by; a request carries one value of each. */
const LISTING_KEYS = new Set(['aws:principalarn', 'aws:principalaccount', 'aws:sourcevpce', 'aws:sourcevpc']);
const POSITIVE_LIST = /^(StringEquals|StringEqualsIgnoreCase|StringLike|ArnEquals|ArnLike)(IfExists)?$/;

/**
 * An Allow meant for this request (Action, Resource and Principal match) that fails on one list
 * of principals or endpoints only: add this request's value to that list, so the policy keeps
 * its shape and names one more caller instead of a new Principal "*" statement.
 */
function widenAllow(raw: JsonObject, deciding: StatementOutcome[], request: PolicyRequest): string | undefined {
  const statements = rawStatements(raw);
  for (const allow of deciding) {
    const failing = (allow.conditions ?? []).filter((c) => !c.matched);
    const only = failing[0];
    if (failing.length !== 1 || only === undefined) continue;
    if (!LISTING_KEYS.has(only.key.toLowerCase()) || !POSITIVE_LIST.test(only.operator)) continue;
    const value = contextString(request, only.key);
    const target = statements[allow.index];
    if (value === undefined || target === undefined) continue;
    if (addConditionValue(target, only.operator, only.key, value))
      return `${name(allow)} (Allow): added ${value} to ${only.operator} ${only.key}`;
  }
  return undefined;
}

const NEGATED_LIST = /^(StringNotEquals|StringNotEqualsIgnoreCase|StringNotLike|ArnNotEquals|ArnNotLike)(IfExists)?$/;

/**
 * "Deny unless the caller (or its path) is one of these": every deciding Deny applies because a
 * negated list of principals or endpoints leaves this request's value out. Adding the value makes
 * that condition fail, so the Deny no longer applies to this request and keeps its shape for
 * everyone else. Undefined when a deciding Deny has no such list (its intent is elsewhere).
 */
function exceptFromDenies(raw: JsonObject, deciding: StatementOutcome[], request: PolicyRequest): string[] | undefined {
  const statements = rawStatements(raw);
  const edits: { target: JsonObject; deny: StatementOutcome; operator: string; key: string; value: string }[] = [];
  for (const deny of deciding) {
    const target = statements[deny.index];
    const clause = (deny.conditions ?? []).find(
      (c) =>
        c.matched &&
        LISTING_KEYS.has(c.key.toLowerCase()) &&
        NEGATED_LIST.test(c.operator) &&
        contextString(request, c.key) !== undefined,
    );
    const value = clause !== undefined ? contextString(request, clause.key) : undefined;
    if (target === undefined || clause === undefined || value === undefined) return undefined;
    edits.push({ target, deny, operator: clause.operator, key: clause.key, value });
  }
  if (edits.length === 0) return undefined;
  const changes: string[] = [];
  for (const e of edits)
    if (addConditionValue(e.target, e.operator, e.key, e.value))
      changes.push(
        `${name(e.deny)} (Deny): added ${e.value} to ${e.operator} ${e.key}, so it no longer denies this request`,
      );
  return changes.length > 0 ? changes : undefined;
}

/**
 * For a policy that relies on aws:SourceIp: an Allow gated by IpAddress gets a sibling Allow that
 * names the endpoint with aws:SourceVpce instead; a Deny gated by NotIpAddress gets an extra
 * StringNotEquals aws:SourceVpce so traffic through the endpoint is no longer denied. The
 * aws:SourceIp rules themselves stay, for traffic that still comes over the internet.
 */
export function repairSourceIp(input: unknown, vpceId: string): RepairResult {
  const loaded = load(input);
  if ('error' in loaded) return { kind: 'invalid', error: loaded.error };
  const statements = rawStatements(loaded.raw);
  const changes: string[] = [];
  const notes: string[] = [];
  const toAppend: JsonObject[] = [];
  const taken = new Set(loaded.policy.statements.map((s) => s.sid).filter((s): s is string => s !== undefined));

  for (const statement of loaded.policy.statements) {
    const ipClauses = statement.conditions.filter((c) => c.key.toLowerCase() === 'aws:sourceip');
    if (ipClauses.length === 0) continue;
    const target = statements[statement.index];
    if (target === undefined) continue;
    for (const clause of ipClauses) {
      const op = clause.operator;
      const positive = op.base === 'IpAddress' && op.qualifier === undefined && !op.ifExists;
      const negative = op.base === 'NotIpAddress' && op.qualifier === undefined;
      if (statement.effect === 'Allow' && positive) {
        const copy = JSON.parse(JSON.stringify(target)) as JsonObject;
        const condition = copy['Condition'];
        if (!isObject(condition)) continue;
        const block = condition[op.raw];
        if (isObject(block)) {
          delete block[clause.key];
          if (Object.keys(block).length === 0) delete condition[op.raw];
        }
        const equals = isObject(condition['StringEquals']) ? condition['StringEquals'] : {};
        if (Object.keys(equals).some((k) => k.toLowerCase() === 'aws:sourcevpce')) {
          notes.push(`${name(statement)} already conditions on aws:SourceVpce under StringEquals; left as is`);
          continue;
        }
        equals['aws:SourceVpce'] = vpceId;
        condition['StringEquals'] = equals;
        let sid = `${statement.sid ?? 'VpceDoctorAllow'}ViaVpce`.replace(/[^A-Za-z0-9]/g, '');
        for (let n = 2; taken.has(sid); n++) sid = `${sid.replace(/\d+$/, '')}${n}`;
        taken.add(sid);
        copy['Sid'] = sid;
        toAppend.push(copy);
        changes.push(
          `${name(statement)} (Allow) admits ${clause.values.join(', ')} by aws:SourceIp; added ${sid}, the same Allow for traffic through ${vpceId}`,
        );
      } else if (statement.effect === 'Deny' && negative) {
        const condition = isObject(target['Condition']) ? target['Condition'] : {};
        const notEquals = isObject(condition['StringNotEquals']) ? condition['StringNotEquals'] : {};
        const existingKey = Object.keys(notEquals).find((k) => k.toLowerCase() === 'aws:sourcevpce');
        condition['StringNotEquals'] = notEquals;
        target['Condition'] = condition;
        if (existingKey !== undefined) {
          if (!addConditionValue(target, 'StringNotEquals', existingKey, vpceId)) continue;
        } else {
          notEquals['aws:SourceVpce'] = vpceId;
        }
        changes.push(
          `${name(statement)} (Deny) denies outside ${clause.values.join(', ')} by aws:SourceIp; it now also exempts ${vpceId} (StringNotEquals aws:SourceVpce)`,
        );
      } else if (statement.effect === 'Deny' && op.base === 'IpAddress') {
        notes.push(
          `${name(statement)} (Deny) blocks ${clause.values.join(', ')} by aws:SourceIp; through an endpoint that key is absent, so this Deny does not apply there`,
        );
      }
    }
  }
  if (changes.length === 0) {
    return {
      kind: 'unchanged',
      reason: notes.length > 0 ? notes.join('; ') : 'no statement needs aws:SourceIp to match for access',
    };
  }
  for (const s of toAppend) appendStatement(loaded.raw, s);
  return finish(loaded.raw, changes, undefined, notes);
}
