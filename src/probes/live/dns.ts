// Live probes of the DNS chain: the VPC's DNS attributes and DHCP option set, the endpoint
// service's private DNS name and AZs, Route 53 Resolver rules and endpoints, private hosted
// zones (all read-only), and the observations made from where vpce-doctor runs: IMDSv2, a DNS
// answer, a TCP handshake. The observations only run when the DNS module asks for them, which
// it does only inside the source VPC or with --dns-server (src/analysis/modules/dns.ts).
import { allPages, filter, plain, type AwsClients, type LiveHandlers } from './clients.js';
import { call, errorCode, isNotFound } from './errors.js';
import { detectInstanceOrFail, resolveName, tcpConnect } from './net-observe.js';
import { getRoute53Resolver } from './route53resolver.js';
import type { ResourceRecordSet, RRType, VPCRegion } from '@aws-sdk/client-route-53';
import type { DNS_PROBES } from '../specs/dns.js';

/** IMDS answers in single-digit ms on an instance; off EC2 this bounds the wait. */
export const IMDS_TIMEOUT_MS = 300;
/**
 * The SDKs' own setting, AWS_METADATA_SERVICE_TIMEOUT (seconds), when the user set it: the AWS CLI
 * and the SDKs read it for the same service.
 * https://docs.aws.amazon.com/sdkref/latest/guide/feature-imds-client.html
 */
export function imdsTimeoutMs(env: Record<string, string | undefined>): number {
  const seconds = Number(env['AWS_METADATA_SERVICE_TIMEOUT']);
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 30) * 1000 : IMDS_TIMEOUT_MS;
}

/** Per DNS query (one try). */
export const DNS_TIMEOUT_MS = 2000;
/** Per TCP handshake. */
export const TCP_TIMEOUT_MS = 1500;

type ObservationKey = 'imds.instance' | 'dns.resolve' | 'tcp.connect';

/** The observation probes alone: no AWS client involved (also used by tests against loopback servers). */
export function observationHandlers(): LiveHandlers<ObservationKey> {
  return {
    'imds.instance': () => detectInstanceOrFail({ timeoutMs: imdsTimeoutMs(process.env) }),
    'dns.resolve': ({ hostname, server }) =>
      resolveName(hostname, { timeoutMs: DNS_TIMEOUT_MS, ...(server !== undefined ? { server } : {}) }),
    'tcp.connect': ({ ip, port }) => tcpConnect(ip, port, TCP_TIMEOUT_MS),
  };
}

