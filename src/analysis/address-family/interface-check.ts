// The address-family check of an interface endpoint: judged facts in, the check and findings
// (with their fixes) out. The module (src/analysis/modules/address-family.ts) only adapts.
import type { PathContext } from '../../path/context.js';
import { finding } from '../../findings/catalogue.js';
import type { VpcEndpoint } from '../../probes/shapes.js';
import { couldNotCheck, type ModuleResult } from '../check-module.js';
import { interfaceFamilyFacts, sourceFamiliesOf, sourceSubnet } from './flow.js';
import { familyList, recordsEvidence } from './explain.js';
import { modifyEndpointFamilyCommand } from './fixes.js';
import { evaluateMismatch } from './mismatch-check.js';

export const CHECK_INTERFACE = 'family.interface-endpoint';

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
    case 'no-common-family':
      return evaluateMismatch(ctx, e, facts);
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
