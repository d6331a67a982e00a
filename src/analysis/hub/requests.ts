// The probe calls the hub judgement needs (./verdict.ts), asked by the endpoint module.
import type { PathContext } from '../../path/context.js';
import { okValue } from '../../path/context.js';
import type { ProbeRequest } from '../../probes/contract.js';
import { customPrefixListIds, hubCandidate, hubDns } from './verdict.js';

/** The probe calls the hub judgement needs, following results round by round. */
export function hubRequests(ctx: PathContext): ProbeRequest[] {
  const e = hubCandidate(ctx);
  const spoke = ctx.vpcId;
  const source = ctx.source;
  if (e === undefined || spoke === undefined || source === undefined) return [];
  const out: ProbeRequest[] = [
    { key: 'ec2.route-table', input: { subnetId: source.SubnetId, vpcId: spoke } },
    { key: 'ec2.vpc-endpoint-service', input: { serviceName: e.ServiceName } },
    { key: 'route53.hosted-zones-by-vpc', input: { vpcId: spoke, region: ctx.region } },
    { key: 'route53resolver.rule-associations', input: { vpcId: spoke } },
  ];
  if (e.NetworkInterfaceIds.length > 0)
    out.push({ key: 'ec2.network-interfaces', input: { networkInterfaceIds: e.NetworkInterfaceIds } });
  const table = okValue(ctx.probe('ec2.route-table', { subnetId: source.SubnetId, vpcId: spoke }));
  if (table != null)
    for (const id of customPrefixListIds(table.RouteTable))
      out.push({ key: 'ec2.managed-prefix-list', input: { prefixListId: id } });
  for (const a of okValue(ctx.probe('route53resolver.rule-associations', { vpcId: spoke })) ?? []) {
    out.push({ key: 'route53resolver.rule', input: { resolverRuleId: a.ResolverRuleId } });
  }
  // The hub's own zones: the one to associate with the spoke (for the fix), or whether the spoke's zone is shared.
  const dns = hubDns(ctx, e).kind;
  if (dns === 'none' || dns === 'zone')
    out.push({ key: 'route53.hosted-zones-by-vpc', input: { vpcId: e.VpcId, region: ctx.region } });
  return out;
}
