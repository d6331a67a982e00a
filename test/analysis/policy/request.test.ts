// The request being judged, built from the path context alone: principal, action, resource and
// the context keys this path carries (or is known not to carry).
import { describe, expect, it } from 'vitest';
import { buildContext } from '../../../src/path/context.js';
import type { Answers } from '../../../src/path/answers.js';
import { probeCallId, type ProbeRecord } from '../../../src/probes/contract.js';
import { judge } from '../../../src/analysis/policy/deciding.js';
import { parsePolicy } from '../../../src/analysis/policy/document.js';
import { evaluatePolicy } from '../../../src/analysis/policy/evaluate.js';
import { DEFAULT_ACTIONS, judgedRequest, roleOfSession } from '../../../src/analysis/policy/request.js';
import { simulationPrincipal } from '../../../src/analysis/policy/scope.js';
import { baseAccount, gatewayEndpoint, IDS } from '../../support/fixtures/world.js';

const account = baseAccount();
const gw = gatewayEndpoint(IDS.s3Gateway, IDS.vpc, [IDS.appRtb]);
const identity = account.identity;

function ctxFor(answers: Answers, endpoints = [gw]) {
  const records: ProbeRecord[] = [
    { key: 'sts.caller-identity', input: {}, outcome: { status: 'ok', value: identity } },
    {
      key: 'ec2.source',
      input: { kind: 'instance', id: IDS.instance },
      outcome: { status: 'ok', value: account.sources[0]! },
    },
    {
      key: 'ec2.vpc-endpoints',
      input: { vpcId: IDS.vpc, serviceName: `com.amazonaws.us-east-1.${answers.service ?? 's3'}` },
      outcome: { status: 'ok', value: endpoints },
    },
  ];
  return buildContext(
    { region: 'us-east-1', service: 's3', ...answers },
    Object.fromEntries(records.map((r) => [probeCallId(r), r])),
  );
}

const inside: Answers = { 'source.kind': 'instance', 'source.id': IDS.instance, 'target.bucket': 'acme-app-artifacts' };

function request(answers: Answers, endpoints = [gw]) {
  const r = judgedRequest(ctxFor(answers, endpoints));
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}

