// The address-family check of a gateway endpoint: does the source table carry the IPv6 half of
// a dual-stack S3/DynamoDB name to the endpoint? Facts in, the check and findings out.
import type { PathContext } from '../../path/context.js';
import { okValue } from '../../path/context.js';
import { finding } from '../../findings/catalogue.js';
import type { Finding } from '../../findings/types.js';
import type { VpcEndpoint } from '../../probes/shapes.js';
import { couldNotCheck, type ModuleResult } from '../check-module.js';
import { cidrFamily } from '../net/cidr.js';
import { isDualStackName, ipv4NameOf, type Family } from './facts.js';
import { sourceFamiliesOf, sourceSubnet } from './flow.js';
import { judgeGatewayIpv6 } from './verdict.js';
import { gatewayIpv6Evidence } from './explain.js';
import { modifyEndpointFamilyCommand } from './fixes.js';
import { addEndpointRouteTableCommand } from '../net/fixes.js';
import { evaluateGatewayIpv6Filters } from './gateway-filters.js';

export const CHECK_GATEWAY = 'family.gateway-ipv6';

function prefixListFamily(ctx: PathContext, id: string): Family | undefined {
  const pl = okValue(ctx.probe('ec2.managed-prefix-list', { prefixListId: id }));
  if (pl == null) return undefined;
  const declared = pl.AddressFamily?.toLowerCase();
  if (declared === 'ipv4' || declared === 'ipv6') return declared;
  const first = pl.Entries[0]?.Cidr;
  const f = first !== undefined ? cidrFamily(first) : undefined;
  return f === 6 ? 'ipv6' : f === 4 ? 'ipv4' : undefined;
}

