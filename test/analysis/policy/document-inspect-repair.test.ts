import { grantedResource } from '../../../src/analysis/policy/grant.js';
import { describe, expect, it } from 'vitest';
import { parsePolicy, type PolicyDocument } from '../../../src/analysis/policy/document.js';
import { evaluatePolicy } from '../../../src/analysis/policy/evaluate.js';
import { isDefaultFullAccess, usesSourceIp, vpcConditions } from '../../../src/analysis/policy/inspect.js';
import { repairEndpointPolicy, repairResourcePolicy, repairSourceIp } from '../../../src/analysis/policy/repair.js';
import { BUCKET, ECR_LAYER_OBJECT, ROLE, request } from './cases.js';

function parsed(policy: unknown): PolicyDocument {
  const result = parsePolicy(policy);
  if (!result.ok) throw new Error(result.error);
  return result.policy;
}

const bucketPolicy = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'AllowApp', Effect: 'Allow', Principal: { AWS: ROLE }, Action: 's3:*', Resource: [BUCKET, `${BUCKET}/*`] },
    {
      Sid: 'DenyOtherVpce',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: [BUCKET, `${BUCKET}/*`],
      Condition: { StringNotEquals: { 'aws:sourceVpce': 'vpce-1a2b' } },
    },
  ],
};

describe('parsePolicy', () => {
  it('accepts JSON text, a single Statement object and string-or-array elements', () => {
    const result = parsePolicy(
      JSON.stringify({
        Statement: {
          Effect: 'Allow',
          Principal: { AWS: ['111122223333'], Service: 'ec2.amazonaws.com' },
          Action: 's3:GetObject',
          Resource: '*',
        },
      }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [s] = result.policy.statements;
    expect(s?.action.values).toEqual(['s3:GetObject']);
    expect(s?.principal?.spec).toEqual({
      kind: 'specific',
      aws: ['111122223333'],
      service: ['ec2.amazonaws.com'],
      federated: [],
      canonicalUser: [],
    });
  });

  it.each([
    ['not JSON', '{"Statement": ', /not valid JSON/],
    ['no Statement', { Version: '2012-10-17' }, /no Statement/],
    ['bad Effect', { Statement: [{ Effect: 'Permit', Action: '*', Resource: '*' }] }, /Effect must be/],
    [
      'Action and NotAction',
      { Statement: [{ Effect: 'Allow', Action: '*', NotAction: 's3:*', Resource: '*' }] },
      /both Action and NotAction/,
    ],
    ['no Resource', { Statement: [{ Effect: 'Allow', Action: '*' }] }, /needs Resource or NotResource/],
    [
      'unknown operator',
      { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEqualz: { k: 'v' } } }] },
      /not an IAM operator/,
    ],
    [
      'NullIfExists',
      { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { NullIfExists: { k: 'true' } } }] },
      /Null takes no IfExists/,
    ],
    [
      'bad principal type',
      { Statement: [{ Effect: 'Allow', Principal: { User: 'x' }, Action: '*', Resource: '*' }] },
      /unknown principal type/,
    ],
    [
      'non-string action',
      { Statement: [{ Effect: 'Allow', Action: [1], Resource: '*' }] },
      /Action\[0\] must be a string/,
    ],
  ])('rejects %s with a clear error value', (_name, input, message) => {
    const result = parsePolicy(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });
});