describe('judgedRequest', () => {
  it('the caller session, s3:GetObject and bucket/key; through the gateway: SourceVpce, SourceVpc, VpcSourceIp, no SourceIp', () => {
    const j = request({ ...inside, 'target.key': 'a/b.txt' });
    expect(j.request.principal).toEqual({ arn: identity.Arn, accountId: '123456789012' });
    expect(j.request.action).toBe('s3:GetObject');
    expect(j.request.resource).toBe('arn:aws:s3:::acme-app-artifacts/a/b.txt');
    expect(j.context).toMatchObject({
      'aws:SourceVpce': IDS.s3Gateway,
      'aws:SourceVpc': IDS.vpc,
      'aws:VpcSourceIp': '10.0.1.25',
      'aws:PrincipalArn': 'arn:aws:iam::123456789012:role/PlatformOps',
    });
    expect(j.context['aws:SourceIp']).toBeUndefined();
    expect(j.absent.has('aws:sourceip')).toBe(true);
  });

  it('an empty key is judged as any object (bucket/*); bucket-level actions use the bucket ARN', () => {
    expect(request(inside).request.resource).toBe('arn:aws:s3:::acme-app-artifacts/*');
    expect(request({ ...inside, 'target.action': 's3:ListBucket' }).request.resource).toBe(
      'arn:aws:s3:::acme-app-artifacts',
    );
    expect(request({ ...inside, 'target.action': 's3:GetBucketPolicy' }).request.resource).toBe(
      'arn:aws:s3:::acme-app-artifacts',
    );
    expect(request({ ...inside, 'target.action': 's3:PutObject', 'target.key': 'x' }).request.resource).toBe(
      'arn:aws:s3:::acme-app-artifacts/x',
    );
  });

  it('no endpoint on the path: no VPC keys (known absent), aws:SourceIp unknown', () => {
    const j = request(inside, []);
    expect(j.endpoint).toBeUndefined();
    expect(j.context['aws:SourceVpce']).toBeUndefined();
    expect([...j.absent].sort()).toEqual(['aws:sourcevpc', 'aws:sourcevpce', 'aws:vpcsourceip']);
  });

  it('a gateway endpoint does not carry traffic from an on-premises source: no endpoint keys', () => {
    const j = request({ 'source.kind': 'vpn', 'source.ip': '192.168.4.10', vpc: IDS.vpc, 'target.bucket': 'b-1' });
    expect(j.endpoint).toBeUndefined();
  });

  it('without a bucket the resource is unknown: "*" stands in, and the action is listed as unknown-resource', () => {
    const r = judgedRequest(ctxFor({ 'source.kind': 'instance', 'source.id': IDS.instance }));
    if (!r.ok) throw new Error(r.reason);
    expect(r.value.resourceFrom).toBe('unknown');
    expect(r.value.unknownResource).toEqual(['s3:GetObject']);
    expect(r.value.request.resource).toBe('*');
  });

  it('target.resource names the resource for any service; every usual call is judged; aws:ResourceAccount comes from the ARN', () => {
    const queue = 'arn:aws:sqs:us-east-1:444455556666:orders';
    const j = request(
      { 'source.kind': 'instance', 'source.id': IDS.instance, service: 'sqs', 'target.resource': queue },
      [],
    );
    expect([j.request, ...j.others].map((r) => [r.action, r.resource])).toEqual([
      ['sqs:SendMessage', queue],
      ['sqs:ReceiveMessage', queue],
    ]);
    expect(j.resourceFrom).toBe('target.resource');
    expect(j.context).toMatchObject({
      'aws:ResourceAccount': '444455556666',
      'aws:PrincipalType': 'AssumedRole',
      'aws:RequestedRegion': 'us-east-1',
      'aws:PrincipalIsAWSService': false,
    });
  });

  it('ecr:GetAuthorizationToken takes no resource: judged on "*" without target.resource', () => {
    const j = request({ 'source.kind': 'instance', 'source.id': IDS.instance, service: 'ecr.api' }, []);
    expect(j.request).toMatchObject({ action: 'ecr:GetAuthorizationToken', resource: '*' });
    expect(j.unknownResource).toEqual([]);
  });

  it('a table of usual calls per service', () => {
    expect(DEFAULT_ACTIONS).toMatchObject({
      s3: ['s3:GetObject'],
      dynamodb: ['dynamodb:GetItem'],
      sqs: ['sqs:SendMessage', 'sqs:ReceiveMessage'],
      kms: ['kms:Decrypt'],
      'ecr.dkr': ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
      'execute-api': ['execute-api:Invoke'],
    });
  });

  it('sessions simulate as their role; users and roles as themselves; the root user not at all', () => {
    expect(roleOfSession('arn:aws:sts::123456789012:assumed-role/PlatformOps/jdoe')).toBe(
      'arn:aws:iam::123456789012:role/PlatformOps',
    );
    expect(simulationPrincipal('arn:aws:iam::123456789012:user/ci')).toBe('arn:aws:iam::123456789012:user/ci');
    expect(simulationPrincipal('arn:aws:iam::123456789012:root')).toBeUndefined();
  });
});

describe('judge: which keys a decision hinges on', () => {
  const j = request(inside);
  const evaluate = (policy: unknown) => {
    const p = parsePolicy(policy);
    if (!p.ok) throw new Error(p.error);
    return judge(evaluatePolicy(p.policy, j.request, { mode: 'resource' }), j);
  };

  it('Deny StringNotEquals aws:SourceVpce (another endpoint) → a denial hinging on a VPC key', () => {
    const v = evaluate({
      Statement: [
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: '*',
          Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-other' } },
        },
      ],
    });
    expect(v.kind).toBe('deny');
    expect(v.kind === 'deny' && v.deciding[0]?.hinge).toBe('vpc');
  });

  it('a Deny that also needs aws:PrincipalOrgID → uncertain: vpce-doctor cannot see the org id', () => {
    const v = evaluate({
      Statement: [
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: '*',
          Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-other', 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
        },
      ],
    });
    expect(v.kind).toBe('uncertain');
    expect(v.kind === 'uncertain' && v.deciding[0]?.unknownKeys).toEqual(['aws:PrincipalOrgID']);
  });

  it('an Allow gated by IpAddress aws:SourceIp → implicit deny hinging on aws:SourceIp', () => {
    const v = evaluate({
      Statement: [
        {
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: '*',
          Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
        },
      ],
    });
    expect(v).toMatchObject({ kind: 'deny', explicit: false });
    expect(v.kind === 'deny' && v.deciding[0]?.hinge).toBe('source-ip');
  });
});
