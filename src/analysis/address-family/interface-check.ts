// The address-family check of an interface endpoint: judged facts in, the check and findings
// (with their fixes) out. The module (src/analysis/modules/address-family.ts) only adapts.
import type { PathContext } from '../../path/context.js';
import { okValue } from '../../path/context.js';
import { finding } from '../../findings/catalogue.js';
import type { Finding } from '../../findings/types.js';
import type { VpcEndpoint } from '../../probes/shapes.js';
import { couldNotCheck, type ModuleResult } from '../check-module.js';
import { subnetFamilies } from './facts.js';
import { interfaceFamilyFacts, sourceFamiliesOf, sourceSubnet, type InterfaceFamilyFacts } from './flow.js';
import { familyList, mismatchEvidence, nat64Evidence, recordsEvidence } from './explain.js';
import { nat64Fix, withNat64 } from './nat64-fixes.js';
import { NAT64_PREFIX } from './nat64.js';
import { assignIpv6AddressCommand, dualStackEndpointFix, modifyEndpointFamilyCommand } from './fixes.js';

export const CHECK_INTERFACE = 'family.interface-endpoint';

function mismatchFix(ctx: PathContext, e: VpcEndpoint, facts: InterfaceFamilyFacts): Finding['fix'] {
  const source = ctx.source;
  const subnets = okValue(ctx.probe('ec2.subnets', { vpcId: e.VpcId })) ?? [];
  if (facts.source.ipv6 && !facts.endpoint.ipv6) {
    const service = okValue(ctx.probe('ec2.vpc-endpoint-service', { serviceName: e.ServiceName }));
    const types = service?.SupportedIpAddressTypes?.map((t) => t.toLowerCase());
    return dualStackEndpointFix({
      endpointId: e.VpcEndpointId,
      service: ctx.service?.short ?? e.ServiceName,
      region: ctx.region,
      endpointSubnets: subnets.filter((s) => e.SubnetIds.includes(s.SubnetId)),
      missingSubnets: e.SubnetIds.filter((id) => !subnets.some((s) => s.SubnetId === id)),
      vpcId: e.VpcId,
      vpc: okValue(ctx.probe('ec2.vpc', { vpcId: e.VpcId })) ?? undefined,
      vpcSubnets: subnets,
      supportsIpv6: types === undefined ? undefined : types.includes('ipv6'),
    });
  }
  // An IPv4-only source and an IPv6-only endpoint: give the source an IPv6 address where its subnet has a range.
  const subnet = subnets.find((s) => s.SubnetId === source?.SubnetId);
  const eni = source?.Kind === 'eni' ? source.Id : source?.NetworkInterfaceIds[0];
  if (subnet !== undefined && subnetFamilies(subnet).ipv6 !== undefined && eni !== undefined) {
    return {
      summary: `${e.VpcEndpointId} answers on IPv6 only: give ${source?.Id} an IPv6 address from ${subnet.SubnetId}'s range so it can reach the endpoint.`,
      commands: [assignIpv6AddressCommand(eni, ctx.region)],
    };
  }
  return {
    summary: `${e.VpcEndpointId} answers on IPv6 only (its subnets are IPv6-only): run the source in a dual-stack subnet, or create a dual-stack endpoint for it in subnets with both ranges.`,
    commands: [],
  };
}

