// A gateway endpoint never changes DNS: clients in the VPC resolve the service's public name,
// which needs only a resolver that answers it. Verdict and check in one place, being small.
import type { PathContext } from '../../path/context.js';
import type { Check } from '../../findings/types.js';
import type { ModuleResult } from '../check-module.js';
import { dhcpFacts } from './configuration.js';
import { expectDnsAnswer } from './expected-answer.js';
import { reasonedCheck, skipped } from './interface-explain.js';

export function gatewayDns(ctx: PathContext, vpcId: string): ModuleResult {
  const attrs = ctx.probe('ec2.vpc-dns-attributes', { vpcId });
  if (attrs?.status !== 'ok' || attrs.value === null) {
    const outcome = attrs?.status === 'ok' ? undefined : attrs;
    return { checks: [skipped('dns.vpc-dns-support', `the DNS attributes of ${vpcId}`, outcome)], findings: [] };
  }
  const checks: Check[] = [];
  const dhcp = dhcpFacts(ctx, vpcId);
  if (dhcp.kind === 'unknown') {
    checks.push(dhcp.check);
    // With the Amazon resolver off, only the DHCP servers could answer the public name: unknown, not judged.
    if (!attrs.value.EnableDnsSupport) {
      checks.push(
        skipped('dns.vpc-dns-support', `whether ${vpcId} can resolve the service name (enableDnsSupport is false)`, {
          status: 'error',
          message: 'its DHCP option set could not be read',
        }),
      );
      return { checks, findings: [] };
    }
  }
  const expectation = expectDnsAnswer({
    service: ctx.service?.serviceName ?? '',
    region: ctx.region,
    vpcId,
    vpcAttributes: attrs.value,
    endpoint: ctx.endpoint ?? null,
    dhcpOptions: dhcp.kind === 'known' ? dhcp.options : null,
  });
  const failed = expectation.causes.some((c) => c.kind === 'dns-support-disabled');
  const check = reasonedCheck(
    'dns.vpc-dns-support',
    failed ? 'fail' : 'pass',
    attrs.value.EnableDnsSupport
      ? `enableDnsSupport is true on ${vpcId}: the Amazon resolver answers the public service name`
      : `enableDnsSupport is false on ${vpcId}${failed ? '' : `, but the DHCP option set names other DNS servers for the public name`}`,
  );
  checks.push(check);
  return { checks, findings: [...expectation.findings] };
}
