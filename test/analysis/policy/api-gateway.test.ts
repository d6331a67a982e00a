// API Gateway through a VPC over fixture accounts: the API's endpoint type against the execute-api
// endpoint's private DNS; a read IAM refuses is never a pass.
import { describe, expect, it } from 'vitest';
import type { Answers } from '../../../src/path/answers.js';
import { unescapePolicy } from '../../../src/probes/live/resource-policies.js';
import { fixtureProbes } from '../../support/fixtures/index.js';
import { baseAccount, IDS } from '../../support/fixtures/world.js';
import { addInterfaceEndpoint } from '../../recordings/scenarios/dns.js';
import { reportOf, walk } from '../../support/diagnose.js';

const answers: Answers = {
  region: 'us-east-1',
  service: 'execute-api',
  'source.kind': 'instance',
  'source.id': IDS.instance,
  symptom: 'unknown',
  'target.hostname': 'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com',
};

function account(types: string[], privateDns: boolean) {
  const a = baseAccount();
  addInterfaceEndpoint(a, 'execute-api', { privateDns });
  a.resources = { a1b2c3d4e5: { endpointTypes: types } };
  return a;
}

async function diagnose(a: ReturnType<typeof account>) {
  return reportOf(await walk(answers, fixtureProbes(a), { how: 'seeded' }));
}

describe('API Gateway through a VPC', () => {
  it('a private API by its default name with private DNS on → the endpoint-type check passes, healthy', async () => {
    const report = await diagnose(account(['PRIVATE'], true));
    expect(report.checks.find((c) => c.id === 'apigw.endpoint-type')?.status).toBe('pass');
    expect(report.findings.filter((f) => f.id.startsWith('apigw.'))).toEqual([]);
    expect(report.verdict).toBe('healthy');
  });

  it('GetRestApi denied → the check is skipped naming apigateway:GET, incomplete, never healthy', async () => {
    const a = account(['REGIONAL'], true);
    a.denied = { 'apigateway.rest-api': 'apigateway:GET' };
    const report = await diagnose(a);
    const c = report.checks.find((x) => x.id === 'apigw.endpoint-type');
    expect(c?.status).toBe('skipped');
    expect(c?.detail).toContain('apigateway:GET');
    expect(report.verdict).toBe('incomplete');
  });

  it('GetRestApi returns the policy with escaped quotes → read as the JSON document', () => {
    const escaped = '{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[]}';
    expect(JSON.parse(unescapePolicy(escaped)!)).toEqual({ Version: '2012-10-17', Statement: [] });
    expect(unescapePolicy('{"Version":"2012-10-17"}')).toBe('{"Version":"2012-10-17"}');
    expect(unescapePolicy(undefined)).toBeNull();
  });
});
