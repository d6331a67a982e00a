// Parses an IAM policy document (endpoint policy or bucket policy) into a normalized form.
// Grammar facts: IAM User Guide, "IAM JSON policy element reference" and "Grammar of the IAM JSON
// policy language". Malformed input comes back as a value, never as a throw.

export type Effect = 'Allow' | 'Deny';

/** The base operators this evaluator understands (IAM User Guide, "Condition operators"). */
export const BASE_OPERATORS = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'ArnEquals',
  'ArnLike',
  'ArnNotEquals',
  'ArnNotLike',
  'IpAddress',
  'NotIpAddress',
  'Bool',
  'Null',
] as const;
export type BaseOperator = (typeof BASE_OPERATORS)[number];

export type SetQualifier = 'ForAnyValue' | 'ForAllValues';

/** One operator block of a Condition element, e.g. `ForAnyValue:StringLikeIfExists`. */
export interface ParsedOperator {
  /** The operator exactly as written in the policy. */
  raw: string;
  /** Undefined when the operator is valid IAM but not modelled here (Numeric*, Date*, Binary*). */
  base: BaseOperator | undefined;
  qualifier: SetQualifier | undefined;
  ifExists: boolean;
}

export interface ConditionClause {
  operator: ParsedOperator;
  /** The key as written (e.g. `aws:sourceVpce`); compare case-insensitively. */
  key: string;
  /** Policy values, stringified (JSON booleans and numbers become their text). */
  values: string[];
}

export type PrincipalSpec =
  | { kind: 'any' }
  | { kind: 'specific'; aws: string[]; service: string[]; federated: string[]; canonicalUser: string[] };

export interface PolicyStatement {
  index: number;
  sid: string | undefined;
  effect: Effect;
  action: { negated: boolean; values: string[] };
  resource: { negated: boolean; values: string[] };
  /** Undefined when the statement has neither Principal nor NotPrincipal. */
  principal: { negated: boolean; spec: PrincipalSpec } | undefined;
  conditions: ConditionClause[];
}

export interface PolicyDocument {
  version: string | undefined;
  id: string | undefined;
  statements: PolicyStatement[];
}

export type ParseResult = { ok: true; policy: PolicyDocument } | { ok: false; error: string };

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class PolicyParseError extends Error {}

function fail(message: string): never {
  throw new PolicyParseError(message);
}

function stringList(value: unknown, where: string): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) {
    if (value.length === 0) fail(`${where} is an empty array`);
    return value.map((item, i) => {
      if (typeof item !== 'string') fail(`${where}[${i}] must be a string`);
      return item;
    });
  }
  fail(`${where} must be a string or an array of strings`);
}

function conditionValues(value: unknown, where: string): string[] {
  const one = (item: unknown, at: string): string => {
    if (typeof item === 'string') return item;
    if (typeof item === 'boolean' || typeof item === 'number') return String(item);
    fail(`${at} must be a string, number or boolean`);
  };
  if (Array.isArray(value)) return value.map((item, i) => one(item, `${where}[${i}]`));
  return [one(value, where)];
}

const OPERATOR_PATTERN = /^(?:(ForAnyValue|ForAllValues):)?([A-Za-z]+?)(IfExists)?$/;
// Valid IAM operators that this module parses but does not evaluate.
const KNOWN_UNMODELLED = /^(Numeric|Date|Binary)/;

export function parseOperator(raw: string): ParsedOperator {
  const match = OPERATOR_PATTERN.exec(raw);
  if (!match) fail(`Condition operator "${raw}" is not a valid operator name`);
  const qualifier = match[1] as SetQualifier | undefined;
  const name = match[2] ?? '';
  const ifExists = match[3] !== undefined;
  const base = (BASE_OPERATORS as readonly string[]).includes(name) ? (name as BaseOperator) : undefined;
  if (base === undefined && !KNOWN_UNMODELLED.test(name)) fail(`Condition operator "${raw}" is not an IAM operator`);
  // "…IfExists can be added to any condition operator except the Null condition" (IAM User Guide, Condition operators).
  if (base === 'Null' && (ifExists || qualifier !== undefined))
    fail(`Condition operator "${raw}" is not valid: Null takes no IfExists or set qualifier`);
  return { raw, base, qualifier, ifExists };
}