export function dnsHandlers(clients: AwsClients): LiveHandlers<keyof typeof DNS_PROBES> {
  return {
    'ec2.vpc-dns-attributes': async ({ vpcId }) => {
      const { client, sdk } = await clients.getEc2();
      try {
        // One attribute per call (EC2 API: DescribeVpcAttribute).
        const [support, hostnames] = await Promise.all([
          call('ec2:DescribeVpcAttribute', () =>
            client.send(new sdk.DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute: 'enableDnsSupport' })),
          ),
          call('ec2:DescribeVpcAttribute', () =>
            client.send(new sdk.DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute: 'enableDnsHostnames' })),
          ),
        ]);
        return {
          EnableDnsSupport: support.EnableDnsSupport?.Value,
          EnableDnsHostnames: hostnames.EnableDnsHostnames?.Value,
        };
      } catch (err) {
        if (isNotFound(err)) return null;
        throw err;
      }
    },
    'ec2.dhcp-options': async ({ dhcpOptionsId }) => {
      const { client, sdk } = await clients.getEc2();
      try {
        const out = await call('ec2:DescribeDhcpOptions', () =>
          client.send(new sdk.DescribeDhcpOptionsCommand({ DhcpOptionsIds: [dhcpOptionsId] })),
        );
        const options = out.DhcpOptions?.[0];
        return options === undefined ? null : plain(options);
      } catch (err) {
        if (isNotFound(err)) return null;
        throw err;
      }
    },
    'ec2.vpc-endpoint-service': async ({ serviceName }) => {
      const { client, sdk } = await clients.getEc2();
      try {
        const out = await call('ec2:DescribeVpcEndpointServices', () =>
          client.send(new sdk.DescribeVpcEndpointServicesCommand({ ServiceNames: [serviceName] })),
        );
        const detail = (out.ServiceDetails ?? []).find((d) => d.ServiceName === serviceName);
        return detail === undefined ? null : plain(detail);
      } catch (err) {
        // A name this Region does not offer is an error, not an empty list.
        if (errorCode(err) === 'InvalidServiceName' || isNotFound(err)) return null;
        throw err;
      }
    },
    'route53resolver.rule-associations': async ({ vpcId }) => {
      const { client, sdk } = await getRoute53Resolver(clients);
      return allPages(async (NextToken) => {
        const out = await call('route53resolver:ListResolverRuleAssociations', () =>
          client.send(new sdk.ListResolverRuleAssociationsCommand({ Filters: [filter('VPCId', vpcId)], NextToken })),
        );
        return { items: (out.ResolverRuleAssociations ?? []).map(plain), next: out.NextToken };
      });
    },
    'route53resolver.rule': async ({ resolverRuleId }) => {
      const { client, sdk } = await getRoute53Resolver(clients);
      try {
        const out = await call('route53resolver:GetResolverRule', () =>
          client.send(new sdk.GetResolverRuleCommand({ ResolverRuleId: resolverRuleId })),
        );
        return out.ResolverRule === undefined ? null : plain(out.ResolverRule);
      } catch (err) {
        if (errorCode(err) === 'ResourceNotFoundException') return null;
        throw err;
      }
    },
    'route53resolver.endpoints': async ({ vpcId }) => {
      const { client, sdk } = await getRoute53Resolver(clients);
      return allPages(async (NextToken) => {
        const out = await call('route53resolver:ListResolverEndpoints', () =>
          client.send(new sdk.ListResolverEndpointsCommand({ Filters: [filter('HostVPCId', vpcId)], NextToken })),
        );
        return { items: (out.ResolverEndpoints ?? []).map(plain), next: out.NextToken };
      });
    },
    'route53.hosted-zones-by-vpc': async ({ vpcId, region }) => {
      const { client, sdk } = await clients.getRoute53();
      return allPages(async (NextToken) => {
        const out = await call('route53:ListHostedZonesByVPC', () =>
          client.send(new sdk.ListHostedZonesByVPCCommand({ VPCId: vpcId, VPCRegion: region as VPCRegion, NextToken })),
        );
        return { items: (out.HostedZoneSummaries ?? []).map(plain), next: out.NextToken };
      });
    },
    'route53.hosted-zone': async ({ hostedZoneId }) => {
      const { client, sdk } = await clients.getRoute53();
      try {
        const out = await call('route53:GetHostedZone', () =>
          client.send(new sdk.GetHostedZoneCommand({ Id: hostedZoneId })),
        );
        return { HostedZoneId: hostedZoneId, VPCs: (out.VPCs ?? []).map(plain) };
      } catch (err) {
        if (errorCode(err) === 'NoSuchHostedZone') return null;
        throw err;
      }
    },
    'route53.zone-records': async ({ hostedZoneId }) => {
      const { client, sdk } = await clients.getRoute53();
      // Pages continue from (NextRecordName, NextRecordType, NextRecordIdentifier) while IsTruncated.
      const out: ResourceRecordSet[] = [];
      let next: { StartRecordName?: string; StartRecordType?: RRType; StartRecordIdentifier?: string } = {};
      try {
        for (;;) {
          const page = await call('route53:ListResourceRecordSets', () =>
            client.send(new sdk.ListResourceRecordSetsCommand({ HostedZoneId: hostedZoneId, ...next })),
          );
          out.push(...(page.ResourceRecordSets ?? []));
          if (page.IsTruncated !== true || page.NextRecordName === undefined) break;
          next = {
            StartRecordName: page.NextRecordName,
            ...(page.NextRecordType !== undefined ? { StartRecordType: page.NextRecordType } : {}),
            ...(page.NextRecordIdentifier !== undefined ? { StartRecordIdentifier: page.NextRecordIdentifier } : {}),
          };
        }
      } catch (err) {
        if (errorCode(err) === 'NoSuchHostedZone') return null;
        throw err;
      }
      return out.map(plain);
    },
    ...observationHandlers(),
  };
}
