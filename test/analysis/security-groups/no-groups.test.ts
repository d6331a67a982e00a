// A source whose description lists no security groups: a subnet has none by nature, an
// AWS-managed interface may have none, an instance always has one — so for an instance the
// list is short of what EC2 gives it: the check says so and judges nothing.
import { describe, expect, it } from 'vitest';
import { baseAccount, endpointRoute, gatewayEndpoint, IDS } from '../../support/fixtures/world.js';
import { diagnose } from '../../support/diagnose.js';

function s3Gateway() {
  const a = baseAccount();
  a.endpoints.push(gatewayEndpoint(IDS.s3Gateway, IDS.vpc, [IDS.appRtb, IDS.mainRtb]));
  for (const t of a.routeTables) t.Routes.push(endpointRoute(IDS.s3Gateway));
  return a;
}

describe('a source that lists no security groups', () => {
  it('an instance described with no groups → sg.source-egress warns that the list is short of what EC2 gives every instance, never "a subnet"', async () => {
    const a = s3Gateway();
    for (const s of a.sources) if (s.Kind === 'instance') s.Groups = [];
    const r = await diagnose(a, {
      region: 'us-east-1',
      service: 's3',
      'source.kind': 'instance',
      'source.id': IDS.instance,
      symptom: 'timeout',
    });
    const egress = r.checks.find((c) => c.detail.includes('lists no security groups'));
    expect(egress?.status).toBe('warn');
    expect(egress?.detail).toMatch(/^not judged: .* EC2 gives every instance at least one/);
    expect(egress?.detail).toContain(IDS.instance);
    expect(r.checks.map((c) => c.detail).join('\n')).not.toMatch(/is a subnet and has no security groups/);
  });

  it('the same gateway path from the working instance → healthy (the scenario is otherwise sound)', async () => {
    const r = await diagnose(s3Gateway(), {
      region: 'us-east-1',
      service: 's3',
      'source.kind': 'instance',
      'source.id': IDS.instance,
      symptom: 'timeout',
    });
    expect(r.verdict).toBe('healthy');
  });
});
