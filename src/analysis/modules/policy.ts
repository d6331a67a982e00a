// The policy layer: the network works and the answer is 403. Evaluates, for the request being
// judged (src/analysis/policy/request.ts), the endpoint policy of the endpoint the path takes,
// the bucket's Region and policy, and (advisory) IAM's own simulation of the caller's identity
// policies; names the statement that decides.
//
// When this layer runs: only when there is a request to judge — the symptom is access-denied,
// or the answers name a target (bucket, table, action or principal). Other runs (timeouts, DNS)
// leave it out, so the default full-access endpoint policy is not reported on every healthy run.
//
// The advisory IAM simulation is asked only when the symptom is access-denied. When IAM refuses
// it (iam:SimulatePrincipalPolicy) the identity check is `skipped`, naming the permission: a
// layer that may be the cause went unchecked, so a run without other errors is `incomplete`,
// never healthy.
import type { PathContext } from '../../path/context.js';
import { okValue } from '../../path/context.js';
import { finding } from '../../findings/catalogue.js';
import type { Check, Finding, Fix } from '../../findings/types.js';
import type { ProbeInput, ProbeRequest } from '../../probes/catalog.js';
import type { Simulation } from '../../probes/specs/policy.js';
import { cli, couldNotCheck, type CheckModule, type ModuleResult } from '../check-module.js';
import { judge, type Deciding, type Judgement } from '../policy/deciding.js';
import { parsePolicy } from '../policy/document.js';
import { describeCondition, evaluatePolicy, type StatementOutcome } from '../policy/evaluate.js';
import { isDefaultFullAccess } from '../policy/inspect.js';
import { repairEndpointPolicy, repairResourcePolicy, repairSourceIp, type RepairResult } from '../policy/repair.js';
import { describeRequest, judgedPath, judgedRequest, roleOfSession, type JudgedRequest } from '../policy/request.js';

const ENDPOINT_FILE = 'endpoint-policy.json';
const BUCKET_FILE = 'bucket-policy.json';
const IDENTITY_FILE = 'identity-policy.json';

function given(ctx: PathContext, id: 'target.bucket' | 'target.table' | 'target.action' | 'target.principal'): boolean {
  return (ctx.answers[id] ?? '') !== '';
}

/** Is there a request to judge on this run (see the header). */
export function judgesPolicies(ctx: PathContext): boolean {
  if (ctx.service === undefined) return false;
  return (
    ctx.answers.symptom === 'access-denied' ||
    given(ctx, 'target.bucket') ||
    given(ctx, 'target.table') ||
    given(ctx, 'target.action') ||
    given(ctx, 'target.principal')
  );
}

function bucketOf(ctx: PathContext): string | undefined {
  const b = ctx.answers['target.bucket'] ?? '';
  return ctx.service?.short === 's3' && b !== '' ? b : undefined;
}

/** The ARN IAM can simulate: a session becomes its role; the root user cannot be simulated. */
export function simulationPrincipal(arn: string): string | undefined {
  const role = roleOfSession(arn);
  if (role !== undefined) return role;
  return /^arn:[\w-]+:iam::\d{12}:(user|role)\//.test(arn) ? arn : undefined;
}

type SimulationRequest = { key: 'iam.simulate-principal-policy'; input: ProbeInput<'iam.simulate-principal-policy'> };

export function simulationRequest(j: JudgedRequest): SimulationRequest | undefined {
  const source = simulationPrincipal(j.request.principal.arn);
  if (source === undefined) return undefined;
  const context: { key: string; type: 'string' | 'ip'; values: string[] }[] = [];
  for (const key of ['aws:SourceVpce', 'aws:SourceVpc'] as const) {
    const v = j.context[key];
    if (typeof v === 'string') context.push({ key, type: 'string', values: [v] });
  }
  const ip = j.context['aws:VpcSourceIp'];
  if (typeof ip === 'string') context.push({ key: 'aws:VpcSourceIp', type: 'ip', values: [ip] });
  return {
    key: 'iam.simulate-principal-policy',
    input: { policySourceArn: source, action: j.request.action, resource: j.request.resource, context },
  };
}

function label(o: { index: number; sid?: string | undefined; effect: string }): string {
  return o.sid !== undefined
    ? `statement "${o.sid}" (#${o.index}, ${o.effect})`
    : `statement #${o.index} (${o.effect})`;
}

