import { describe, expect, it } from 'vitest';
import { grantFor, grantedResource } from '../../../src/analysis/policy/grant.js';
import { evaluatePolicy } from '../../../src/analysis/policy/evaluate.js';
import { parsePolicy } from '../../../src/analysis/policy/document.js';
import { repairEndpointPolicy } from '../../../src/analysis/policy/repair.js';
import { request } from './cases.js';

describe('what a policy fix grants: the narrowest thing the workload still works with', () => {
  it.each([
    [
      'a key under a prefix → the prefix',
      'arn:aws:s3:::acme-releases/releases/app-1.4.2.tar.gz',
      'arn:aws:s3:::acme-releases/releases/*',
    ],
    [
      'a dnf repository file → the repository tree',
      'arn:aws:s3:::al2023-repos-us-east-1-de612dc2/core/mirrors/latest/x86_64/mirror.list',
      'arn:aws:s3:::al2023-repos-us-east-1-de612dc2/core/*',
    ],
    ['a key at the top → the bucket objects', 'arn:aws:s3:::acme-releases/app.tar.gz', 'arn:aws:s3:::acme-releases/*'],
    ['any object → the bucket objects', 'arn:aws:s3:::acme-releases/*', 'arn:aws:s3:::acme-releases/*'],
    ['a bucket ARN → unchanged', 'arn:aws:s3:::acme-releases', 'arn:aws:s3:::acme-releases'],
    ['a queue ARN → unchanged', 'arn:aws:sqs:us-east-1:111122223333:jobs', 'arn:aws:sqs:us-east-1:111122223333:jobs'],
  ])('%s', (_label, arn, granted) => {
    expect(grantedResource(arn)).toBe(granted);
  });

  it.each([
    ['s3:GetObject', ['s3:GetObject', 's3:GetObjectVersion']],
    [
      'sqs:ReceiveMessage',
      ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes'],
    ],
    [
      'ecr:GetDownloadUrlForLayer',
      ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'],
    ],
    ['kms:Decrypt', ['kms:Decrypt']],
  ])('%s → its family %j', (action, family) => {
    expect(grantFor({ ...request(), action }).actions).toEqual(family);
  });

  it('the repaired endpoint policy allows the next object under the prefix too, and still not another prefix', () => {
    const probed = request({ resource: 'arn:aws:s3:::acme-releases/releases/app-1.4.2.tar.gz' });
    const allowList = {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Logs', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-logs/*' },
      ],
    };
    const r = repairEndpointPolicy(allowList, probed, 'gateway');
    if (r.kind !== 'repaired') throw new Error(r.kind);
    const policy = parsePolicy(r.document);
    if (!policy.ok) throw new Error(policy.error);
    const decide = (resource: string) =>
      evaluatePolicy(policy.policy, { ...probed, resource }, { mode: 'endpoint', endpointType: 'gateway' }).decision;
    expect(decide('arn:aws:s3:::acme-releases/releases/app-1.4.3.tar.gz')).toBe('allow');
    expect(decide('arn:aws:s3:::acme-releases/secrets/key.pem')).toBe('implicit-deny');
    expect(decide('arn:aws:s3:::acme-logs/2026/01/01.log')).toBe('allow');
  });
});
