// Network ACLs on the flow (stateless: each of the four packets of the TCP exchange is judged on
// its own, lowest rule number first, the final `*` deny supplied whether or not the API lists
// it): the source subnet sends tcp/443 out and takes the reply in on ephemeral ports; an
// interface endpoint's subnets take tcp/443 in and send the reply out. A gateway endpoint has
// no subnet: its side is the service prefix list's CIDRs, one ACL entry per CIDR in a fix.
import type { PathContext } from '../../path/context.js';
import { finding } from '../../findings/catalogue.js';
import type { Check, Finding } from '../../findings/types.js';
import type { ProbeRequest } from '../../probes/contract.js';
import type { NetworkAcl } from '../../probes/shapes.js';
import { naclFixesFor, naclFixRequests } from '../net/nacl-fixes.js';
import {
  describeNaclVerdict,
  EPHEMERAL_PORTS,
  evaluateNacl,
  type NaclDirection,
  type NaclVerdict,
  type PortSpan,
} from '../net/network-acls.js';
import { couldNotCheck, type CheckModule, type ModuleResult } from '../check-module.js';
import {
  endpointEnis,
  HTTPS_PORT,
  outsideNote,
  pathDestination,
  pathRequests,
  pathSource,
  servicePrefixList,
  sourceLabel,
  sourceSubnetCidr,
  type Facts,
  type PathDestination,
  type PathSource,
} from '../network-path/path.js';

const CHECK_SOURCE = 'nacl.source-subnet';
const CHECK_ENDPOINT = 'nacl.endpoint-subnet';

function aclOf(ctx: PathContext, subnetId: string): Facts<NetworkAcl> {
  const what = `the network ACL of ${subnetId}`;
  const outcome = ctx.probe('ec2.subnet-network-acl', { subnetId });
  if (outcome?.status !== 'ok') return { ok: false, outcome, what };
  if (outcome.value === null)
    return { ok: false, outcome: { status: 'error', message: `no network ACL is associated with ${subnetId}` }, what };
  return { ok: true, value: outcome.value };
}

function spanText(p: PortSpan): string {
  return p.from === p.to ? `tcp/${p.from}` : `tcp/${p.from}-${p.to}`;
}

/** Allowed verdicts grouped by deciding rule: "rule 100 on acl-… allows outbound tcp/443 to a, b". */
function allowedSummary(verdicts: readonly NaclVerdict[]): string[] {
  const groups = new Map<string, { v: NaclVerdict; peers: string[] }>();
  for (const v of verdicts) {
    if (!v.allowed) continue;
    const r = v.decidingRule;
    const key = `${r.networkAclId} ${r.label} ${v.direction} ${v.ports.from}-${v.ports.to}`;
    const g = groups.get(key) ?? { v, peers: [] };
    g.peers.push(v.peer);
    groups.set(key, g);
  }
  return [...groups.values()].map(({ v, peers }) => {
    const r = v.decidingRule;
    const rule = r.label === '*' ? `the final rule on ${r.networkAclId}` : `rule ${r.ruleNumber} on ${r.networkAclId}`;
    return `${rule} allows ${v.direction} ${spanText(v.ports)} ${v.direction === 'outbound' ? 'to' : 'from'} ${peers.join(', ')}`;
  });
}

function blockedEvidence(verdicts: readonly NaclVerdict[]): string[] {
  return [...new Set(verdicts.filter((v) => !v.allowed).flatMap(describeNaclVerdict))];
}

function legs(acl: NetworkAcl, peers: readonly string[], request: NaclDirection): NaclVerdict[] {
  const reply: NaclDirection = request === 'outbound' ? 'inbound' : 'outbound';
  return [
    ...peers.map((peer) => evaluateNacl(acl, { direction: request, peer, ports: HTTPS_PORT })),
    ...peers.map((peer) => evaluateNacl(acl, { direction: reply, peer, ports: EPHEMERAL_PORTS })),
  ];
}

