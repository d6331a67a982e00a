// The printed commands, exactly: a wrong flag in a fix is a defect.
import { describe, expect, it } from 'vitest';
import * as fixes from '../../../src/analysis/dns/fixes.js';

describe('fix commands', () => {
  it.each([
    [
      fixes.enableDnsSupport('vpc-1', 'us-east-1'),
      `aws ec2 modify-vpc-attribute --vpc-id vpc-1 --enable-dns-support '{"Value":true}' --region us-east-1`,
    ],
    [
      fixes.enableDnsHostnames('vpc-1', 'us-east-1'),
      `aws ec2 modify-vpc-attribute --vpc-id vpc-1 --enable-dns-hostnames '{"Value":true}' --region us-east-1`,
    ],
    [
      fixes.enablePrivateDns('vpce-1', 'us-east-1'),
      'aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-1 --private-dns-enabled --region us-east-1',
    ],
    [
      fixes.enablePrivateDns('vpce-1', 'us-east-1', false),
      'aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-1 --private-dns-enabled --dns-options PrivateDnsOnlyForInboundResolverEndpoint=false --region us-east-1',
    ],
    [
      fixes.addEndpointSubnet('vpce-1', 'subnet-1', 'us-east-1'),
      'aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-1 --add-subnet-ids subnet-1 --region us-east-1',
    ],
    [
      fixes.disassociateResolverRule('vpc-1', 'rslvr-rr-1', 'us-east-1'),
      'aws route53resolver disassociate-resolver-rule --vpc-id vpc-1 --resolver-rule-id rslvr-rr-1 --region us-east-1',
    ],
    [fixes.stsRegionalEndpoints(), 'aws configure set sts_regional_endpoints regional'],
    [
      fixes.disassociateVpcFromHostedZone('/hostedzone/Z123', 'vpc-1', 'eu-west-1'),
      'aws route53 disassociate-vpc-from-hosted-zone --hosted-zone-id Z123 --vpc VPCRegion=eu-west-1,VPCId=vpc-1 --region eu-west-1',
    ],
    [
      fixes.createInterfaceEndpoint({
        region: 'us-east-1',
        vpcId: 'vpc-1',
        serviceName: 'com.amazonaws.us-east-1.ssm',
        subnetIds: ['subnet-1', 'subnet-2'],
        securityGroupIds: ['sg-1'],
      }),
      'aws ec2 create-vpc-endpoint --vpc-id vpc-1 --vpc-endpoint-type Interface --service-name com.amazonaws.us-east-1.ssm --subnet-ids subnet-1 subnet-2 --security-group-ids sg-1 --private-dns-enabled --region us-east-1',
    ],
  ])('%s', (actual, expected) => {
    expect(actual.line).toBe(expected);
  });

  it('an inbound Resolver endpoint with no group given: a group created first, its id captured, no placeholder', () => {
    const lines = fixes
      .createInboundResolverEndpoint({
        region: 'us-east-1',
        vpcId: 'vpc-1',
        subnetIds: ['subnet-1'],
        clientCidr: '192.168.0.0/16',
      })
      .map((c) => c.line);
    expect(lines).toEqual([
      "DNS_SG_ID=$(aws ec2 create-security-group --group-name vpce-doctor-inbound-dns-vpc-1 --description 'DNS (TCP and UDP 53) from on-premises DNS servers to the inbound Resolver endpoint' --vpc-id vpc-1 --query GroupId --output text --region us-east-1)",
      "aws ec2 authorize-security-group-ingress --group-id \"$DNS_SG_ID\" --ip-permissions 'IpProtocol=udp,FromPort=53,ToPort=53,IpRanges=[{CidrIp=192.168.0.0/16}]' 'IpProtocol=tcp,FromPort=53,ToPort=53,IpRanges=[{CidrIp=192.168.0.0/16}]' --region us-east-1",
      'aws route53resolver create-resolver-endpoint --creator-request-id vpce-doctor-inbound-vpc-1 --name inbound-vpc-1 --direction INBOUND --security-group-ids "$DNS_SG_ID" --ip-addresses SubnetId=subnet-1 SubnetId=subnet-1 --region us-east-1',
    ]);
  });

  it('a SYSTEM rule for the exact name, created then associated', () => {
    expect(fixes.systemRuleForName('vpc-1', 'sqs.us-east-1.amazonaws.com', 'us-east-1').map((c) => c.line)).toEqual([
      'RULE_ID=$(aws route53resolver create-resolver-rule --creator-request-id vpce-doctor-sqs.us-east-1.amazonaws.com --name vpce-doctor-sqs-us-east-1-amazonaws-com --rule-type SYSTEM --domain-name sqs.us-east-1.amazonaws.com --query ResolverRule.Id --output text --region us-east-1)',
      'aws route53resolver associate-resolver-rule --resolver-rule-id "$RULE_ID" --name vpce-doctor-sqs-us-east-1-amazonaws-com --vpc-id vpc-1 --region us-east-1',
    ]);
  });
});
