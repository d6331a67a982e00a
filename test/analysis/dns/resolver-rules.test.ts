import { describe, expect, it } from 'vitest';
import { matchResolverRule } from '../../../src/analysis/dns/resolver-rules.js';
import type { ResolverRule, ResolverRuleAssociation } from '../../../src/analysis/dns/types.js';
import { REGION, VPC } from './fixtures.js';

const forwardAmazonaws: ResolverRule = {
  Id: 'rslvr-rr-forwardaws0001',
  DomainName: 'amazonaws.com.',
  RuleType: 'FORWARD',
  Name: 'to-onprem',
  TargetIps: [{ Ip: '192.168.10.53', Port: 53 }],
  ResolverEndpointId: 'rslvr-out-0001',
};
const systemSqs: ResolverRule = {
  Id: 'rslvr-rr-systemsqs0002',
  DomainName: 'sqs.us-east-1.amazonaws.com.',
  RuleType: 'SYSTEM',
};
const internet: ResolverRule = { Id: 'rslvr-autodefined-rr-internet-resolver', DomainName: '.', RuleType: 'RECURSIVE' };
const assoc = (rule: ResolverRule, vpcId = VPC, Status = 'COMPLETE'): ResolverRuleAssociation => ({
  Id: `rslvr-rrassoc-${rule.Id.slice(-4)}`,
  ResolverRuleId: rule.Id,
  VPCId: vpcId,
  Status,
});

describe('matchResolverRule', () => {
  it('FORWARD rule for amazonaws.com associated with the VPC → dns.resolver-rule-override naming rule, targets and fix', () => {
    const result = matchResolverRule(
      'sqs.us-east-1.amazonaws.com',
      [forwardAmazonaws, internet],
      [assoc(forwardAmazonaws), assoc(internet)],
      VPC,
      REGION,
    );
    expect(result.matched && result.winner.rule.Id).toBe('rslvr-rr-forwardaws0001');
    expect(result.matched && result.forwards).toBe(true);
    expect(result.finding?.id).toBe('dns.resolver-rule-override');
    expect(result.finding?.evidence.join('\n')).toContain('192.168.10.53:53');
    expect(result.finding?.fix.commands.map((c) => c.line).join('\n')).toContain(
      'create-resolver-rule --creator-request-id vpce-doctor-sqs.us-east-1.amazonaws.com --name vpce-doctor-sqs-us-east-1-amazonaws-com --rule-type SYSTEM --domain-name sqs.us-east-1.amazonaws.com',
    );
    expect(result.finding?.fix.alternatives?.[0]?.commands.map((c) => c.line)).toEqual([
      `aws route53resolver disassociate-resolver-rule --vpc-id ${VPC} --resolver-rule-id rslvr-rr-forwardaws0001 --region us-east-1`,
    ]);
  });

  it('a SYSTEM rule for the exact name beats the FORWARD rule for the parent → no finding', () => {
    const result = matchResolverRule(
      'sqs.us-east-1.amazonaws.com',
      [forwardAmazonaws, systemSqs],
      [assoc(forwardAmazonaws), assoc(systemSqs)],
      VPC,
      REGION,
    );
    expect(result.matched && result.winner.rule.Id).toBe('rslvr-rr-systemsqs0002');
    expect(result.matched && result.outranked.map((c) => c.rule.Id)).toEqual(['rslvr-rr-forwardaws0001']);
    expect(result.finding).toBeNull();
  });

  it.each([
    ['associated with another VPC', [assoc(forwardAmazonaws, 'vpc-other')]],
    ['association FAILED', [assoc(forwardAmazonaws, VPC, 'FAILED')]],
    ['association DELETING', [assoc(forwardAmazonaws, VPC, 'DELETING')]],
  ])('FORWARD rule %s → no effect', (_label, associations) => {
    const result = matchResolverRule('sqs.us-east-1.amazonaws.com', [forwardAmazonaws], associations, VPC, REGION);
    expect(result.matched).toBe(false);
    expect(result.finding).toBeNull();
  });

  it('a rule for a sibling name does not match (label-wise)', () => {
    const sibling: ResolverRule = {
      Id: 'rslvr-rr-sib',
      DomainName: 'qs.us-east-1.amazonaws.com.',
      RuleType: 'FORWARD',
    };
    expect(matchResolverRule('sqs.us-east-1.amazonaws.com', [sibling], [assoc(sibling)], VPC, REGION).matched).toBe(
      false,
    );
  });

  it('only the autodefined recursive "." rule → matched, nothing forwarded', () => {
    const result = matchResolverRule('SQS.us-east-1.amazonaws.com.', [internet], [assoc(internet)], VPC, REGION);
    expect(result.matched && result.forwards).toBe(false);
    expect(result.finding).toBeNull();
  });
});
