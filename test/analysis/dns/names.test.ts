import { describe, expect, it } from 'vitest';
import {
  dnsNameCovers,
  hostnameFor,
  isSameOrSubdomain,
  serviceNameFor,
  shortServiceName,
} from '../../../src/analysis/dns/names.js';

describe('hostnameFor: the regional name a client resolves', () => {
  it.each([
    ['s3', 'us-east-1', 's3.us-east-1.amazonaws.com'],
    ['sqs', 'eu-west-1', 'sqs.eu-west-1.amazonaws.com'],
    ['sts', 'us-east-1', 'sts.us-east-1.amazonaws.com'],
    ['ssm', 'ap-southeast-2', 'ssm.ap-southeast-2.amazonaws.com'],
    ['ecr.api', 'us-east-1', 'api.ecr.us-east-1.amazonaws.com'],
    ['ecr.dkr', 'us-east-1', 'dkr.ecr.us-east-1.amazonaws.com'],
    ['com.amazonaws.us-west-2.sqs', 'us-east-1', 'sqs.us-west-2.amazonaws.com'],
    ['com.amazonaws.eu-central-1.ecr.dkr', 'eu-central-1', 'dkr.ecr.eu-central-1.amazonaws.com'],
    ['s3', 'cn-north-1', 's3.cn-north-1.amazonaws.com.cn'],
  ])('%s in %s → %s', (service, region, expected) => {
    expect(hostnameFor(service, region)).toBe(expected);
  });

  it('serviceNameFor builds com.amazonaws.<region>.<svc> and keeps full names', () => {
    expect(serviceNameFor('ecr.api', 'us-east-1')).toBe('com.amazonaws.us-east-1.ecr.api');
    expect(serviceNameFor('com.amazonaws.eu-west-1.s3', 'us-east-1')).toBe('com.amazonaws.eu-west-1.s3');
    expect(shortServiceName('com.amazonaws.eu-west-1.ssmmessages')).toBe('ssmmessages');
  });
});

describe('name matching is label-wise, case- and trailing-dot-insensitive', () => {
  it.each([
    ['sqs.us-east-1.amazonaws.com', 'amazonaws.com.', true],
    ['SQS.us-east-1.amazonaws.com.', 'us-east-1.AMAZONAWS.com', true],
    ['sqs.us-east-1.amazonaws.com', 'sqs.us-east-1.amazonaws.com.', true],
    ['xamazonaws.com', 'amazonaws.com', false],
    ['amazonaws.com', 'us-east-1.amazonaws.com', false],
    ['anything.example', '.', true],
  ])('%s under %s → %s', (name, domain, expected) => {
    expect(isSameOrSubdomain(name, domain)).toBe(expected);
  });

  it('a wildcard private DNS name covers exactly one more label', () => {
    expect(dnsNameCovers('*.dkr.ecr.us-east-1.amazonaws.com', '123456789012.dkr.ecr.us-east-1.amazonaws.com')).toBe(
      true,
    );
    expect(dnsNameCovers('*.dkr.ecr.us-east-1.amazonaws.com', 'dkr.ecr.us-east-1.amazonaws.com')).toBe(false);
    expect(dnsNameCovers('sts.us-east-1.amazonaws.com', 'sts.amazonaws.com')).toBe(false);
  });
});
