// The commands that fix the network-ACL findings, from the verdicts: allow entries numbered
// ahead of the deciding deny (built by ../net/nacl-fixes.ts), with the summary that says why.
import type { PathContext } from '../../path/context.js';
import type { Fix } from '../../findings/types.js';
import { naclFixesFor } from '../net/nacl-fixes.js';
import { sourceSubnetCidr } from '../network-path/path.js';
import type { EndpointAclVerdict, SourceAclVerdict } from './verdict.js';

export function sourceAclFix(ctx: PathContext, v: Extract<SourceAclVerdict, { kind: 'blocked' }>): Fix {
  const { acl, gatewayPl } = v.facts;
  const fix = naclFixesFor(ctx, new Map([[acl.NetworkAclId, acl]]), v.verdicts);
  const perCidr =
    gatewayPl !== undefined ? ` (one entry per ${gatewayPl} CIDR: network ACLs cannot name prefix lists)` : '';
  const summary =
    `Allow ${fix.parts.join(' and ')}${perCidr}, numbered ahead of the rule that denies it.` +
    (fix.problems.length > 0 ? ` ${fix.problems.join('; ')}.` : '');
  return { summary, commands: fix.commands };
}

export function endpointAclFix(ctx: PathContext, v: Extract<EndpointAclVerdict, { kind: 'blocked' }>): Fix {
  const { src, address, acls } = v.facts;
  // The source subnet's CIDR, not one host: an entry for a /32 breaks when the instance is replaced.
  const subnetCidr = src.kind === 'inside' ? sourceSubnetCidr(ctx, src) : undefined;
  const fix = naclFixesFor(ctx, acls, v.verdicts, (peer) =>
    peer === address && subnetCidr !== undefined ? subnetCidr : peer,
  );
  const wider =
    src.kind === 'inside' && src.nat64 !== undefined
      ? ` (${src.nat64.address} is ${src.nat64.natGatewayId}'s private address: the IPv6-only source reaches the endpoint through it, NAT64)`
      : src.kind === 'inside' && src.addressKind === 'ip' && subnetCidr === undefined
        ? ` (or the CIDR of ${src.subnetId} to cover the whole source subnet)`
        : '';
  const summary =
    `Allow ${fix.parts.join(' and ')}${wider}, numbered ahead of the rule that denies it.` +
    (fix.problems.length > 0 ? ` ${fix.problems.join('; ')}.` : '');
  return { summary, commands: fix.commands };
}
