// An endpoint policy in one or a few lines: "full access" for the default, else each statement's
// effect, actions, resources, principals and condition keys.
import { parsePolicy, type PolicyStatement } from '../policy/document.js';

function list(values: readonly string[], max = 4): string {
  return values.length <= max
    ? values.join(', ')
    : `${values.slice(0, max).join(', ')} and ${values.length - max} more`;
}

function principal(s: PolicyStatement): string {
  if (s.principal === undefined) return '';
  const spec = s.principal.spec;
  const who =
    spec.kind === 'any' ? 'anyone' : list([...spec.aws, ...spec.service, ...spec.federated, ...spec.canonicalUser]);
  return ` for ${s.principal.negated ? 'everyone but ' : ''}${who}`;
}

function statementLine(s: PolicyStatement): string {
  const actions = `${s.action.negated ? 'all but ' : ''}${list(s.action.values)}`;
  const resources = `${s.resource.negated ? 'all but ' : ''}${list(s.resource.values)}`;
  const conditions = s.conditions.length > 0 ? ` when ${list(s.conditions.map((c) => c.key))}` : '';
  return `${s.effect} ${actions} on ${resources}${principal(s)}${conditions}`;
}

export function summarizeEndpointPolicy(document: string | undefined): string[] {
  // PrivateLink user guide, "Control access to VPC endpoints using endpoint policies": no policy means full access.
  if (document === undefined || document === '') return ['full access (no policy: the default)'];
  let raw: unknown;
  try {
    raw = JSON.parse(document);
  } catch {
    return ['the policy is not valid JSON'];
  }
  const parsed = parsePolicy(raw);
  if (!parsed.ok) return [`the policy could not be read: ${parsed.error}`];
  const st = parsed.policy.statements;
  const only = st[0];
  if (
    st.length === 1 &&
    only !== undefined &&
    only.effect === 'Allow' &&
    !only.action.negated &&
    only.action.values.includes('*') &&
    !only.resource.negated &&
    only.resource.values.includes('*') &&
    (only.principal === undefined || only.principal.spec.kind === 'any') &&
    only.conditions.length === 0
  )
    return ['full access (Allow * on * for anyone: the default policy)'];
  return st.map(statementLine);
}