/** One line per deciding statement: its Sid or index, effect, and each condition's expected vs actual value. */
function quote(o: StatementOutcome): string {
  const conditions = o.conditions ?? [];
  if (conditions.length === 0) return o.reason;
  const relevant = o.effect === 'Deny' ? conditions : conditions.filter((c) => !c.matched);
  return `${label(o)}: ${(relevant.length > 0 ? relevant : conditions).map(describeCondition).join('; ')}`;
}

function fileFix(summary: string, command: string, file: string, contents: string): Fix {
  return {
    summary,
    commands: [command],
    files: [{ path: file, contents: contents.endsWith('\n') ? contents : `${contents}\n` }],
  };
}

function notRepaired(r: RepairResult, what: string): string {
  switch (r.kind) {
    case 'not-repairable':
    case 'unchanged':
      return `${r.reason}.`;
    case 'invalid':
      return `${what} could not be parsed: ${r.error}.`;
    case 'repaired':
      return '';
    default: {
      const unreachable: never = r;
      return unreachable;
    }
  }
}

interface Outcome {
  checks: Check[];
  findings: Finding[];
  /** A visible policy denies (or an advisory says so): org-guardrail does not apply. */
  denied: boolean;
}

const empty = (): Outcome => ({ checks: [], findings: [], denied: false });

// ---------------------------------------------------------------------------------------------
// Endpoint policy

function endpointPolicy(ctx: PathContext, j: JudgedRequest | undefined, reason: string | undefined): Outcome {
  const out = empty();
  const endpoint = judgedPath(ctx).endpoint;
  if (endpoint === undefined) return out;
  const id = endpoint.VpcEndpointId;
  const text = endpoint.PolicyDocument;
  if (text === undefined || text === '') {
    out.checks.push({
      id: 'policy.endpoint-policy',
      layer: 'endpoint-policy',
      status: 'pass',
      detail: `${id} has no policy document (its service takes no endpoint policy), so it restricts no request`,
    });
    return out;
  }
  const parsed = parsePolicy(text);
  if (!parsed.ok) {
    out.checks.push({
      id: 'policy.endpoint-policy',
      layer: 'endpoint-policy',
      status: 'error',
      detail: `could not read the policy of ${id}: ${parsed.error}`,
    });
    return out;
  }
  if (isDefaultFullAccess(parsed.policy)) {
    out.checks.push({
      id: 'policy.endpoint-policy',
      layer: 'endpoint-policy',
      status: 'pass',
      detail: `${id} keeps the default policy: it allows every principal, action and resource`,
    });
    out.findings.push(
      finding('policy.endpoint-full-access', {
        evidence: [
          `${id} policy: one statement, Allow, Principal "*", Action "*", Resource "*", no Condition (the default)`,
        ],
        fix: {
          summary: `Optional: narrow the policy of ${id} to your organization's principals and resources (a data perimeter: aws:PrincipalOrgID, aws:ResourceOrgID), listing service-owned buckets your workloads need (e.g. ECR layers, Amazon Linux repositories).`,
          commands: [],
        },
      }),
    );
    return out;
  }
  if (j === undefined) {
    out.checks.push({
      id: 'policy.endpoint-policy',
      layer: 'endpoint-policy',
      status: 'warn',
      detail: `the policy of ${id} was not evaluated: ${reason ?? 'no request to judge'}`,
    });
    return out;
  }
  const endpointType = endpoint.VpcEndpointType === 'Gateway' ? 'gateway' : 'interface';
  const result = evaluatePolicy(parsed.policy, j.request, { mode: 'endpoint', endpointType });
  const caveats = result.caveats.length > 0 ? ` (${result.caveats.join('; ')})` : '';
  const verdict = judge(result, j);
  const request = `request: ${describeRequest(j)}`;
  switch (verdict.kind) {
    case 'allow':
      out.checks.push({
        id: 'policy.endpoint-policy',
        layer: 'endpoint-policy',
        status: 'pass',
        detail: `the policy of ${id} allows ${j.request.action} on ${j.request.resource}: ${verdict.statements.map((s) => label(s)).join(', ')}${caveats}`,
      });
      return out;
    case 'uncertain':
      out.checks.push({
        id: 'policy.endpoint-policy',
        layer: 'endpoint-policy',
        status: 'warn',
        detail: uncertainDetail(`the policy of ${id}`, verdict) + caveats,
      });
      return out;
    case 'deny':
      break;
    default: {
      const unreachable: never = verdict;
      return unreachable;
    }
  }
  out.denied = true;
  const how = verdict.explicit ? 'denies it explicitly' : 'allows it in no statement (implicit deny)';
  out.checks.push({
    id: 'policy.endpoint-policy',
    layer: 'endpoint-policy',
    status: 'fail',
    detail: `the policy of ${id} ${how}`,
  });
  const evidence = [
    request,
    `the policy of ${id} ${how}:`,
    ...(verdict.explicit ? verdict.deciding.map((d) => quote(d.outcome)) : result.deciding.map(quote)),
    ...result.caveats,
  ];
  const command = cli(
    `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${id} --policy-document file://${ENDPOINT_FILE}`,
    ctx.region,
  ); // CLI v2 reference: ec2 modify-vpc-endpoint

  const ipHinged = verdict.deciding.filter((d) => d.hinge === 'source-ip');
  if (ipHinged.length > 0) {
    const r = repairSourceIp(text, id);
    out.findings.push(
      finding('policy.sourceip-through-endpoint', {
        evidence: [
          ...evidence,
          `through ${id} the request carries aws:VpcSourceIp and aws:SourceVpce, never aws:SourceIp`,
        ],
        fix:
          r.kind === 'repaired'
            ? fileFix(
                `Replace the endpoint policy of ${id} with ${ENDPOINT_FILE}: ${r.changes.join('; ')}. Every other statement stays as it is.`,
                command,
                ENDPOINT_FILE,
                r.json,
              )
            : {
                summary: `Condition the statement on aws:SourceVpce or aws:VpcSourceIp instead of aws:SourceIp. ${notRepaired(r, 'the endpoint policy')}`,
                commands: [],
              },
      }),
    );
    return out;
  }
  const r = repairEndpointPolicy(text, j.request, endpointType);
  const fix: Fix =
    r.kind === 'repaired'
      ? fileFix(
          `Replace the endpoint policy of ${id} with ${ENDPOINT_FILE}, your policy plus one statement: ${r.changes.join('; ')}. Every other statement stays as it is.`,
          command,
          ENDPOINT_FILE,
          r.json,
        )
      : { summary: `Edit the policy of ${id}: ${notRepaired(r, 'the endpoint policy')}`, commands: [] };
  out.findings.push(finding('policy.endpoint-denies', { evidence, fix }));
  return out;
}

