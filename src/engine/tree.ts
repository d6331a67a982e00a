// The decision tree, as data. Question nodes ask one public question (skipped when already
// answered or when `ask` is false); probe nodes name the probe calls that discover facts;
// verdict nodes end the walk. Branches are tried in order; each carries a condition written
// in a small data language so a test can walk every path without running any I/O.
import type { ProbeRequest } from '../probes/contract.js';
import { okValue, type PathContext } from '../path/context.js';
import { IN_VPC_SOURCE_KINDS, OUTSIDE_SOURCE_KINDS } from '../path/source-kinds.js';
import type { Answers, QuestionId } from '../path/answers.js';
import { actsOnNoResource } from '../analysis/policy/default-actions.js';
import { kmsPath, kmsReads } from '../analysis/policy/kms/verdict.js';
import { awsOwnedByName } from '../analysis/policy/perimeter/aws-owned.js';

export const TREE_VERSION = 1;

/** Named facts a branch may test; each is a pure predicate over the path context (FACTS below). */
export type FactName =
  | 'source.located'
  | 'source.not-found'
  | 'vpc.located'
  | 'vpc.not-found'
  | 'endpoint.named-missing'
  | 'endpoint.choice-needed'
  | 'service.is-s3'
  | 'service.is-dynamodb'
  | 'service.acts-on-no-resource'
  | 'target.bucket-given'
  | 'bucket.sse-kms'
  | 'principal.unknown';

export type Cond =
  | { always: true }
  | { answer: QuestionId; in: readonly string[] }
  | { fact: FactName }
  | { not: Cond }
  | { all: readonly Cond[] };

export interface Branch {
  when: Cond;
  to: NodeId;
}

export type VerdictKind = 'diagnose' | 'input-not-found' | 'cannot-locate';

export type TreeNode =
  | { kind: 'question'; id: NodeId; question: QuestionId; ask: Cond; branches: readonly Branch[] }
  | { kind: 'probe'; id: NodeId; requests: (ctx: PathContext) => ProbeRequest[]; branches: readonly Branch[] }
  /** Runs every check module's requirements to a fixpoint, then goes on. */
  | { kind: 'collect'; id: NodeId; branches: readonly Branch[] }
  | { kind: 'verdict'; id: NodeId; verdict: VerdictKind };

export type NodeId =
  | 'q.region'
  | 'p.identity'
  | 'q.service'
  | 'q.source.kind'
  | 'q.source.id'
  | 'p.source'
  | 'q.source.ip'
  | 'q.vpc'
  | 'p.vpc'
  | 'p.endpoints'
  | 'q.endpoint'
  | 'p.named-endpoint'
  | 'q.symptom'
  | 'q.target.bucket'
  | 'q.target.key'
  | 'p.bucket-encryption'
  | 'q.target.kms-key'
  | 'q.target.table'
  | 'q.target.resource'
  | 'q.target.principal'
  | 'c.checks'
  | 'v.diagnose'
  | 'v.input-not-found'
  | 'v.cannot-locate';

const ALWAYS: Cond = { always: true };
const go = (to: NodeId): Branch[] => [{ when: ALWAYS, to }];

export const START: NodeId = 'q.region';