describe('inspect', () => {
  it('usesSourceIp returns the statement and its CIDRs', () => {
    const doc = parsed({
      Statement: [
        {
          Sid: 'Office',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: '*',
          Condition: { NotIpAddress: { 'aws:SourceIp': ['198.51.100.0/24', '203.0.113.0/24'] } },
        },
        { Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' },
      ],
    });
    expect(usesSourceIp(doc)).toEqual([
      {
        index: 0,
        sid: 'Office',
        effect: 'Deny',
        operator: 'NotIpAddress',
        key: 'aws:SourceIp',
        cidrs: ['198.51.100.0/24', '203.0.113.0/24'],
      },
    ]);
  });

  it('isDefaultFullAccess recognises the endpoint default and nothing narrower', () => {
    expect(
      isDefaultFullAccess(parsed({ Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] })),
    ).toBe(true);
    expect(
      isDefaultFullAccess(
        parsed({
          Version: '2008-10-17',
          Statement: { Effect: 'Allow', Principal: { AWS: '*' }, Action: ['*'], Resource: '*' },
        }),
      ),
    ).toBe(true);
    expect(
      isDefaultFullAccess(parsed({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' }] })),
    ).toBe(false);
    expect(
      isDefaultFullAccess(
        parsed({
          Statement: [
            {
              Effect: 'Allow',
              Principal: '*',
              Action: '*',
              Resource: '*',
              Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-1' } },
            },
          ],
        }),
      ),
    ).toBe(false);
  });

  it('vpcConditions finds aws:sourceVpce in any casing, with canonical key and values', () => {
    expect(vpcConditions(parsed(bucketPolicy))).toEqual([
      {
        index: 1,
        sid: 'DenyOtherVpce',
        effect: 'Deny',
        operator: 'StringNotEquals',
        key: 'aws:SourceVpce',
        keyAsWritten: 'aws:sourceVpce',
        values: ['vpce-1a2b'],
      },
    ]);
  });
});

describe('repairResourcePolicy', () => {
  it('bucket pinned to vpce-1a2b, request through vpce-9f8e → adds vpce-9f8e to the Deny list, keeps the rest', () => {
    const result = repairResourcePolicy(
      JSON.stringify(bucketPolicy),
      request({ context: { 'aws:SourceVpce': 'vpce-9f8e' } }),
    );
    expect(result.kind).toBe('repaired');
    if (result.kind !== 'repaired') return;
    expect(result.after).toBe('allow');
    expect(result.changes).toEqual([
      'statement DenyOtherVpce (Deny): added vpce-9f8e to StringNotEquals aws:sourceVpce',
    ]);
    expect(result.document).toEqual({
      ...bucketPolicy,
      Statement: [
        bucketPolicy.Statement[0],
        {
          ...bucketPolicy.Statement[1],
          Condition: { StringNotEquals: { 'aws:sourceVpce': ['vpce-1a2b', 'vpce-9f8e'] } },
        },
      ],
    });
    expect(result.json).toBe(JSON.stringify(result.document, null, 2));
  });

  it('the same for aws:SourceVpc', () => {
    const policy = {
      Statement: [
        {
          Sid: 'DenyOtherVpc',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: '*',
          Condition: { StringNotEquals: { 'aws:SourceVpc': ['vpc-0aa1'] } },
        },
      ],
    };
    const result = repairResourcePolicy(
      policy,
      request({ context: { 'aws:SourceVpc': 'vpc-0bb2', 'aws:SourceVpce': 'vpce-9f8e' } }),
    );
    expect(result.kind === 'repaired' && result.document).toEqual({
      Statement: [
        { ...policy.Statement[0], Condition: { StringNotEquals: { 'aws:SourceVpc': ['vpc-0aa1', 'vpc-0bb2'] } } },
      ],
    });
  });

  it('a Deny for every principal but a listed role (ArnNotEquals aws:PrincipalArn) → the caller joins the list', () => {
    const ecs = 'arn:aws:iam::123456789012:role/orders-ecs-task';
    const lambda = 'arn:aws:iam::123456789012:role/orders-lambda';
    const deny = {
      Sid: 'OnlyOrdersTask',
      Effect: 'Deny',
      Principal: '*',
      Action: 'secretsmanager:*',
      Resource: '*',
      Condition: { ArnNotEquals: { 'aws:PrincipalArn': ecs } },
    };
    const result = repairResourcePolicy(
      { Statement: [deny] },
      request({ action: 'secretsmanager:GetSecretValue', context: { 'aws:PrincipalArn': lambda } }),
    );
    expect(result.kind === 'repaired' && result.document).toEqual({
      Statement: [{ ...deny, Condition: { ArnNotEquals: { 'aws:PrincipalArn': [ecs, lambda] } } }],
    });
  });

  it('request over NAT (no endpoint) cannot be fixed by editing the list', () => {
    const result = repairResourcePolicy(bucketPolicy, request({ context: { 'aws:SourceIp': '203.0.113.7' } }));
    expect(result.kind).toBe('not-repairable');
    if (result.kind === 'not-repairable') {
      expect(result.statements).toEqual([{ index: 1, sid: 'DenyOtherVpce' }]);
      expect(result.reason).toContain('does not arrive through a VPC endpoint');
    }
  });

  it('a policy that already allows is left unchanged', () => {
    expect(repairResourcePolicy(bucketPolicy, request({ context: { 'aws:SourceVpce': 'vpce-1a2b' } })).kind).toBe(
      'unchanged',
    );
  });

  it('rejects malformed input as a value', () => {
    expect(repairResourcePolicy('not json', request())).toMatchObject({ kind: 'invalid' });
  });
});

describe('repairEndpointPolicy', () => {
  const allowList = {
    Version: '2012-10-17',
    Statement: [{ Sid: 'AppBucket', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${BUCKET}/*` }],
  };

  it('ECR image pull through an S3 gateway allow-list → appends VpceDoctorAllow for the layer bucket', () => {
    const req = request({ resource: ECR_LAYER_OBJECT });
    const result = repairEndpointPolicy(allowList, req, 'gateway');
    expect(result.kind).toBe('repaired');
    if (result.kind !== 'repaired') return;
    expect(result.after).toBe('allow');
    expect(result.document['Statement']).toEqual([
      allowList.Statement[0],
      {
        Sid: 'VpceDoctorAllowS3GetObject',
        Effect: 'Allow',
        Principal: '*',
        Action: ['s3:GetObject', 's3:GetObjectVersion'],
        Resource: grantedResource(ECR_LAYER_OBJECT),
      },
    ]);
    expect(result.json.split('\n')[1]).toBe('  "Version": "2012-10-17",');
  });

  it('keeps Sids unique and turns a single Statement object into a list', () => {
    const single = {
      Statement: {
        Sid: 'VpceDoctorAllowS3GetObject',
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:PutObject',
        Resource: '*',
      },
    };
    const result = repairEndpointPolicy(single, request());
    expect(result.kind === 'repaired' && result.document['Statement']).toEqual([
      single.Statement,
      {
        Sid: 'VpceDoctorAllowS3GetObject2',
        Effect: 'Allow',
        Principal: '*',
        Action: ['s3:GetObject', 's3:GetObjectVersion'],
        Resource: grantedResource(request().resource),
      },
    ]);
  });

  it('an explicit Deny decides → not repairable by appending, names the statement to edit', () => {
    const policy = {
      Statement: [
        { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' },
        {
          Sid: 'OnlyOrg',
          Effect: 'Deny',
          Principal: '*',
          Action: '*',
          Resource: '*',
          Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc123' } },
        },
      ],
    };
    const result = repairEndpointPolicy(policy, request({ context: { 'aws:PrincipalOrgID': 'o-zzz999' } }));
    expect(result.kind).toBe('not-repairable');
    if (result.kind === 'not-repairable') {
      expect(result.statements).toEqual([{ index: 1, sid: 'OnlyOrg' }]);
      expect(result.reason).toContain('edit statement OnlyOrg');
      expect(result.reason).toContain(
        'StringNotEquals aws:PrincipalOrgID expected [o-abc123] and this path sends o-zzz999',
      );
    }
  });
});

describe('repairEndpointPolicy: a Deny unless the caller is listed', () => {
  const ECS = 'arn:aws:iam::123456789012:role/orders-ecs-task';
  const LAMBDA = 'arn:aws:iam::123456789012:role/orders-lambda';
  const policy = () => ({
    Statement: [
      { Sid: 'All', Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' },
      {
        Sid: 'OnlyOrdersTask',
        Effect: 'Deny',
        Principal: '*',
        Action: '*',
        Resource: '*',
        Condition: { ArnNotEquals: { 'aws:PrincipalArn': ECS } },
      },
    ],
  });

  it('Deny with ArnNotEquals aws:PrincipalArn leaving the caller out → the caller joins the list; the Deny stays for everyone else and the request is allowed', () => {
    const result = repairEndpointPolicy(policy(), request({ context: { 'aws:PrincipalArn': LAMBDA } }));
    expect(result.kind).toBe('repaired');
    if (result.kind !== 'repaired') return;
    expect(result.document).toEqual({
      Statement: [
        policy().Statement[0],
        { ...policy().Statement[1], Condition: { ArnNotEquals: { 'aws:PrincipalArn': [ECS, LAMBDA] } } },
      ],
    });
    expect(result.changes).toEqual([
      `statement OnlyOrdersTask (Deny): added ${LAMBDA} to ArnNotEquals aws:PrincipalArn, so it no longer denies this request`,
    ]);
    expect(result.after).toBe('allow');
  });

  it('the same Deny on aws:PrincipalOrgID stays not repairable (another organization is a decision, not a listing)', () => {
    const org = policy();
    org.Statement[1]!.Condition = { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } as never;
    expect(repairEndpointPolicy(org, request({ context: { 'aws:PrincipalOrgID': 'o-zzz999' } })).kind).toBe(
      'not-repairable',
    );
  });
});

describe('repairEndpointPolicy: a Deny without a condition', () => {
  const allowAll = { Sid: 'All', Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' };

  it('the Deny lists the bucket among others → only that entry goes, the rest of the Deny stays', () => {
    const deny = {
      Sid: 'NoSensitive',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: [`${BUCKET}/*`, 'arn:aws:s3:::acme-secrets/*'],
    };
    const result = repairEndpointPolicy({ Version: '2012-10-17', Statement: [allowAll, deny] }, request(), 'gateway');
    if (result.kind !== 'repaired') throw new Error(result.kind);
    expect(result.after).toBe('allow');
    expect(result.document['Statement']).toEqual([allowAll, { ...deny, Resource: ['arn:aws:s3:::acme-secrets/*'] }]);
    expect(result.changes[0]).toContain(`removed ${BUCKET}/* from its Resource`);
  });

  it('the Deny covers only what the request needs → the statement goes, every other stays', () => {
    const deny = { Sid: 'ReadOnlyNoGet', Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: '*' };
    const result = repairEndpointPolicy({ Version: '2012-10-17', Statement: [allowAll, deny] }, request(), 'gateway');
    if (result.kind !== 'repaired') throw new Error(result.kind);
    expect(result.after).toBe('allow');
    expect(result.document['Statement']).toEqual([allowAll]);
    expect(result.changes[0]).toContain('removed statement ReadOnlyNoGet');
  });

  it('the Deny was the only thing allowing nothing else → removed, then the narrow Allow appended', () => {
    const list = {
      Sid: 'Logs',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::acme-logs/*',
    };
    const deny = { Sid: 'NoBucket', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: `${BUCKET}/*` };
    const result = repairEndpointPolicy({ Version: '2012-10-17', Statement: [list, deny] }, request(), 'gateway');
    if (result.kind !== 'repaired') throw new Error(result.kind);
    expect(result.after).toBe('allow');
    expect((result.document['Statement'] as { Sid: string }[]).map((st) => st.Sid)).toEqual([
      'Logs',
      'VpceDoctorAllowS3GetObject',
    ]);
    expect(result.changes).toHaveLength(2);
  });
});

describe('repairSourceIp', () => {
  it('Allow by office CIDR → adds a sibling Allow for the endpoint, keeps the CIDR rule', () => {
    const policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'Office',
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: `${BUCKET}/*`,
          Condition: { IpAddress: { 'aws:SourceIp': ['198.51.100.0/24'] } },
        },
      ],
    };
    const result = repairSourceIp(policy, 'vpce-1a2b');
    expect(result.kind).toBe('repaired');
    if (result.kind !== 'repaired') return;
    expect(result.document['Statement']).toEqual([
      policy.Statement[0],
      {
        Sid: 'OfficeViaVpce',
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: `${BUCKET}/*`,
        Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b' } },
      },
    ]);
    const fixed = parsed(result.document);
    expect(
      evaluatePolicy(fixed, request({ context: { 'aws:SourceVpce': 'vpce-1a2b' } }), { mode: 'resource' }).decision,
    ).toBe('allow');
    expect(
      evaluatePolicy(fixed, request({ context: { 'aws:SourceIp': '198.51.100.4' } }), { mode: 'resource' }).decision,
    ).toBe('allow');
  });

  it('Deny outside office CIDR → the Deny also exempts the endpoint', () => {
    const policy = {
      Statement: [
        { Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' },
        {
          Sid: 'DenyOutsideOffice',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: '*',
          Condition: { NotIpAddress: { 'aws:SourceIp': '198.51.100.0/24' } },
        },
      ],
    };
    const result = repairSourceIp(policy, 'vpce-1a2b');
    expect(result.kind).toBe('repaired');
    if (result.kind !== 'repaired') return;
    const fixed = parsed(result.document);
    expect(
      evaluatePolicy(fixed, request({ context: { 'aws:SourceVpce': 'vpce-1a2b' } }), { mode: 'resource' }).decision,
    ).toBe('allow');
    expect(
      evaluatePolicy(fixed, request({ context: { 'aws:SourceVpce': 'vpce-9999' } }), { mode: 'resource' }).decision,
    ).toBe('explicit-deny');
    expect(
      evaluatePolicy(fixed, request({ context: { 'aws:SourceIp': '203.0.113.9' } }), { mode: 'resource' }).decision,
    ).toBe('explicit-deny');
  });

  it('no aws:SourceIp → unchanged', () => {
    expect(
      repairSourceIp({ Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] }, 'vpce-1a2b')
        .kind,
    ).toBe('unchanged');
  });
});
