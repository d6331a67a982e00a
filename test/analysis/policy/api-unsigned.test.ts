// API Gateway through a VPC, through the real engine over fixture accounts (GetResources answered
// by the fixture): an execute-api endpoint policy that admits one role, in front of a method
// whose authorization is NONE — the unsigned call is an anonymous caller to the endpoint policy.
import { describe, expect, it } from 'vitest';
import type { Report } from '../../../src/engine/verdict.js';
import { fixtureProbes, type Account } from '../../support/fixtures/index.js';
import { baseAccount, IDS } from '../../support/fixtures/world.js';
import { doc } from '../../support/fixtures/policy-world.js';
import { addInterfaceEndpoint } from '../../recordings/scenarios/dns.js';
import { reportOf, walk } from '../../support/diagnose.js';

const API = 'a1b2c3d4e5';
export const roleOnlyEndpointPolicy = JSON.stringify(
  doc({
    Sid: 'OnlyTheOrdersRole',
    Effect: 'Allow',
    Principal: { AWS: 'arn:aws:iam::123456789012:role/orders-app' },
    Action: 'execute-api:Invoke',
    Resource: '*',
  }),
);

function account(auth: string, policy = roleOnlyEndpointPolicy): Account {
  const a = baseAccount();
  const e = addInterfaceEndpoint(a, 'execute-api', { privateDns: true });
  e.PolicyDocument = policy;
  a.resources = { [API]: { endpointTypes: ['PRIVATE'], vpcEndpointIds: [e.VpcEndpointId] } };
  a.apiMethods = {
    [API]: [
      { ResourceId: 'r1abcd', Path: '/orders', HttpMethod: 'GET', AuthorizationType: auth },
      { ResourceId: 'r1abcd', Path: '/orders', HttpMethod: 'POST', AuthorizationType: 'AWS_IAM' },
    ],
  };
  return a;
}

const answers = {
  region: 'us-east-1',
  service: 'execute-api',
  'source.kind': 'instance',
  'source.id': IDS.instance,
  symptom: 'access-denied',
  'target.hostname': `${API}.execute-api.us-east-1.amazonaws.com`,
  'target.principal': 'arn:aws:iam::123456789012:role/orders-app',
  'target.resource': `arn:aws:execute-api:us-east-1:123456789012:${API}/prod/GET/orders`,
};

async function diagnose(a: Account): Promise<Report> {
  return reportOf(await walk(answers, fixtureProbes(a)));
}

describe('execute-api endpoint policy vs methods without authorization', () => {
  it('role-only endpoint policy, GET /orders with authorization NONE → apigw.unsigned-method-endpoint-policy naming the method; the corrected policy clears it', async () => {
    const a = account('NONE');
    const report = await diagnose(a);
    const f = report.findings.find((x) => x.id === 'apigw.unsigned-method-endpoint-policy');
    expect(f?.severity).toBe('error');
    expect(f?.evidence.join('\n')).toContain('GET /orders');
    expect(f?.evidence.join('\n')).toContain('OnlyTheOrdersRole');
    expect(f?.evidence.join('\n')).not.toContain('POST');
    expect(f?.fix.alternatives?.[0]?.commands[0]?.line).toContain('op=replace,path=/authorizationType,value=AWS_IAM');
    expect(f?.fix.alternatives?.[0]?.commands[1]?.line).toContain('create-deployment');
    const argv = f?.fix.commands[0]?.argv ?? [];
    expect(argv.slice(0, 3)).toEqual(['aws', 'ec2', 'modify-vpc-endpoint']);
    a.endpoints.find((e) => e.ServiceName.endsWith('execute-api'))!.PolicyDocument =
      argv[argv.indexOf('--policy-document') + 1];
    const after = await diagnose(a);
    expect(after.findings.map((x) => x.id)).not.toContain('apigw.unsigned-method-endpoint-policy');
    expect(after.checks.find((c) => c.id === 'apigw.unsigned-methods')?.status).toBe('pass');
  });

  it('the same policy in front of methods that all require AWS_IAM → no finding (signed calls carry the role)', async () => {
    const report = await diagnose(account('AWS_IAM'));
    expect(report.findings.map((x) => x.id)).not.toContain('apigw.unsigned-method-endpoint-policy');
  });

  it('GetResources refused by IAM → skipped naming apigateway:GET, never healthy', async () => {
    const a = account('NONE');
    a.denied = { 'apigateway.methods': 'apigateway:GET' };
    const report = await diagnose(a);
    const c = report.checks.find((x) => x.id === 'apigw.unsigned-methods');
    expect(c?.status).toBe('skipped');
    expect(c?.detail).toContain('apigateway:GET');
    expect(report.verdict).not.toBe('healthy');
  });
});
