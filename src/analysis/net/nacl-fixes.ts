// The commands that fix the network-ACL findings: allow entries numbered ahead of the deciding
// deny, per ACL and direction, with the quota and rule-number problems said in words.
import type { PathContext } from '../../path/context.js';
import type { FixCommand } from '../../findings/command.js';
import type { NetworkAcl } from '../../probes/shapes.js';
import type { ProbeRequest } from '../../probes/contract.js';
import { okValue } from '../../path/context.js';
import { endpointEnis, HTTPS_PORT, pathDestination, pathSource } from '../network-path/path.js';
import { EPHEMERAL_PORTS, evaluateNacl } from './network-acls.js';
import { naclFixForVerdicts } from './fixes.js';
import type { NaclVerdict, PortSpan } from './network-acls.js';

const spanText = (p: PortSpan): string => (p.from === p.to ? `tcp/${p.from}` : `tcp/${p.from}-${p.to}`);

/** One fix per ACL and direction: allow entries numbered below the deciding deny, one per peer CIDR. */
export function naclFixesFor(
  ctx: PathContext,
  acls: ReadonlyMap<string, NetworkAcl>,
  verdicts: readonly NaclVerdict[],
  widen?: (peer: string) => string,
): { commands: FixCommand[]; problems: string[]; parts: string[] } {
  const commands: FixCommand[] = [];
  const problems: string[] = [];
  const parts: string[] = [];
  const dst = pathDestination(ctx);
  const gateway = dst?.kind === 'gateway' && widen === undefined ? dst.prefixListName : undefined;
  const stale = new Set<string>();
  for (const acl of acls.values()) {
    for (const direction of ['outbound', 'inbound'] as const) {
      const denied = verdicts.filter(
        (v) => !v.allowed && v.networkAclId === acl.NetworkAclId && v.direction === direction,
      );
      if (denied.length === 0) continue;
      const fix = naclFixForVerdicts(acl, denied, ctx.region, widen);
      if (fix === undefined) continue;
      if (fix.problem !== undefined) problems.push(fix.problem);
      if (fix.quotaNote !== undefined) problems.push(fix.quotaNote);
      commands.push(...fix.commands);
      // ACL entries copy a prefix list as it is today: AWS changes the service's ranges over time.
      if (gateway !== undefined && fix.commands.length > 0 && !stale.has(gateway)) {
        stale.add(gateway);
        problems.push(
          `These entries copy the CIDRs of ${gateway} as they are today: when AWS changes that list, update them (a security group can name the prefix list itself)`,
        );
      }
      const ports = [...new Set(denied.map((v) => spanText(v.ports)))].join(', ');
      const peers = [...new Set(denied.map((v) => (widen ? widen(v.peer) : v.peer)))];
      parts.push(
        `${direction} ${ports} ${direction === 'outbound' ? 'to' : 'from'} ${peers.join(', ')} on ${acl.NetworkAclId}`,
      );
    }
  }
  return { commands, problems, parts };
}

/**
 * What the endpoint-side fix needs beyond the verdict: when an endpoint subnet's ACL blocks the
 * source's address, the source subnet's CIDR (ec2.subnets), so the entry admits the subnet rather
 * than the instance's /32. Asked only then: a healthy run makes no extra call.
 */
export function naclFixRequests(ctx: PathContext): ProbeRequest[] {
  const src = pathSource(ctx);
  const dst = pathDestination(ctx);
  if (src?.kind !== 'inside' || src.subnetCidr !== undefined || src.address === undefined) return [];
  // Through NAT64 the entry names the NAT gateway's address: no source subnet to widen to.
  if (src.nat64 !== undefined) return [];
  if (dst?.kind !== 'interface') return [];
  const enis = endpointEnis(ctx, dst.endpoint);
  if (!enis.ok) return [];
  const address = src.address;
  const blocked = [...new Set(enis.value.enis.map((e) => e.subnetId))]
    .filter((subnetId) => subnetId !== src.subnetId)
    .some((subnetId) => {
      const acl = okValue(ctx.probe('ec2.subnet-network-acl', { subnetId }));
      if (acl === undefined || acl === null) return false;
      return (
        !evaluateNacl(acl, { direction: 'inbound', peer: address, ports: HTTPS_PORT }).allowed ||
        !evaluateNacl(acl, { direction: 'outbound', peer: address, ports: EPHEMERAL_PORTS }).allowed
      );
    });
  return blocked ? [{ key: 'ec2.subnets', input: { vpcId: src.source.VpcId } }] : [];
}