function sourceSide(
  ctx: PathContext,
  src: Extract<PathSource, { kind: 'inside' }>,
  dst: PathDestination,
): ModuleResult {
  const acl = aclOf(ctx, src.subnetId);
  if (!acl.ok) return { checks: [couldNotCheck(CHECK_SOURCE, 'nacl', acl.what, acl.outcome)], findings: [] };
  let peers: string[];
  let peerWhat: string;
  let sameSubnet: string[] = [];
  let gatewayPl: string | undefined;
  if (dst.kind === 'gateway') {
    const pl = servicePrefixList(ctx, dst.prefixListName);
    if (!pl.ok) return { checks: [couldNotCheck(CHECK_SOURCE, 'nacl', pl.what, pl.outcome)], findings: [] };
    peers = pl.value.Entries.map((e) => e.Cidr);
    gatewayPl = pl.value.PrefixListId;
    peerWhat = `the ${pl.value.PrefixListId} CIDRs`;
  } else {
    const enis = endpointEnis(ctx, dst.endpoint);
    if (!enis.ok) return { checks: [couldNotCheck(CHECK_SOURCE, 'nacl', enis.what, enis.outcome)], findings: [] };
    // VPC user guide "Network ACLs": ACLs filter traffic entering and leaving a subnet, not within it.
    sameSubnet = enis.value.enis.filter((e) => e.subnetId === src.subnetId).map((e) => e.address);
    peers = enis.value.enis.filter((e) => e.subnetId !== src.subnetId).map((e) => e.address);
    peerWhat = `the network interfaces of ${dst.endpoint.VpcEndpointId}`;
  }
  const a = acl.value;
  const sameNote =
    sameSubnet.length > 0
      ? `; ${sameSubnet.join(', ')} ${sameSubnet.length > 1 ? 'are' : 'is'} in the same subnet (no ACL on that path)`
      : '';
  if (peers.length === 0) {
    return {
      checks: [
        {
          id: CHECK_SOURCE,
          layer: 'nacl',
          status: 'pass',
          detail: `not applicable: ${src.subnetId} holds ${peerWhat}, so no network ACL sits on the path${sameNote}`,
        },
      ],
      findings: [],
    };
  }
  const verdicts = legs(a, peers, 'outbound');
  const blocked = verdicts.filter((v) => !v.allowed);
  if (blocked.length === 0) {
    return {
      checks: [
        {
          id: CHECK_SOURCE,
          layer: 'nacl',
          status: 'pass',
          detail: `${src.subnetId} uses ${a.NetworkAclId}: ${allowedSummary(verdicts).join('; ')}${sameNote}`,
        },
      ],
      findings: [],
    };
  }
  const checks: Check[] = [
    {
      id: CHECK_SOURCE,
      layer: 'nacl',
      status: 'fail',
      detail: `${src.subnetId} uses ${a.NetworkAclId}: ${blockedEvidence(verdicts).join('; ')}`,
    },
  ];
  const fix = naclFixesFor(ctx, new Map([[a.NetworkAclId, a]]), verdicts);
  const perCidr =
    gatewayPl !== undefined ? ` (one entry per ${gatewayPl} CIDR: network ACLs cannot name prefix lists)` : '';
  const summary =
    `Allow ${fix.parts.join(' and ')}${perCidr}, numbered ahead of the rule that denies it.` +
    (fix.problems.length > 0 ? ` ${fix.problems.join('; ')}.` : '');
  const findings: Finding[] = [
    finding('nacl.source-subnet-blocks', {
      evidence: [
        `${sourceLabel(src)} is in ${src.subnetId}, associated with ${a.NetworkAclId}`,
        ...blockedEvidence(verdicts),
      ],
      fix: { summary, commands: fix.commands },
    }),
  ];
  return { checks, findings };
}