function uncertainDetail(what: string, verdict: Extract<Judgement, { kind: 'uncertain' }>): string {
  const keys = [...new Set(verdict.deciding.flatMap((d: Deciding) => d.unknownKeys))];
  return `${what} ${verdict.explicit ? 'may deny' : 'may not allow'} the request: ${verdict.deciding.map((d) => quote(d.outcome)).join('; ')} — it depends on ${keys.join(', ')}, which vpce-doctor cannot see`;
}

// ---------------------------------------------------------------------------------------------
// Bucket: Region and bucket policy

interface BucketOutcome extends Outcome {
  /** The bucket policy allows the request explicitly (a same-account grant that stands in for IAM). */
  allows: boolean;
}

function bucket(ctx: PathContext, j: JudgedRequest | undefined, name: string): BucketOutcome {
  const out: BucketOutcome = { ...empty(), allows: false };
  const locOutcome = ctx.probe('s3.bucket-location', { bucket: name });
  if (locOutcome?.status !== 'ok') {
    out.checks.push(couldNotCheck('policy.bucket-region', 'client', `the Region of bucket ${name}`, locOutcome));
    return out;
  }
  const loc = locOutcome.value;
  if (loc === null) {
    out.checks.push({
      id: 'policy.bucket-region',
      layer: 'client',
      status: 'warn',
      detail: `bucket ${name} does not exist (NoSuchBucket): check target.bucket`,
    });
    return out;
  }
  const endpoint = judgedPath(ctx).endpoint;
  const constraint =
    loc.LocationConstraint === null || loc.LocationConstraint === '' ? 'empty, i.e. us-east-1' : loc.LocationConstraint;
  if (loc.Region !== ctx.region) {
    if (endpoint !== undefined) {
      out.denied = true;
      out.checks.push({
        id: 'policy.bucket-region',
        layer: 'client',
        status: 'fail',
        detail: `bucket ${name} is in ${loc.Region}, ${endpoint.VpcEndpointId} serves ${ctx.region}`,
      });
      out.findings.push(
        finding('client.region-mismatch', {
          evidence: [
            `GetBucketLocation ${name}: LocationConstraint ${constraint} → ${loc.Region}`,
            `${endpoint.VpcEndpointId} (${endpoint.VpcEndpointType}) serves ${endpoint.ServiceName} in ${ctx.region}`,
          ],
          fix: {
            summary:
              `Call ${name} in its own Region (${loc.Region}: --region ${loc.Region} or AWS_REGION=${loc.Region} in the client). ` +
              `Traffic to ${loc.Region} cannot use ${endpoint.VpcEndpointId}: reach it through an S3 interface endpoint in ${loc.Region} over VPC peering or a transit gateway, or by NAT; or keep the data in a bucket in ${ctx.region}.`,
            commands: [],
          },
        }),
      );
    } else {
      out.checks.push({
        id: 'policy.bucket-region',
        layer: 'client',
        status: 'warn',
        detail: `bucket ${name} is in ${loc.Region}, not ${ctx.region}; no endpoint of this VPC carries the request`,
      });
    }
  } else {
    out.checks.push({
      id: 'policy.bucket-region',
      layer: 'client',
      status: 'pass',
      detail: `bucket ${name} is in ${loc.Region} (LocationConstraint ${constraint}), the endpoint's Region`,
    });
  }

  const polOutcome = ctx.probe('s3.bucket-policy', { bucket: name, region: loc.Region });
  if (polOutcome?.status !== 'ok') {
    out.checks.push(
      couldNotCheck('policy.bucket-policy', 'resource-policy', `the bucket policy of ${name}`, polOutcome),
    );
    return out;
  }
  const text = polOutcome.value.Policy;
  if (text === null) {
    out.checks.push({
      id: 'policy.bucket-policy',
      layer: 'resource-policy',
      status: 'pass',
      detail: `bucket ${name} has no bucket policy (NoSuchBucketPolicy): it denies nothing`,
    });
    return out;
  }
  const parsed = parsePolicy(text);
  if (!parsed.ok) {
    out.checks.push({
      id: 'policy.bucket-policy',
      layer: 'resource-policy',
      status: 'error',
      detail: `could not read the bucket policy of ${name}: ${parsed.error}`,
    });
    return out;
  }
  if (j === undefined) return out;
  const result = evaluatePolicy(parsed.policy, j.request, { mode: 'resource' });
  const verdict = judge(result, j);
  const caveats = result.caveats.length > 0 ? ` (${result.caveats.join('; ')})` : '';
  if (verdict.kind === 'allow') {
    out.allows = true;
    out.checks.push({
      id: 'policy.bucket-policy',
      layer: 'resource-policy',
      status: 'pass',
      detail: `the bucket policy of ${name} allows the request: ${verdict.statements.map((s) => label(s)).join(', ')}${caveats}`,
    });
    return out;
  }
  if (verdict.kind === 'uncertain') {
    out.checks.push({
      id: 'policy.bucket-policy',
      layer: 'resource-policy',
      status: 'warn',
      detail: uncertainDetail(`the bucket policy of ${name}`, verdict) + caveats,
    });
    return out;
  }
  const through = endpoint !== undefined;
  const vpc = verdict.explicit ? verdict.deciding.filter((d) => d.hinge === 'vpc') : [];
  // aws:SourceIp decides only on a path through an endpoint (elsewhere the public IP is unknown).
  const ip = through ? verdict.deciding.filter((d) => d.hinge === 'source-ip') : [];
  const other = verdict.explicit ? verdict.deciding.filter((d) => d.hinge === 'other') : [];
  if (!verdict.explicit && ip.length === 0) {
    // No Deny: without a matching Allow the bucket policy leaves the decision to the caller's IAM policies.
    out.checks.push({
      id: 'policy.bucket-policy',
      layer: 'resource-policy',
      status: 'pass',
      detail: `the bucket policy of ${name} does not deny the request; no statement allows it either, so access rests on the principal's IAM policies (${verdict.deciding.map((d) => quote(d.outcome)).join('; ') || 'no Allow statements'})`,
    });
    return out;
  }
  out.denied = true;
  out.checks.push({
    id: 'policy.bucket-policy',
    layer: 'resource-policy',
    status: 'fail',
    detail: `the bucket policy of ${name} ${verdict.explicit ? 'denies' : 'does not allow'} the request: ${verdict.deciding.map((d) => quote(d.outcome)).join('; ')}`,
  });

  // One corrected document for every fixable statement, shared by the findings it fixes.
  let doc = text;
  const changes: string[] = [];
  const problems: string[] = [];
  if (ip.length > 0 && endpoint !== undefined) {
    const r = repairSourceIp(doc, endpoint.VpcEndpointId);
    if (r.kind === 'repaired') {
      doc = r.json;
      changes.push(...r.changes);
    } else problems.push(notRepaired(r, 'the bucket policy'));
  }
  if (vpc.length > 0) {
    const r = repairResourcePolicy(doc, j.request);
    if (r.kind === 'repaired') {
      doc = r.json;
      changes.push(...r.changes);
    } else problems.push(notRepaired(r, 'the bucket policy'));
  }
  // put-bucket-policy replaces the whole policy: the file is the user's policy with only these edits.
  const command = cli(`aws s3api put-bucket-policy --bucket ${name} --policy file://${BUCKET_FILE}`, loc.Region); // CLI v2 reference: s3api put-bucket-policy
  const fix = (what: string): Fix =>
    changes.length > 0
      ? fileFix(
          `Replace the bucket policy of ${name} with ${BUCKET_FILE}: ${changes.join('; ')}. Every other statement stays as it is.${problems.length > 0 ? ` Still to do by hand: ${problems.join(' ')}` : ''}`,
          command,
          BUCKET_FILE,
          doc,
        )
      : { summary: `${what} ${problems.join(' ')}`, commands: [] };
  const request = `request: ${describeRequest(j)}`;
  if (vpc.length > 0) {
    out.findings.push(
      finding('policy.bucket-sourcevpce-mismatch', {
        evidence: [request, `the bucket policy of ${name} denies it:`, ...vpc.map((d) => quote(d.outcome))],
        fix: fix(
          through
            ? `Add ${endpoint.VpcEndpointId} to the condition, or send the traffic through the endpoint the policy names.`
            : 'Send the traffic through the endpoint or VPC the policy names.',
        ),
      }),
    );
  }
  if (ip.length > 0 && endpoint !== undefined) {
    out.findings.push(
      finding('policy.sourceip-through-endpoint', {
        evidence: [
          request,
          `the bucket policy of ${name} ${verdict.explicit ? 'denies it' : 'does not allow it'}:`,
          ...ip.map((d) => quote(d.outcome)),
          `through ${endpoint.VpcEndpointId} the request carries aws:VpcSourceIp and aws:SourceVpce, never aws:SourceIp`,
        ],
        fix: fix(
          `Condition the statement on aws:SourceVpce (${endpoint.VpcEndpointId}) or aws:VpcSourceIp instead of aws:SourceIp.`,
        ),
      }),
    );
  }
  if (other.length > 0 && vpc.length === 0 && ip.length === 0) {
    // A Deny on something else (a principal, aws:SecureTransport …): the check names it; no catalogue entry fits.
    out.checks.push({
      id: 'policy.bucket-policy-other-deny',
      layer: 'resource-policy',
      status: 'fail',
      detail: `edit ${other.map((d) => label(d.outcome)).join(', ')} of the bucket policy of ${name}`,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Identity (advisory): IAM SimulatePrincipalPolicy

function identity(
  ctx: PathContext,
  j: JudgedRequest,
  bucketAllows: boolean,
): Outcome & { simulation: Simulation | undefined } {
  const out = { ...empty(), simulation: undefined as Simulation | undefined };
  const req = simulationRequest(j);
  if (req === undefined) {
    out.checks.push({
      id: 'policy.identity',
      layer: 'identity',
      status: 'warn',
      detail: `advisory IAM simulation not run: ${j.request.principal.arn} is not a user or role IAM can simulate`,
    });
    return out;
  }
  const outcome = ctx.probe(req.key, req.input);
  if (outcome?.status !== 'ok') {
    out.checks.push(
      couldNotCheck(
        'policy.identity',
        'identity',
        `the IAM policies of ${req.input.policySourceArn} (advisory IAM policy simulation)`,
        outcome,
      ),
    );
    return out;
  }
  const sim = outcome.value;
  out.simulation = sim;
  const missing =
    sim.MissingContextValues.length > 0
      ? `; context keys IAM could not fill: ${sim.MissingContextValues.join(', ')}`
      : '';
  const matched = sim.MatchedStatements.map((s) =>
    `${s.SourcePolicyType ?? 'policy'} ${s.SourcePolicyId ?? ''}`.trim(),
  );
  const evidence = [
    `request: ${describeRequest(j)}`,
    `advisory — IAM SimulatePrincipalPolicy for ${sim.PolicySourceArn}, ${sim.EvalActionName} on ${sim.EvalResourceName ?? j.request.resource}: ${sim.EvalDecision}` +
      (matched.length > 0 ? ` (matched: ${matched.join(', ')})` : '') +
      missing,
  ];
  if (sim.AllowedByPermissionsBoundary === false) evidence.push('the permissions boundary does not allow the action');
  const decision = sim.EvalDecision;
  if (
    decision === 'allowed' ||
    (decision === 'implicitDeny' && bucketAllows && sim.AllowedByPermissionsBoundary !== false)
  ) {
    const why = decision === 'allowed' ? 'allow' : 'do not allow, but the bucket policy grants it in the same account';
    out.checks.push({
      id: 'policy.identity',
      layer: 'identity',
      status: 'pass',
      detail: `advisory IAM simulation: the IAM policies of ${sim.PolicySourceArn} ${why} ${j.request.action}`,
    });
    return out;
  }
  if (decision !== 'explicitDeny' && decision !== 'implicitDeny') {
    out.checks.push({
      id: 'policy.identity',
      layer: 'identity',
      status: 'error',
      detail: `advisory IAM simulation returned an unknown decision "${decision}"`,
    });
    return out;
  }
  if (sim.AllowedByOrganizations === false && decision === 'explicitDeny' && sim.MatchedStatements.length === 0) {
    // Only the organization denies: org-guardrail reports it with this evidence.
    out.checks.push({
      id: 'policy.identity',
      layer: 'identity',
      status: 'pass',
      detail: `advisory IAM simulation: the IAM policies of ${sim.PolicySourceArn} allow ${j.request.action}; an organization SCP denies it`,
    });
    return out;
  }
  out.denied = true;
  out.checks.push({
    id: 'policy.identity',
    layer: 'identity',
    status: 'fail',
    detail: `advisory IAM simulation: ${decision} for ${sim.PolicySourceArn}`,
  });
  const m = /^arn:[\w-]+:iam::\d{12}:(role|user)\/(?:.*\/)?([^/]+)$/.exec(sim.PolicySourceArn);
  const kind = m?.[1];
  const name = m?.[2];
  let fix: Fix;
  if (decision === 'explicitDeny') {
    fix = {
      summary: `Remove or narrow the Deny in ${matched.join(', ') || 'the policy that denies'} for ${j.request.action} on ${j.request.resource}; an Allow cannot override it.`,
      commands: [],
    };
  } else if (sim.AllowedByPermissionsBoundary === false) {
    fix = {
      summary: `Widen the permissions boundary of ${sim.PolicySourceArn} to include ${j.request.action} on ${j.request.resource}, then grant it in an identity policy.`,
      commands: [],
    };
  } else if (kind !== undefined && name !== undefined) {
    const policyName = `vpce-doctor-${j.request.action.replace(/[^A-Za-z0-9]+/g, '-')}`;
    const doc = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: j.request.action, Resource: j.request.resource }],
    };
    // CLI v2 reference: iam put-role-policy / put-user-policy (adds one inline policy; attached ones stay).
    const command = cli(
      `aws iam put-${kind}-policy --${kind}-name ${name} --policy-name ${policyName} --policy-document file://${IDENTITY_FILE}`,
      ctx.region,
    );
    fix = fileFix(
      `Grant ${j.request.action} on ${j.request.resource} to ${kind} ${name} with a new inline policy ${policyName} (${IDENTITY_FILE}); its other policies stay as they are.`,
      command,
      IDENTITY_FILE,
      JSON.stringify(doc, null, 2),
    );
  } else {
    fix = {
      summary: `Grant ${j.request.action} on ${j.request.resource} in an identity policy of ${sim.PolicySourceArn}.`,
      commands: [],
    };
  }
  // IAM could not fill some context keys: its answer may change with them, so only a warning.
  out.findings.push(
    finding('policy.identity-denies', {
      evidence,
      fix,
      ...(sim.MissingContextValues.length > 0 ? { severity: 'warning' as const } : {}),
    }),
  );
  return out;
}

// ---------------------------------------------------------------------------------------------

export const policyModule: CheckModule = {
  id: 'policy',
  requires(ctx) {
    const out: ProbeRequest[] = [];
    if (!judgesPolicies(ctx)) return out;
    const name = bucketOf(ctx);
    if (name !== undefined) {
      out.push({ key: 's3.bucket-location', input: { bucket: name } });
      const loc = okValue(ctx.probe('s3.bucket-location', { bucket: name }));
      if (loc) out.push({ key: 's3.bucket-policy', input: { bucket: name, region: loc.Region } });
    }
    if (ctx.answers.symptom === 'access-denied') {
      const j = judgedRequest(ctx);
      const sim = j.ok ? simulationRequest(j.value) : undefined;
      if (sim !== undefined) out.push(sim);
    }
    return out;
  },
  evaluate(ctx): ModuleResult {
    const checks: Check[] = [];
    const findings: Finding[] = [];
    if (!judgesPolicies(ctx)) return { checks, findings };
    const jr = judgedRequest(ctx);
    const j = jr.ok ? jr.value : undefined;
    const reason = jr.ok ? undefined : jr.reason;
    if (!jr.ok)
      checks.push({
        id: 'policy.request',
        layer: 'endpoint-policy',
        status: 'warn',
        detail: `policies not evaluated for a request: ${jr.reason}`,
      });

    const parts: Outcome[] = [endpointPolicy(ctx, j, reason)];
    const name = bucketOf(ctx);
    const b = name !== undefined ? bucket(ctx, j, name) : undefined;
    if (b) parts.push(b);
    let sim: Simulation | undefined;
    if (j !== undefined && ctx.answers.symptom === 'access-denied') {
      const id = identity(ctx, j, b?.allows ?? false);
      sim = id.simulation;
      parts.push(id);
    }
    for (const p of parts) {
      checks.push(...p.checks);
      findings.push(...p.findings);
    }

    if (ctx.answers.symptom === 'access-denied' && !parts.some((p) => p.denied)) {
      const account = j?.request.principal.accountId ?? okValue(ctx.probe('sts.caller-identity', {}))?.Account;
      const path = judgedPath(ctx);
      const looked = checks.filter((c) => c.id.startsWith('policy.')).map((c) => `${c.id}: ${c.status}`);
      const evidence = [
        ...(j ? [`request: ${describeRequest(j)}`] : []),
        `checked: ${looked.join(', ') || 'no policy could be evaluated'}`,
      ];
      if (sim?.AllowedByOrganizations === false)
        evidence.push(
          `advisory — IAM SimulatePrincipalPolicy reports that an organization SCP denies ${sim.EvalActionName} for ${sim.PolicySourceArn}`,
        );
      const keys = path.endpoint
        ? `aws:SourceVpce (${path.endpoint.VpcEndpointId}), aws:SourceVpc (${path.endpoint.VpcId}), `
        : '';
      const scpDenies = sim?.AllowedByOrganizations === false;
      findings.push(
        finding('policy.org-guardrail', {
          evidence,
          // IAM's simulator itself says an SCP denies: no longer a guess.
          ...(scpDenies ? { severity: 'error' as const } : {}),
          fix: {
            summary:
              `Read the AccessDenied message: "explicit deny in a service control policy" or "resource control policy" names the guardrail. ` +
              `Ask your organization administrator to check the SCPs and RCPs that apply to ${account ?? 'this account'} for a Deny on ${j?.request.action ?? 'the action'} with conditions on ${keys}aws:PrincipalOrgID or aws:ResourceOrgID; the command lists them from the management account.`,
            // CLI v2 reference: organizations list-policies-for-target (management account or delegated administrator).
            commands: account
              ? [
                  cli(
                    `aws organizations list-policies-for-target --target-id ${account} --filter SERVICE_CONTROL_POLICY`,
                    ctx.region,
                  ),
                ]
              : [],
          },
        }),
      );
    }
    return { checks, findings };
  },
};
