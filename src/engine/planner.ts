// Probe planning: which probe calls can start now, before the walk asks for them. Pure.
//
// The walk asks for facts in dependency order: the source, then the VPC's endpoints, then what
// the check modules' `requires()` name once they know the endpoint, then what those results
// name. Asked one step at a time, a diagnosis waits on AWS five to eight times in a row. The
// planner shortens that chain; the rule:
//   1. A probe starts as soon as its input is known. The driver sends every request of the
//      current step at once; a step that only records context (caller identity) does not hold
//      the walk; and the probe nodes further down the tree whose inputs the answers already
//      give (an endpoint named by id, the endpoints of a VPC given for an outside source) are
//      anticipated now, beside the source lookup.
//   2. Once the source is described, what every path through its VPC reads from its VPC,
//      subnet and groups alone is anticipated beside the endpoint lookup: the VPC (its DHCP
//      options come next), the subnet's route table and network ACL (the live source reads all
//      of the VPC's tables and ACLs in one call each, so an endpoint subnet's ACL later costs
//      no call), the source's security groups and the gateway service's prefix list (two calls
//      in a row); for a service reached only through interface endpoints, the VPC's Resolver
//      rule associations and private zones; for a bucket, its Region. Each is exactly the
//      request a module's `requires()` will make.
//   3. Anticipated requests are hints (`ProbeSource.prefetch`): the live source starts them
//      into its per-run memo, which also makes every probe call happen at most once; nothing
//      is recorded until the walk really asks, so a session holds the same probes as before and
//      a replay (old sessions included) never sees a hint.
// With that, a diagnosis is: STS beside the source; the endpoints beside the VPC's facts; what
// the endpoint names (its interfaces, groups, DNS); and at most one more round for what those
// name (a Resolver rule, a prefix list a group references).
import type { ProbeRequest } from '../probes/contract.js';
import type { PathContext } from '../path/context.js';
import { isOnPremisesKind } from '../path/source-kinds.js';
import { awsOwnedByName } from '../analysis/policy/perimeter/aws-owned.js';
import { context, type EngineState } from './machine.js';
import { holdsIn, TREE, type NodeId } from './tree.js';

/**
 * The requests of the probe nodes reachable from `from` (not `from` itself) whose inputs are
 * known, not past a question still to be asked.
 */
function lookahead(ctx: PathContext, from: NodeId): ProbeRequest[] {
  const seen = new Set<NodeId>([from]);
  const queue: NodeId[] = [];
  const next = (id: NodeId): void => {
    const node = TREE[id];
    if (node.kind === 'verdict' || node.kind === 'collect') return;
    // A question still to be asked: what lies beyond depends on its answer (the Region, first of all).
    if (node.kind === 'question' && ctx.answers[node.question] === undefined && holdsIn(node.ask, ctx)) return;
    for (const b of node.branches) {
      if (seen.has(b.to)) continue;
      seen.add(b.to);
      queue.push(b.to);
    }
  };
  next(from);
  const out: ProbeRequest[] = [];
  while (queue.length > 0) {
    const id = queue.shift() as NodeId;
    const node = TREE[id];
    if (node.kind === 'probe') out.push(...node.requests(ctx));
    next(id);
  }
  return out;
}

/** What every path from a located source inside a VPC reads from its VPC, subnet and groups (rule 2). */
function sourceScope(ctx: PathContext): ProbeRequest[] {
  const source = ctx.source;
  const vpcId = ctx.vpcId;
  if (!ctx.inside || source === undefined || vpcId === undefined || ctx.service === undefined) return [];
  const out: ProbeRequest[] = [
    { key: 'ec2.vpc', input: { vpcId } },
    { key: 'ec2.route-table', input: { subnetId: source.SubnetId, vpcId } },
    { key: 'ec2.subnet-network-acl', input: { subnetId: source.SubnetId } },
  ];
  const groupIds = [...new Set(source.Groups.map((g) => g.GroupId))].sort();
  if (groupIds.length > 0) out.push({ key: 'ec2.security-groups', input: { groupIds } });
  return out;
}

/** The gateway service's prefix list: two calls in a row, known from the service alone. */
function serviceScope(ctx: PathContext): ProbeRequest[] {
  const out: ProbeRequest[] = [];
  if (ctx.service?.gatewayCapable === true && ctx.inside)
    out.push({ key: 'ec2.service-prefix-list', input: { prefixListName: ctx.service.serviceName } });
  // The bucket's Region decides where its policy is read: the policy waits for it.
  const bucket = ctx.answers['target.bucket'] ?? '';
  // Not for an AWS-owned bucket: S3 answers GetBucketLocation only for the owner; its name carries the Region.
  if (ctx.service?.short === 's3' && bucket !== '' && awsOwnedByName(bucket) === undefined)
    out.push({ key: 's3.bucket-location', input: { bucket } });
  return out;
}

/**
 * A service without gateway endpoints is reached through an interface endpoint, whose DNS is
 * read from the VPC: its Resolver rule associations (each rule comes next) and private zones.
 */
function interfaceDnsScope(ctx: PathContext): ProbeRequest[] {
  const vpcId = ctx.vpcId;
  if (vpcId === undefined || ctx.service === undefined || ctx.service.gatewayCapable) return [];
  if (ctx.inside ? ctx.source === undefined : !isOnPremisesKind(ctx.sourceKind)) return [];
  return [
    { key: 'route53resolver.rule-associations', input: { vpcId } },
    { key: 'route53.hosted-zones-by-vpc', input: { vpcId, region: ctx.region } },
  ];
}

/**
 * The requests worth starting now, beyond those the walk waits on: hints for the probe source.
 * Empty once the walk is done; never a request the state already holds a result for.
 */
export function anticipate(state: EngineState): ProbeRequest[] {
  if (state.view.kind === 'done') return [];
  const ctx = context(state);
  const wanted = [...lookahead(ctx, state.node), ...serviceScope(ctx), ...sourceScope(ctx), ...interfaceDnsScope(ctx)];
  return wanted.filter((r) => ctx.probe(r.key, r.input) === undefined);
}
