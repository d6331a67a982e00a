// The NAT gateway's subnet on a NAT64 path: its ACL sees the IPv6 request from the source (TCP
// 443 to the 64:ff9b::/96 address) and the IPv4 request the gateway makes to the endpoint, and
// both replies. Each of those four packets is judged on its own family's entries (VPC user guide,
// "DNS64 and NAT64" and "Network ACLs"). Facts, verdict and words for the nacl.nat64-subnet check.
import type { PathContext } from '../../path/context.js';
import { finding } from '../../findings/catalogue.js';
import type { Check, CheckStatus } from '../../findings/types.js';
import { couldNotCheck, type ModuleResult } from '../check-module.js';
import { describeNaclVerdict } from '../net/network-acls.js';
import { naclFixesFor } from '../net/nacl-fixes.js';
import { sourceFamiliesOf, sourceSubnet } from '../address-family/flow.js';
import { subnetFamilies } from '../address-family/facts.js';
import { endpointEnis, sentTo, type PathDestination, type PathSource } from '../network-path/path.js';
import { aclOf } from './facts.js';
import { legs } from './verdict.js';

export const CHECK_NAT64 = 'nacl.nat64-subnet';

function check(status: CheckStatus, detail: string): Check {
  return { id: CHECK_NAT64, layer: 'nacl', status, detail };
}

export function explainNat64Acl(ctx: PathContext, src: PathSource, dst: PathDestination): ModuleResult {
  if (src.kind !== 'inside' || src.nat64 === undefined || dst.kind !== 'interface') return { checks: [], findings: [] };
  const nat = src.nat64;
  const what = `the network ACL of the subnet of ${nat.natGatewayId}`;
  if (nat.subnetId === undefined) {
    const none = { status: 'error' as const, message: `DescribeNatGateways names no subnet for ${nat.natGatewayId}` };
    return { checks: [couldNotCheck(CHECK_NAT64, 'nacl', what, none)], findings: [] };
  }
  const acl = aclOf(ctx, nat.subnetId as Parameters<typeof aclOf>[1]);
  if (!acl.ok) return { checks: [couldNotCheck(CHECK_NAT64, 'nacl', acl.what, acl.outcome)], findings: [] };
  const families = sourceFamiliesOf(ctx, src.source);
  const ipv6 = families?.ipv6Address;
  const enis = endpointEnis(ctx, dst.endpoint);
  if (!enis.ok) return { checks: [couldNotCheck(CHECK_NAT64, 'nacl', enis.what, enis.outcome)], findings: [] };
  if (ipv6 === undefined) {
    const none = { status: 'error' as const, message: `no IPv6 address or range of ${src.source.Id} was read` };
    return { checks: [couldNotCheck(CHECK_NAT64, 'nacl', `the IPv6 address of ${src.source.Id}`, none)], findings: [] };
  }
  const endpointSide = enis.value.enis.filter((e) => e.subnetId !== nat.subnetId).map((e) => e.address);
  const verdicts = [
    // In from the source (to the synthesised address) and the reply back to it: IPv6 entries.
    ...legs(acl.value, [ipv6], 'inbound'),
    // Out to the endpoint from the gateway's private address and the reply back in: IPv4 entries.
    ...legs(acl.value, endpointSide, 'outbound'),
  ];
  const where = `${nat.natGatewayId} is in ${nat.subnetId}, which uses ${acl.value.NetworkAclId}`;
  const blocked = verdicts.filter((v) => !v.allowed);
  if (blocked.length === 0)
    return {
      checks: [
        check(
          'pass',
          `${where}: it passes tcp/443 in from ${ipv6} (${sentTo(src, enis.value.enis[0]?.address ?? '')} and the other synthesised addresses)${endpointSide.length > 0 ? ` and out to ${endpointSide.join(', ')}` : ''}, and the replies`,
        ),
      ],
      findings: [],
    };
  const evidence = [...new Set(blocked.flatMap(describeNaclVerdict))];
  // An entry for the source subnet's IPv6 range, not the instance's /128: it outlives the instance.
  const sub = sourceSubnet(ctx, src.source).subnet;
  const range = sub !== undefined ? subnetFamilies(sub).ipv6 : undefined;
  const fix = naclFixesFor(ctx, new Map([[acl.value.NetworkAclId, acl.value]]), verdicts, (peer) =>
    peer === ipv6 && range !== undefined ? range : peer,
  );
  return {
    checks: [check('fail', `${where}: ${evidence.join('; ')}`)],
    findings: [
      finding('nacl.nat64-subnet-blocks', {
        evidence: [
          `${src.source.Id} is IPv6-only and reaches ${dst.endpoint.VpcEndpointId} through ${nat.natGatewayId} (NAT64, from ${nat.address})`,
          where,
          ...evidence,
        ],
        fix: {
          summary:
            `Allow ${fix.parts.join(' and ')}, numbered ahead of the rule that denies it.` +
            (fix.problems.length > 0 ? ` ${fix.problems.join('; ')}.` : ''),
          commands: fix.commands,
        },
      }),
    ],
  };
}
