// The hub endpoint's verdicts in words: how the spoke reaches it and what answers its name.
import type { HubDns, HubRoute } from './verdict.js';
import { bareZoneId } from './verdict.js';

export function viaLabel(route: HubRoute): string {
  return route.via.map((v) => `${v.id} (${v.kind === 'pcx' ? 'VPC peering' : 'transit gateway'})`).join(', ');
}

export function describeHubDns(
  dns: Extract<HubDns, { kind: 'zone' | 'rule' }>,
  spoke: string,
  hostname: string,
): string {
  if (dns.kind === 'rule') {
    const targets = (dns.rule.TargetIps ?? []).map((t) => t.Ip ?? t.Ipv6 ?? '?').join(', ');
    return `Resolver rule ${dns.rule.Id} (FORWARD ${dns.rule.DomainName ?? ''}${targets !== '' ? ` → ${targets}` : ''}) associated with ${spoke} sends ${hostname} to the hub's resolver`;
  }
  const z = dns.zone;
  return `private hosted zone ${bareZoneId(z.HostedZoneId)} (${z.Name}) is associated with ${spoke}${dns.sharedWithHub ? ' and with the hub VPC' : ''} and answers ${hostname}`;
}
