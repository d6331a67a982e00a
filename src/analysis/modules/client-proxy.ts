// An HTTPS proxy in the source's environment takes the request away from the endpoint: clients
// that honour HTTPS_PROXY (AWS CLI, boto3, the Go SDK, curl) connect to the proxy, which reaches
// the service by its own route. Judged only when vpce-doctor runs on the source instance itself
// (IMDSv2 names it): another host's environment says nothing about the workload's.
import type { PathContext } from '../../path/context.js';
import { okValue } from '../../path/context.js';
import { finding } from '../../findings/catalogue.js';
import type { Check, Finding } from '../../findings/types.js';
import type { ProbeRequest } from '../../probes/contract.js';
import { hostnameFor, normalizeName } from '../dns/names.js';
import { couldNotCheck, type CheckModule, type ModuleResult } from '../check-module.js';
import { endpointInVpc, hostnameOf } from '../dns/endpoint-facts.js';

/** The source is an instance and IMDS says vpce-doctor runs on it: undefined until IMDS has answered. */
function onSourceInstance(ctx: PathContext): boolean | undefined {
  if (!ctx.inside || ctx.sourceKind !== 'instance' || ctx.source === undefined) return false;
  const outcome = ctx.probe('imds.instance', {});
  if (outcome === undefined) return undefined;
  const imds = okValue(outcome);
  return imds?.inside === true && imds.instanceId === ctx.source.Id;
}

/**
 * Does a NO_PROXY value exempt `host`? Entries are comma (or space) separated; `*` exempts
 * everything; `amazonaws.com`, `.amazonaws.com` and `*.amazonaws.com` exempt the domain and its
 * subdomains (curl, Python requests and Go all match by domain suffix); a `:port` is ignored.
 */
export function noProxyCovers(noProxy: string, host: string): boolean {
  const name = normalizeName(host).replace(/\.$/, '');
  return noProxy
    .split(/[\s,]+/)
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== '')
    .some((entry) => {
      if (entry === '*') return true;
      const domain = entry
        .replace(/:\d+$/, '')
        .replace(/^\*?\./, '')
        .replace(/\.$/, '');
      return domain !== '' && (name === domain || name.endsWith(`.${domain}`));
    });
}

function serviceHost(ctx: PathContext): string | undefined {
  const e = endpointInVpc(ctx);
  if (e !== undefined && e.VpcEndpointType === 'Interface') return hostnameOf(ctx, e);
  const given = (ctx.answers['target.hostname'] ?? '').trim();
  if (given !== '') return normalizeName(given);
  return ctx.service !== undefined ? normalizeName(hostnameFor(ctx.service.serviceName, ctx.region)) : undefined;
}

export const clientProxyModule: CheckModule = {
  id: 'client-proxy',
  layer: 'client',
  requires(ctx) {
    const out: ProbeRequest[] = [];
    if (ctx.endpoint === undefined || !ctx.inside || ctx.sourceKind !== 'instance' || ctx.source === undefined)
      return out;
    out.push({ key: 'imds.instance', input: {} });
    if (onSourceInstance(ctx) === true) out.push({ key: 'host.proxy-env', input: {} });
    return out;
  },
  evaluate(ctx): ModuleResult {
    const checks: Check[] = [];
    const findings: Finding[] = [];
    if (ctx.endpoint === undefined || !ctx.inside || ctx.sourceKind !== 'instance' || ctx.source === undefined)
      return { checks, findings };
    // Without IMDS's answer, vpce-doctor may be on the source instance: its proxy settings are unknown, not clean.
    const imds = ctx.probe('imds.instance', {});
    if (imds?.status !== 'ok') {
      const what = `whether vpce-doctor runs on ${ctx.source.Id} (the instance metadata service), so its proxy settings`;
      return { checks: [{ ...couldNotCheck('client.proxy', 'client', what, imds), basis: 'observed' }], findings };
    }
    if (onSourceInstance(ctx) !== true) return { checks, findings };
    const host = serviceHost(ctx);
    if (host === undefined) return { checks, findings };
    const outcome = ctx.probe('host.proxy-env', {});
    if (outcome?.status !== 'ok') {
      checks.push({
        ...couldNotCheck('client.proxy', 'client', `the proxy settings of ${ctx.source.Id}`, outcome),
        basis: 'observed',
      });
      return { checks, findings };
    }
    const { httpsProxy, noProxy } = outcome.value;
    const label = `observed on ${ctx.source.Id} (vpce-doctor runs on the source instance)`;
    if (httpsProxy === null) {
      checks.push({
        id: 'client.proxy',
        layer: 'client',
        status: 'pass',
        detail: `no https_proxy/HTTPS_PROXY in the environment — ${label}`,
        basis: 'observed',
      });
      return { checks, findings };
    }
    if (noProxy !== null && noProxyCovers(noProxy.value, host)) {
      checks.push({
        id: 'client.proxy',
        layer: 'client',
        status: 'pass',
        detail: `${httpsProxy.variable} is set, and ${noProxy.variable}=${noProxy.value} exempts ${host} — ${label}`,
        basis: 'observed',
      });
      return { checks, findings };
    }
    checks.push({
      id: 'client.proxy',
      layer: 'client',
      status: 'fail',
      detail: `${httpsProxy.variable}=${httpsProxy.value} and ${noProxy === null ? 'no NO_PROXY' : `${noProxy.variable}=${noProxy.value}`}: requests for ${host} go to the proxy — ${label}`,
      basis: 'observed',
    });
    const exempt = noProxy === null ? '.amazonaws.com' : `${noProxy.value},.amazonaws.com`;
    findings.push(
      finding('client.proxy', {
        title: `${httpsProxy.variable} on ${ctx.source.Id} sends requests for ${host} to ${httpsProxy.value}`,
        evidence: [
          `${label}:`,
          `${httpsProxy.variable}=${httpsProxy.value}`,
          noProxy === null
            ? 'neither no_proxy nor NO_PROXY is set'
            : `${noProxy.variable}=${noProxy.value} does not exempt ${host}`,
          `clients that honour the proxy variables (AWS CLI, boto3, the Go SDK, curl) connect to the proxy, not to ${ctx.endpoint.VpcEndpointId}; the AWS SDK for JavaScript v3 ignores them unless configured`,
        ],
        fix: {
          summary:
            `Exempt the AWS names from the proxy in the workload's environment (shell profile, systemd unit, container env), then restart it: ` +
            `export NO_PROXY=${exempt} no_proxy=${exempt}. No AWS command: this is the client's configuration.`,
          commands: [],
        },
      }),
    );
    return { checks, findings };
  },
};
