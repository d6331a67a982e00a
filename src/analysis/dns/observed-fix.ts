// What to do when the observed answer is not the endpoint's: the configured cause, or the
// resolver the client really uses.
import type { Fix } from '../../findings/types.js';
import { vpcResolverAddress } from './dhcp.js';
import type { DnsExpectation } from './expected-answer.js';

export function resolvesPublicFix(facts: {
  region: string;
  vpcId: string;
  vpcCidr: string | undefined;
  endpointId: string;
  hostname: string;
  expectation: DnsExpectation | undefined;
  /** A gateway endpoint was meant: endpoint.wrong-type stands for dns.private-dns-disabled. */
  gatewayMeant: boolean;
  /** The --dns-server the name was resolved through, if any. */
  server: string | undefined;
  onPremises: boolean;
}): Fix {
  const { region, vpcId, hostname } = facts;
  const causes = (facts.expectation?.findings ?? []).map((f) =>
    facts.gatewayMeant && f.id === 'dns.private-dns-disabled' ? 'endpoint.wrong-type' : f.id,
  );
  if (causes.length > 0) {
    return {
      summary: `Fix ${causes.join(', ')} (reported above); ${hostname} then resolves to ${facts.endpointId}'s network interfaces.`,
      commands: [],
    };
  }
  const resolver = facts.vpcCidr !== undefined ? vpcResolverAddress(facts.vpcCidr) : null;
  const vpcResolver = `${resolver !== null ? `${resolver} (the VPC resolver) or ` : ''}169.254.169.253`;
  if (facts.server !== undefined) {
    return {
      summary: `${vpcId}'s configuration answers ${hostname} with ${facts.endpointId}'s addresses, but ${facts.server} does not: make it forward ${region}.amazonaws.com to ${vpcResolver}${facts.onPremises ? ' through an inbound Resolver endpoint' : ''}.`,
      commands: [],
    };
  }
  return {
    summary: `${vpcId}'s configuration answers ${hostname} with ${facts.endpointId}'s addresses, so this host is not asking the VPC resolver: point its resolver (/etc/resolv.conf, a local DNS cache or proxy) at ${vpcResolver}, or forward ${region}.amazonaws.com there.`,
    commands: [],
  };
}