export function evaluateInterface(ctx: PathContext, e: VpcEndpoint): ModuleResult {
  const source = ctx.source;
  if (source === undefined) return { checks: [], findings: [] };
  const facts = interfaceFamilyFacts(ctx, e);
  if (facts === undefined) {
    const sub = sourceSubnet(ctx, source);
    const enis = ctx.probe('ec2.network-interfaces', { networkInterfaceIds: e.NetworkInterfaceIds });
    const failed = sub.outcome?.status !== 'ok' ? sub.outcome : enis;
    const what =
      sourceFamiliesOf(ctx, source) === undefined
        ? `the address ranges of ${source.SubnetId}`
        : `the addresses of ${e.VpcEndpointId}`;
    return {
      checks: [couldNotCheck(CHECK_INTERFACE, 'endpoint', `the IP address families of ${what}`, failed)],
      findings: [],
    };
  }
  // IPv4 on both ends: nothing of this module's to say.
  if (!facts.source.ipv6 && !facts.endpoint.ipv6) return { checks: [], findings: [] };
  const v = facts.verdict;
  switch (v.kind) {
    case 'ok': {
      // Without the record type the family the client connects over is a guess: never a pass.
      if (!v.recordsKnown)
        return {
          checks: [
            couldNotCheck(CHECK_INTERFACE, 'endpoint', `which address family ${facts.hostname} gives the source`, {
              status: 'error',
              message: `${e.VpcEndpointId} reports no DNS record IP type (DnsOptions.DnsRecordIpType), so whether its name answers A or AAAA records is unknown; the security groups and network ACLs were judged for ${familyList([v.flow])} only`,
            }),
          ],
          findings: [],
        };
      return {
        checks: [
          {
            id: CHECK_INTERFACE,
            layer: 'endpoint',
            status: 'pass',
            detail: `${facts.source.how}; ${facts.endpoint.how}: the connection uses ${familyList([v.flow])}`,
          },
        ],
        findings: [],
      };
    }
    case 'no-common-family': {
      const n = facts.nat64;
      if (n?.kind === 'unknown')
        return {
          checks: [
            couldNotCheck(
              CHECK_INTERFACE,
              'endpoint',
              `whether DNS64 and NAT64 carry ${source.Id} to ${e.VpcEndpointId}`,
              {
                status: 'error',
                message: `${n.what} could not be read`,
              },
            ),
          ],
          findings: [],
        };
      if (n?.kind === 'nat64') {
        const p = n.path;
        const detail = `${facts.source.how}; ${facts.endpoint.how}: ${source.SubnetId} has DNS64 on and ${p.routeTableId} sends ${NAT64_PREFIX} to ${p.natGatewayId}, so the source reaches the endpoint through NAT64, from ${p.natGatewayId}'s address ${p.address}`;
        return { checks: [{ id: CHECK_INTERFACE, layer: 'endpoint', status: 'pass', detail }], findings: [] };
      }
      const rtb = okValue(ctx.probe('ec2.route-table', { subnetId: source.SubnetId, vpcId: source.VpcId }))?.RouteTable
        .RouteTableId;
      const evidence = [
        ...mismatchEvidence(facts.source, facts.endpoint),
        ...(n !== undefined ? nat64Evidence(n, source.SubnetId, rtb) : []),
      ];
      const base = mismatchFix(ctx, e, facts);
      const fix =
        n === undefined
          ? base
          : withNat64(
              base,
              nat64Fix({
                v: n,
                subnetId: source.SubnetId,
                routeTableId: rtb,
                nats: okValue(ctx.probe('ec2.nat-gateways-of-vpc', { vpcId: source.VpcId })),
                endpointId: e.VpcEndpointId,
                region: ctx.region,
              }),
            );
      return {
        checks: [{ id: CHECK_INTERFACE, layer: 'endpoint', status: 'fail', detail: evidence.join('; ') }],
        findings: [finding('endpoint.ip-family-mismatch', { evidence, fix })],
      };
    }
    case 'no-record-for-family': {
      const records = facts.records ?? { families: v.records, type: 'unknown' };
      const evidence = [
        `${facts.source.how}; ${facts.endpoint.how}`,
        recordsEvidence(e.VpcEndpointId, facts.hostname, records, v.usable),
      ];
      const ipType = facts.endpoint.ipAddressType;
      const target = ipType === 'ipv6' ? 'ipv6' : ipType === 'ipv4' ? 'ipv4' : 'dualstack';
      const own = e.DnsEntries.map((d) => d.DnsName).find((n): n is string => n !== undefined && !n.startsWith('*'));
      return {
        checks: [{ id: CHECK_INTERFACE, layer: 'dns', status: 'fail', detail: evidence.join('; ') }],
        findings: [
          finding('dns.record-ip-type-mismatch', {
            evidence,
            fix: {
              summary: `Have ${e.VpcEndpointId}'s names answer ${target === 'dualstack' ? 'A and AAAA' : target === 'ipv6' ? 'AAAA' : 'A'} records (DnsRecordIpType ${target}), so ${facts.hostname} gives the source an address of ${familyList(v.usable)}.`,
              commands: [
                modifyEndpointFamilyCommand({
                  endpointId: e.VpcEndpointId,
                  dnsRecordIpType: target,
                  region: ctx.region,
                }),
              ],
              ...(records.type === 'service-defined' && own !== undefined && v.usable.includes('ipv6')
                ? {
                    alternatives: [
                      {
                        summary: `Or call the endpoint's own name ${own}: with service-defined records it answers AAAA as well.`,
                        commands: [],
                      },
                    ],
                  }
                : {}),
            },
          }),
        ],
      };
    }
    default: {
      const never: never = v;
      return never;
    }
  }
}