function endpointSide(
  ctx: PathContext,
  src: PathSource,
  dst: Extract<PathDestination, { kind: 'interface' }>,
): ModuleResult {
  const enis = endpointEnis(ctx, dst.endpoint);
  if (!enis.ok) return { checks: [couldNotCheck(CHECK_ENDPOINT, 'nacl', enis.what, enis.outcome)], findings: [] };
  const filtered = enis.value.enis.filter((e) => !(src.kind === 'inside' && e.subnetId === src.subnetId));
  const sameNote =
    filtered.length < enis.value.enis.length && src.kind === 'inside'
      ? `; the interface in ${src.subnetId} shares the source's subnet (no ACL on that path)`
      : '';
  if (filtered.length === 0) {
    return {
      checks: [
        {
          id: CHECK_ENDPOINT,
          layer: 'nacl',
          status: 'pass',
          detail: `not applicable: every network interface of ${dst.endpoint.VpcEndpointId} is in the source's subnet`,
        },
      ],
      findings: [],
    };
  }
  if (src.address === undefined) {
    const outcome = src.kind === 'inside' ? ctx.probe('ec2.subnets', { vpcId: src.source.VpcId }) : undefined;
    return {
      checks: [couldNotCheck(CHECK_ENDPOINT, 'nacl', `the address range of ${sourceLabel(src)}`, outcome)],
      findings: [],
    };
  }
  const acls = new Map<string, NetworkAcl>();
  const aclBySubnet = new Map<string, NetworkAcl>();
  for (const subnetId of [...new Set(filtered.map((e) => e.subnetId))]) {
    const acl = aclOf(ctx, subnetId);
    if (!acl.ok) return { checks: [couldNotCheck(CHECK_ENDPOINT, 'nacl', acl.what, acl.outcome)], findings: [] };
    acls.set(acl.value.NetworkAclId, acl.value);
    aclBySubnet.set(subnetId, acl.value);
  }
  const address = src.address;
  const verdicts = [...acls.values()].flatMap((acl) => legs(acl, [address], 'inbound'));
  const where = [...aclBySubnet.entries()].map(([s, a]) => `${s} uses ${a.NetworkAclId}`).join(', ');
  const note = outsideNote(src);
  const blocked = verdicts.filter((v) => !v.allowed);
  if (blocked.length === 0) {
    return {
      checks: [
        {
          id: CHECK_ENDPOINT,
          layer: 'nacl',
          status: 'pass',
          detail: `${where}: ${allowedSummary(verdicts).join('; ')}${sameNote}${note !== '' ? `.${note}` : ''}`,
        },
      ],
      findings: [],
    };
  }
  const checks: Check[] = [
    {
      id: CHECK_ENDPOINT,
      layer: 'nacl',
      status: 'fail',
      detail: `${where}: ${blockedEvidence(verdicts).join('; ')}${note !== '' ? `.${note}` : ''}`,
    },
  ];
  // The source subnet's CIDR, not one host: an entry for a /32 breaks when the instance is replaced.
  const subnetCidr = src.kind === 'inside' ? sourceSubnetCidr(ctx, src) : undefined;
  const fix = naclFixesFor(ctx, acls, verdicts, (peer) =>
    peer === address && subnetCidr !== undefined ? subnetCidr : peer,
  );
  const wider =
    src.kind === 'inside' && src.addressKind === 'ip' && subnetCidr === undefined
      ? ` (or the CIDR of ${src.subnetId} to cover the whole source subnet)`
      : '';
  const summary =
    `Allow ${fix.parts.join(' and ')}${wider}, numbered ahead of the rule that denies it.` +
    (fix.problems.length > 0 ? ` ${fix.problems.join('; ')}.` : '');
  return {
    checks,
    findings: [
      finding('nacl.endpoint-subnet-blocks', {
        evidence: [
          `${dst.endpoint.VpcEndpointId} has network interfaces in ${filtered.map((e) => `${e.subnetId} (${e.address})`).join(', ')}; ${where}`,
          `the source is ${sourceLabel(src)}`,
          ...blockedEvidence(verdicts),
        ],
        fix: { summary, commands: fix.commands },
      }),
    ],
  };
}

export const networkAclsModule: CheckModule = {
  id: 'network-acls',
  layer: 'nacl',
  requires(ctx) {
    const src = pathSource(ctx);
    const dst = pathDestination(ctx);
    if (src === undefined || dst === undefined) return [];
    const out: ProbeRequest[] = [...pathRequests(ctx)];
    if (src.kind === 'inside') out.push({ key: 'ec2.subnet-network-acl', input: { subnetId: src.subnetId } });
    if (dst.kind === 'interface') {
      const enis = endpointEnis(ctx, dst.endpoint);
      if (enis.ok) {
        for (const subnetId of [...new Set(enis.value.enis.map((e) => e.subnetId))])
          out.push({ key: 'ec2.subnet-network-acl', input: { subnetId } });
      }
    }
    out.push(...naclFixRequests(ctx));
    return out;
  },
  evaluate(ctx): ModuleResult {
    const src = pathSource(ctx);
    const dst = pathDestination(ctx);
    if (src === undefined || dst === undefined) return { checks: [], findings: [] };
    const parts: ModuleResult[] = [];
    if (src.kind === 'inside') parts.push(sourceSide(ctx, src, dst));
    if (dst.kind === 'interface') parts.push(endpointSide(ctx, src, dst));
    return { checks: parts.flatMap((p) => p.checks), findings: parts.flatMap((p) => p.findings) };
  },
};