export const TREE: Readonly<Record<NodeId, TreeNode>> = {
  'q.region': { kind: 'question', id: 'q.region', question: 'region', ask: ALWAYS, branches: go('p.identity') },
  'p.identity': {
    kind: 'probe',
    id: 'p.identity',
    requests: () => [{ key: 'sts.caller-identity', input: {} }],
    // Identity is context for the report and policies; its failure does not stop the walk.
    branches: go('q.service'),
  },
  'q.service': { kind: 'question', id: 'q.service', question: 'service', ask: ALWAYS, branches: go('q.source.kind') },
  'q.source.kind': {
    kind: 'question',
    id: 'q.source.kind',
    question: 'source.kind',
    ask: ALWAYS,
    branches: [
      { when: { answer: 'source.kind', in: IN_VPC_SOURCE_KINDS }, to: 'q.source.id' },
      { when: { answer: 'source.kind', in: OUTSIDE_SOURCE_KINDS }, to: 'q.source.ip' },
    ],
  },
  'q.source.id': { kind: 'question', id: 'q.source.id', question: 'source.id', ask: ALWAYS, branches: go('p.source') },
  'p.source': {
    kind: 'probe',
    id: 'p.source',
    requests: (ctx) => {
      const kind = ctx.sourceKind;
      const id = ctx.answers['source.id'];
      if (id === undefined || (kind !== 'instance' && kind !== 'eni' && kind !== 'subnet')) return [];
      return [{ key: 'ec2.source', input: { kind, id } }];
    },
    branches: [
      { when: { fact: 'source.located' }, to: 'p.endpoints' },
      { when: { fact: 'source.not-found' }, to: 'v.input-not-found' },
      { when: ALWAYS, to: 'v.cannot-locate' },
    ],
  },
  'q.source.ip': { kind: 'question', id: 'q.source.ip', question: 'source.ip', ask: ALWAYS, branches: go('q.vpc') },
  'q.vpc': { kind: 'question', id: 'q.vpc', question: 'vpc', ask: ALWAYS, branches: go('p.vpc') },
  'p.vpc': {
    kind: 'probe',
    id: 'p.vpc',
    requests: (ctx) => (ctx.answers.vpc === undefined ? [] : [{ key: 'ec2.vpc', input: { vpcId: ctx.answers.vpc } }]),
    branches: [
      { when: { fact: 'vpc.located' }, to: 'p.endpoints' },
      { when: { fact: 'vpc.not-found' }, to: 'v.input-not-found' },
      { when: ALWAYS, to: 'v.cannot-locate' },
    ],
  },
  'p.endpoints': {
    kind: 'probe',
    id: 'p.endpoints',
    requests: (ctx) => {
      const out: ProbeRequest[] = [];
      if (ctx.vpcId !== undefined && ctx.service !== undefined) {
        out.push({ key: 'ec2.vpc-endpoints', input: { vpcId: ctx.vpcId, serviceName: ctx.service.serviceName } });
      }
      return out;
    },
    branches: go('q.endpoint'),
  },
  'q.endpoint': {
    kind: 'question',
    id: 'q.endpoint',
    question: 'endpoint',
    ask: { fact: 'endpoint.choice-needed' },
    branches: go('p.named-endpoint'),
  },
  'p.named-endpoint': {
    kind: 'probe',
    id: 'p.named-endpoint',
    requests: (ctx) => {
      const named = ctx.answers.endpoint;
      return named !== undefined && named.startsWith('vpce-')
        ? [{ key: 'ec2.vpc-endpoint', input: { vpcEndpointId: named } }]
        : [];
    },
    branches: [
      { when: { fact: 'endpoint.named-missing' }, to: 'v.input-not-found' },
      { when: ALWAYS, to: 'q.symptom' },
    ],
  },
  'q.symptom': { kind: 'question', id: 'q.symptom', question: 'symptom', ask: ALWAYS, branches: go('q.target.bucket') },
  'q.target.bucket': {
    kind: 'question',
    id: 'q.target.bucket',
    question: 'target.bucket',
    ask: { all: [{ fact: 'service.is-s3' }, { answer: 'symptom', in: ['access-denied'] }] },
    branches: go('q.target.key'),
  },
  'q.target.key': {
    kind: 'question',
    id: 'q.target.key',
    question: 'target.key',
    ask: { fact: 'target.bucket-given' },
    branches: go('p.bucket-encryption'),
  },
  // On a 403 the bucket's default encryption says whether KMS is on the path; the same reads the
  // policy layer makes (its Region, then GetBucketEncryption there), made before asking for the key.
  'p.bucket-encryption': {
    kind: 'probe',
    id: 'p.bucket-encryption',
    requests: (ctx) => {
      const bucket = ctx.answers['target.bucket'] ?? '';
      if (ctx.service?.short !== 's3' || ctx.answers.symptom !== 'access-denied' || bucket === '') return [];
      if (awsOwnedByName(bucket) !== undefined || (ctx.answers['target.kms-key'] ?? '') !== '') return [];
      if (ctx.probe('s3.bucket-location', { bucket }) === undefined)
        return [{ key: 's3.bucket-location', input: { bucket } }];
      return kmsReads(ctx).filter((r) => r.key === 's3.bucket-encryption');
    },
    branches: go('q.target.kms-key'),
  },
  // An object may use another key than the bucket default; S3's AccessDenied names it.
  'q.target.kms-key': {
    kind: 'question',
    id: 'q.target.kms-key',
    question: 'target.kms-key',
    ask: { all: [{ answer: 'symptom', in: ['access-denied'] }, { fact: 'bucket.sse-kms' }] },
    branches: go('q.target.table'),
  },
  'q.target.table': {
    kind: 'question',
    id: 'q.target.table',
    question: 'target.table',
    ask: { all: [{ fact: 'service.is-dynamodb' }, { answer: 'symptom', in: ['access-denied'] }] },
    branches: go('q.target.resource'),
  },
  // Other services have no name-only shortcut: the resource's ARN, when a 403 needs judging.
  'q.target.resource': {
    kind: 'question',
    id: 'q.target.resource',
    question: 'target.resource',
    ask: {
      all: [
        { answer: 'symptom', in: ['access-denied'] },
        { not: { fact: 'service.is-s3' } },
        { not: { fact: 'service.is-dynamodb' } },
        // ecr.api's usual call (GetAuthorizationToken) takes no resource: nothing to name.
        { not: { fact: 'service.acts-on-no-resource' } },
      ],
    },
    branches: go('q.target.principal'),
  },
  // The caller vpce-doctor runs as stands in for the workload unless STS could not say who that is.
  'q.target.principal': {
    kind: 'question',
    id: 'q.target.principal',
    question: 'target.principal',
    ask: { all: [{ answer: 'symptom', in: ['access-denied'] }, { fact: 'principal.unknown' }] },
    branches: go('c.checks'),
  },
  'c.checks': { kind: 'collect', id: 'c.checks', branches: go('v.diagnose') },
  'v.diagnose': { kind: 'verdict', id: 'v.diagnose', verdict: 'diagnose' },
  'v.input-not-found': { kind: 'verdict', id: 'v.input-not-found', verdict: 'input-not-found' },
  'v.cannot-locate': { kind: 'verdict', id: 'v.cannot-locate', verdict: 'cannot-locate' },
};

