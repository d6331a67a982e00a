// The boundary check under every AWS client: what AWS sends passes untouched; what a proxy,
// captive portal or broken connection sends instead is named, never handed to a deserialiser
// that could turn it into an empty fact.
import { describe, expect, it } from 'vitest';
import { replyProblem } from '../../src/probes/live/http.js';

const body = (s: string) => Buffer.from(s);

describe('replyProblem: is this body an AWS reply?', () => {
  it.each<[string, string, number]>([
    [
      'EC2 query XML',
      '<?xml version="1.0" encoding="UTF-8"?>\n<DescribeVpcsResponse xmlns="x"><vpcSet/></DescribeVpcsResponse>',
      200,
    ],
    [
      'an EC2 error document',
      '<Response><Errors><Error><Code>InvalidVpcID.NotFound</Code></Error></Errors></Response>',
      400,
    ],
    ['a self-closed root', '<?xml version="1.0"?><LocationConstraint xmlns="x"/>', 200],
    ['awsJson', '{"ResolverRuleAssociations":[]}', 200],
    ['S3 bucket policy text', '{"Version":"2012-10-17","Statement":[]}', 200],
    ['204 with no body', '', 204],
  ])('%s passes', (_name, text, status) => {
    expect(replyProblem(body(text), status)).toBeNull();
  });

  it.each<[string, string, number, string]>([
    ['an HTML page with 200', '<!DOCTYPE html><html><body>Sign in</body></html>', 200, 'an HTML page'],
    ['an HTML page with 502', '<html><head><title>502 Bad Gateway</title></head></html>', 502, 'an HTML page'],
    [
      'XML cut off mid-document',
      '<DescribeVpcsResponse><vpcSet><item><vpcId>vpc-1</vpcId>',
      200,
      'a truncated XML document',
    ],
    ['JSON cut off', '{"ResolverRuleAssociations":[{"Id":', 200, 'a truncated or invalid JSON document'],
    ['an empty 200', '', 200, 'an empty body'],
    ['an empty 404', '   ', 404, 'an empty body'],
    [
      'plain text',
      'upstream connect error or disconnect/reset before headers',
      503,
      'text that is neither XML nor JSON',
    ],
  ])('%s → %s', (_name, text, status, problem) => {
    expect(replyProblem(body(text), status)).toContain(problem);
  });
});