function parsePrincipal(value: unknown, where: string): PrincipalSpec {
  if (value === '*') return { kind: 'any' };
  if (!isObject(value)) fail(`${where} must be "*" or an object such as {"AWS": "…"}`);
  const spec = {
    aws: [] as string[],
    service: [] as string[],
    federated: [] as string[],
    canonicalUser: [] as string[],
  };
  const keys = Object.keys(value);
  if (keys.length === 0) fail(`${where} is an empty object`);
  for (const key of keys) {
    const list = stringList(value[key], `${where}.${key}`);
    switch (key) {
      case 'AWS':
        spec.aws.push(...list);
        break;
      case 'Service':
        spec.service.push(...list);
        break;
      case 'Federated':
        spec.federated.push(...list);
        break;
      case 'CanonicalUser':
        spec.canonicalUser.push(...list);
        break;
      default:
        fail(`${where} has unknown principal type "${key}" (expected AWS, Service, Federated or CanonicalUser)`);
    }
  }
  return { kind: 'specific', ...spec };
}

function exactlyOne(
  stmt: JsonObject,
  a: string,
  b: string,
  where: string,
  required: boolean,
): { negated: boolean; value: unknown } | undefined {
  const hasA = a in stmt;
  const hasB = b in stmt;
  if (hasA && hasB) fail(`${where} has both ${a} and ${b}`);
  if (!hasA && !hasB) {
    if (required) fail(`${where} needs ${a} or ${b}`);
    return undefined;
  }
  return hasA ? { negated: false, value: stmt[a] } : { negated: true, value: stmt[b] };
}

const STATEMENT_FIELDS = new Set([
  'Sid',
  'Effect',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Principal',
  'NotPrincipal',
  'Condition',
]);

function parseStatement(raw: unknown, index: number): PolicyStatement {
  const where = `Statement[${index}]`;
  if (!isObject(raw)) fail(`${where} must be an object`);
  for (const key of Object.keys(raw)) {
    if (!STATEMENT_FIELDS.has(key)) fail(`${where} has unknown element "${key}"`);
  }
  const sid = raw['Sid'];
  if (sid !== undefined && typeof sid !== 'string') fail(`${where}.Sid must be a string`);
  const effect = raw['Effect'];
  if (effect !== 'Allow' && effect !== 'Deny') fail(`${where}.Effect must be "Allow" or "Deny"`);

  const action = exactlyOne(raw, 'Action', 'NotAction', where, true);
  const resource = exactlyOne(raw, 'Resource', 'NotResource', where, true);
  const principal = exactlyOne(raw, 'Principal', 'NotPrincipal', where, false);
  const actionName = action?.negated ? 'NotAction' : 'Action';
  const resourceName = resource?.negated ? 'NotResource' : 'Resource';
  const principalName = principal?.negated ? 'NotPrincipal' : 'Principal';

  const conditions: ConditionClause[] = [];
  const condition = raw['Condition'];
  if (condition !== undefined) {
    if (!isObject(condition)) fail(`${where}.Condition must be an object`);
    for (const [opName, block] of Object.entries(condition)) {
      const operator = parseOperator(opName);
      if (!isObject(block)) fail(`${where}.Condition.${opName} must be an object of key → value(s)`);
      for (const [key, value] of Object.entries(block)) {
        conditions.push({ operator, key, values: conditionValues(value, `${where}.Condition.${opName}.${key}`) });
      }
    }
  }

  return {
    index,
    sid,
    effect,
    action: { negated: action?.negated ?? false, values: stringList(action?.value, `${where}.${actionName}`) },
    resource: { negated: resource?.negated ?? false, values: stringList(resource?.value, `${where}.${resourceName}`) },
    principal: principal
      ? { negated: principal.negated, spec: parsePrincipal(principal.value, `${where}.${principalName}`) }
      : undefined,
    conditions,
  };
}

function parseObject(input: unknown): PolicyDocument {
  if (!isObject(input)) fail('policy must be a JSON object');
  const version = input['Version'];
  if (version !== undefined && version !== '2012-10-17' && version !== '2008-10-17')
    fail('Version must be "2012-10-17" or "2008-10-17"');
  const id = input['Id'];
  if (id !== undefined && typeof id !== 'string') fail('Id must be a string');
  const rawStatements = input['Statement'];
  if (rawStatements === undefined) fail('policy has no Statement');
  const list = Array.isArray(rawStatements) ? rawStatements : [rawStatements];
  if (list.length === 0) fail('Statement is an empty array');
  return { version, id, statements: list.map((s, i) => parseStatement(s, i)) };
}

/** Parses a policy given as JSON text (as returned by GetBucketPolicy / DescribeVpcEndpoints) or as an object. */
export function parsePolicy(input: unknown): ParseResult {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input) as unknown;
    } catch (error) {
      return {
        ok: false,
        error: `policy is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  }
  try {
    return { ok: true, policy: parseObject(value) };
  } catch (error) {
    if (error instanceof PolicyParseError) return { ok: false, error: error.message };
    throw error;
  }
}
