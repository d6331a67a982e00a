import { describe, expect, it } from 'vitest';
import { customDhcpServers, vpcResolverAddress } from '../../../src/analysis/dns/dhcp.js';
import type { DhcpOptions } from '../../../src/analysis/dns/types.js';
import { REGION, VPC } from './fixtures.js';

const options = (...servers: string[]): DhcpOptions => ({
  DhcpOptionsId: 'dopt-0abc',
  DhcpConfigurations: [
    { Key: 'domain-name', Values: [{ Value: 'ec2.internal' }] },
    { Key: 'domain-name-servers', Values: servers.map((Value) => ({ Value })) },
  ],
});

describe('vpcResolverAddress: VPC CIDR base + 2', () => {
  it.each([
    ['10.0.0.0/16', '10.0.0.2'],
    ['10.1.128.0/17', '10.1.128.2'],
    ['172.31.5.9/16', '172.31.0.2'],
    ['192.168.0.0/24', '192.168.0.2'],
    ['not-a-cidr', null],
  ])('%s → %s', (cidr, expected) => {
    expect(vpcResolverAddress(cidr)).toBe(expected);
  });
});

describe('customDhcpServers', () => {
  it.each([
    ['no option set (moto "default")', undefined],
    ['AmazonProvidedDNS', options('AmazonProvidedDNS')],
    ['the VPC resolver by address', options('10.0.0.2')],
    ['the link-local Amazon resolver', options('169.254.169.253')],
  ])('%s → Amazon only, no finding', (_label, dhcp) => {
    const result = customDhcpServers(dhcp, { vpcId: VPC, vpcCidr: '10.0.0.0/16', region: REGION });
    expect(result.amazonOnly).toBe(true);
    expect(result.finding).toBeNull();
  });

  it('DNS servers inside the VPC → forward us-east-1.amazonaws.com to VPC+2', () => {
    const result = customDhcpServers(options('10.0.5.10', '10.0.5.11'), {
      vpcId: VPC,
      vpcCidr: '10.0.0.0/16',
      region: REGION,
    });
    expect(result.finding?.fix.summary).toContain('us-east-1.amazonaws.com to 10.0.0.2');
    expect(result.finding?.fix.summary).not.toContain('inbound Resolver endpoint');
  });

  it('corporate DNS servers outside the VPC → dns.custom-dhcp-servers: an inbound Resolver endpoint to forward to (VPC+2 answers only inside the VPC), or AmazonProvidedDNS keeping the other options', () => {
    const dopt = options('10.50.0.10', '10.50.0.11');
    const result = customDhcpServers(dopt, {
      vpcId: VPC,
      vpcCidr: '10.0.0.0/16',
      region: REGION,
    });
    expect(result.custom).toEqual(['10.50.0.10', '10.50.0.11']);
    expect(result.vpcResolver).toBe('10.0.0.2');
    expect(result.finding?.id).toBe('dns.custom-dhcp-servers');
    expect(result.finding?.fix.summary).toContain('create an inbound Resolver endpoint in');
    expect(result.finding?.fix.summary).toContain('forwarder for us-east-1.amazonaws.com to its addresses');
    expect(result.finding?.evidence[0]).toContain('dopt-0abc');
    expect(result.finding?.fix.commands.map((c) => c.line)).toEqual([]);
    expect(result.finding?.fix.alternatives?.[0]?.commands.map((c) => c.line)).toEqual([
      'DOPT_ID=$(aws ec2 create-dhcp-options --dhcp-configurations Key=domain-name-servers,Values=AmazonProvidedDNS Key=domain-name,Values=ec2.internal --query DhcpOptions.DhcpOptionsId --output text --region us-east-1)',
      `aws ec2 associate-dhcp-options --dhcp-options-id "$DOPT_ID" --vpc-id ${VPC} --region us-east-1`,
    ]);
  });

  it('a custom server listed before AmazonProvidedDNS still counts', () => {
    const result = customDhcpServers(options('10.50.0.10', 'AmazonProvidedDNS'), { vpcId: VPC, region: REGION });
    expect(result.custom).toEqual(['10.50.0.10']);
    expect(result.finding).not.toBeNull();
  });
});