function gatewayFix(ctx: PathContext, e: VpcEndpoint, sourceHasIpv4: boolean, routeTableId: string): Finding['fix'] {
  const service = ctx.service?.short ?? '';
  const ipv4Name = ipv4NameOf(service, ctx.region);
  // SDKs and Tools reference, "Dual-stack and FIPS endpoints": use_dualstack_endpoint / AWS_USE_DUALSTACK_ENDPOINT.
  // https://docs.aws.amazon.com/sdkref/latest/guide/feature-endpoints.html
  const back = `call ${ipv4Name} instead of the dual-stack name (turn the SDK's dual-stack setting off: AWS_USE_DUALSTACK_ENDPOINT=false or use_dualstack_endpoint = false in the profile)`;
  if (service === 's3') {
    // The endpoint adds its routes only to the tables it is associated with: the source's table first.
    const associate = !e.RouteTableIds.includes(routeTableId);
    const dual = (e.IpAddressType ?? '').toLowerCase() === 'dualstack';
    return {
      // PrivateLink guide, gateway endpoints "IP address type": dualstack adds the IPv6 prefix list route.
      summary: `${associate ? `Associate ${e.VpcEndpointId} with ${routeTableId} (the source subnet's table)${dual ? '' : ' and make it dual-stack'}` : `Make ${e.VpcEndpointId} dual-stack`}: AWS adds the S3 IPv6 prefix list route to its route tables, so AAAA traffic to the dual-stack name takes the endpoint (every subnet behind those tables needs both IPv4 and IPv6 ranges).`,
      commands: [
        ...(associate ? [addEndpointRouteTableCommand(e.VpcEndpointId, [routeTableId], ctx.region)] : []),
        ...(associate && dual
          ? []
          : [
              modifyEndpointFamilyCommand({
                endpointId: e.VpcEndpointId,
                ipAddressType: 'dualstack',
                region: ctx.region,
              }),
            ]),
      ],
      ...(sourceHasIpv4 ? { alternatives: [{ summary: `Or ${back}.`, commands: [] }] } : {}),
    };
  }
  // Gateway endpoints for DynamoDB support only IPv4 traffic (PrivateLink guide, vpc-endpoints-ddb).
  return {
    summary: sourceHasIpv4
      ? `Gateway endpoints for DynamoDB carry IPv4 only: ${back}, so the request takes ${e.VpcEndpointId}.`
      : `Gateway endpoints for DynamoDB carry IPv4 only and this source has no IPv4 address: run it in a dual-stack subnet and ${back}.`,
    commands: [],
  };
}

export function evaluateGateway(ctx: PathContext, e: VpcEndpoint): ModuleResult {
  const source = ctx.source;
  const service = ctx.service;
  if (source === undefined || service === undefined || ctx.vpcId === undefined) return { checks: [], findings: [] };
  const sf = sourceFamiliesOf(ctx, source);
  if (sf === undefined) {
    const sub = sourceSubnet(ctx, source);
    return {
      checks: [couldNotCheck(CHECK_GATEWAY, 'route', `the address ranges of ${source.SubnetId}`, sub.outcome)],
      findings: [],
    };
  }
  const hostname = (ctx.answers['target.hostname'] ?? '').trim();
  const dual = hostname !== '' && isDualStackName(hostname, service.short, ctx.region);
  if (!sf.ipv6 || (!dual && sf.ipv4)) return { checks: [], findings: [] };
  const tableOutcome = ctx.probe('ec2.route-table', { subnetId: source.SubnetId, vpcId: ctx.vpcId });
  if (tableOutcome?.status !== 'ok')
    return {
      checks: [couldNotCheck(CHECK_GATEWAY, 'route', `the route table of ${source.SubnetId}`, tableOutcome)],
      findings: [],
    };
  if (tableOutcome.value === null) return { checks: [], findings: [] };
  const table = tableOutcome.value.RouteTable;
  const v = judgeGatewayIpv6(table, e.VpcEndpointId, (id) => prefixListFamily(ctx, id));
  const why = dual
    ? `${hostname} is a dual-stack name and ${sf.how}`
    : `${sf.how}: it can use only the dual-stack name, which answers AAAA`;
  switch (v.kind) {
    case 'unknown': {
      const outcome = ctx.probe('ec2.managed-prefix-list', { prefixListId: v.prefixListIds[0] as string });
      return {
        checks: [
          couldNotCheck(
            CHECK_GATEWAY,
            'route',
            `the address family of ${v.prefixListIds.join(', ')}`,
            outcome?.status === 'ok'
              ? { status: 'error', message: `${v.prefixListIds.join(', ')} names no address family` }
              : outcome,
          ),
        ],
        findings: [],
      };
    }
    case 'via-endpoint': {
      const pl = okValue(ctx.probe('ec2.managed-prefix-list', { prefixListId: v.prefixListId }));
      const filters = pl != null ? evaluateGatewayIpv6Filters(ctx, source, pl) : { checks: [], findings: [] };
      return {
        checks: [
          {
            id: CHECK_GATEWAY,
            layer: 'route',
            status: 'pass',
            detail: `${why}; ${table.RouteTableId} sends ${v.prefixListId} (IPv6) to ${e.VpcEndpointId}`,
          },
          ...filters.checks,
        ],
        findings: filters.findings,
      };
    }
    case 'bypasses':
    case 'no-route': {
      const evidence = [
        why + (dual || sf.ipv4 ? '' : ` (${ipv4NameOf(service.short, ctx.region)} answers A records only)`),
        ...gatewayIpv6Evidence(v, e.VpcEndpointId, table.RouteTableId, e.IpAddressType),
      ];
      const id = v.kind === 'bypasses' ? 'route.dualstack-bypasses-endpoint' : 'route.dualstack-no-ipv6-route';
      return {
        checks: [{ id: CHECK_GATEWAY, layer: 'route', status: 'fail', detail: evidence.join('; ') }],
        findings: [finding(id, { evidence, fix: gatewayFix(ctx, e, sf.ipv4, table.RouteTableId) })],
      };
    }
    default: {
      const never: never = v;
      return never;
    }
  }
}