export const FACTS: Readonly<Record<FactName, (ctx: PathContext) => boolean>> = {
  'source.located': (ctx) => ctx.source !== undefined,
  'source.not-found': (ctx) => sourceOutcomeIsNull(ctx),
  'vpc.located': (ctx) =>
    ctx.answers.vpc !== undefined && okValue(ctx.probe('ec2.vpc', { vpcId: ctx.answers.vpc })) != null,
  'vpc.not-found': (ctx) => {
    const o = ctx.answers.vpc === undefined ? undefined : ctx.probe('ec2.vpc', { vpcId: ctx.answers.vpc });
    return o?.status === 'ok' && o.value === null;
  },
  'endpoint.named-missing': (ctx) => ctx.named === null,
  'endpoint.choice-needed': (ctx) => ctx.named === undefined && (ctx.candidates?.length ?? 0) > 1,
  'service.is-s3': (ctx) => ctx.service?.short === 's3',
  'service.is-dynamodb': (ctx) => ctx.service?.short === 'dynamodb',
  'service.acts-on-no-resource': (ctx) => actsOnNoResource(ctx.service?.short ?? '', ctx.answers['target.action']),
  'target.bucket-given': (ctx) => (ctx.answers['target.bucket'] ?? '') !== '',
  'bucket.sse-kms': (ctx) => {
    const path = kmsPath(ctx);
    if (path === undefined) return false;
    const enc = okValue(ctx.probe('s3.bucket-encryption', { bucket: path.bucket, region: path.region }));
    return enc?.Rules.some((r) => r.SSEAlgorithm.startsWith('aws:kms')) ?? false;
  },
  'principal.unknown': (ctx) => ctx.probe('sts.caller-identity', {})?.status !== 'ok',
};

function sourceOutcomeIsNull(ctx: PathContext): boolean {
  const kind = ctx.sourceKind;
  const id = ctx.answers['source.id'];
  if (id === undefined || (kind !== 'instance' && kind !== 'eni' && kind !== 'subnet')) return false;
  const o = ctx.probe('ec2.source', { kind, id });
  return o?.status === 'ok' && o.value === null;
}

/** Does a branch condition hold, given the answers so far and a way to read named facts. */
export function holds(cond: Cond, answers: Answers, fact: (name: FactName) => boolean): boolean {
  if ('always' in cond) return true;
  if ('answer' in cond) {
    const v = answers[cond.answer];
    return v !== undefined && cond.in.includes(v);
  }
  if ('fact' in cond) return fact(cond.fact);
  if ('not' in cond) return !holds(cond.not, answers, fact);
  return cond.all.every((c) => holds(c, answers, fact));
}

/** A condition over a real path context. */
export function holdsIn(cond: Cond, ctx: PathContext): boolean {
  return holds(cond, ctx.answers, (name) => FACTS[name](ctx));
}
