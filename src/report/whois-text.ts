// `whois` as text for a terminal. Every string from the account goes through sanitize(), with
// its line breaks flattened, so neither an escape sequence nor a forged line reaches the user.
import { sanitize } from './sanitize.js';
import type { WhoisInterfaceReport, WhoisReport } from './whois-schema.js';

const s = (text: string): string => sanitize(text).replace(/[\n\t\r]/g, ' ');

function ownerDetailLines(d: NonNullable<WhoisInterfaceReport['ownerDetails']>): string[] {
  switch (d.kind) {
    case 'vpc-endpoint':
      return [
        `  endpoint     ${s(d.vpcEndpointId)} (${s(d.type)}, ${s(d.state)})`,
        `  service      ${s(d.serviceName)}`,
        `  private DNS  ${d.privateDnsEnabled === undefined ? 'not reported' : d.privateDnsEnabled ? 'enabled' : 'disabled'}`,
        ...d.dnsNames.map((n) => `  DNS name     ${s(n)}`),
        ...d.policy.map((p, i) => `  ${i === 0 ? 'policy      ' : '            '} ${s(p)}`),
      ];
    case 'load-balancer':
      return [
        `  load balancer ${s(d.name)} (${s(d.type ?? 'type not reported')}, ${s(d.scheme ?? 'scheme not reported')}, state ${s(d.state ?? 'not reported')})`,
        ...(d.dnsName !== undefined ? [`  DNS name     ${s(d.dnsName)}`] : []),
      ];
    case 'nat-gateway':
      return [
        `  NAT gateway  ${s(d.natGatewayId)} (${d.connectivityType !== undefined ? `${s(d.connectivityType)}, ` : ''}state ${s(d.state ?? 'not reported')})`,
        ...(d.publicIps.length > 0 ? [`  public IPs   ${d.publicIps.map(s).join(', ')}`] : []),
      ];
    case 'resolver-endpoint':
      return [
        `  Resolver endpoint ${s(d.resolverEndpointId)}${d.name !== undefined ? ` "${s(d.name)}"` : ''} (${s(d.direction)}, ${s(d.status ?? 'status not reported')})`,
      ];
    case 'lambda':
      return [
        `  function     ${s(d.functionName)} (state ${s(d.state ?? 'not reported')}${d.runtime !== undefined ? `, ${s(d.runtime)}` : ''})`,
      ];
    default: {
      const never: never = d;
      return never;
    }
  }
}

function interfaceLines(i: WhoisInterfaceReport): string[] {
  const lines: string[] = [];
  const where = [i.vpcId, i.subnetId, i.availabilityZone].filter((x): x is string => x !== undefined).map(s);
  lines.push(`${s(i.networkInterfaceId)}  ${where.join(' · ')}`);
  const ips = [...i.privateIpAddresses, ...i.publicIps.map((p) => `${p} (public)`), ...i.ipv6Addresses].map(s);
  if (ips.length > 0) lines.push(`  addresses    ${ips.join(', ')}`);
  lines.push(`  owner        ${s(i.owner.label)}`);
  if (i.owner.basis.length > 0) lines.push(`  because      ${i.owner.basis.map(s).join('; ')}`);
  for (const n of i.owner.notes) lines.push(`  note         ${s(n)}`);
  if (i.owner.kind === 'unknown' || i.owner.kind === 'service-managed') {
    const f = i.fields;
    lines.push(
      `  raw fields   InterfaceType=${s(f.interfaceType ?? '-')} Description="${s(f.description ?? '')}" RequesterId=${s(f.requesterId ?? '-')} RequesterManaged=${String(f.requesterManaged ?? '-')} Attachment.InstanceId=${s(f.attachmentInstanceId ?? '-')} Attachment.InstanceOwnerId=${s(f.attachmentInstanceOwnerId ?? '-')} Operator.Principal=${s(f.operatorPrincipal ?? '-')} Status=${s(i.status ?? '-')}`,
    );
  }
  if (i.ownerDetails !== undefined) lines.push(...ownerDetailLines(i.ownerDetails));

  const groups = i.securityGroups.map((g) => (g.groupName ? `${s(g.groupId)} (${s(g.groupName)})` : s(g.groupId)));
  lines.push(`  groups       ${groups.length > 0 ? groups.join(', ') : 'none'}`);
  if (i.listener !== undefined) {
    lines.push(`  listens on   ${i.listener.ports.map((p) => `tcp/${p}`).join(', ')}: ${s(i.listener.why)}`);
    if (i.listener.admitted === undefined) lines.push('  rules        not read: the security groups could not be read');
    for (const a of i.listener.admitted ?? []) {
      if (a.rules.length === 0) lines.push(`  tcp/${a.port}      no inbound rule admits it: nothing can connect`);
      else
        for (const r of a.rules)
          lines.push(
            `  tcp/${a.port} from ${s(r.source)}  (${s(r.groupId)} ${s(r.protocol)}${r.description ? `, "${s(r.description)}"` : ''})`,
          );
    }
  } else if (i.inboundRules === undefined) {
    lines.push('  inbound      not read: the security groups could not be read');
  } else if (i.inboundRules.length > 0) {
    for (const r of i.inboundRules) lines.push(`  inbound      ${s(r.protocol)} from ${s(r.source)} (${s(r.groupId)})`);
  } else if (i.securityGroups.length > 0) {
    lines.push('  inbound      no inbound rule in its groups');
  }
  if (i.networkAcl !== undefined) {
    lines.push(`  network ACL  ${s(i.networkAcl.networkAclId)}`);
    for (const p of i.networkAcl.inboundForListener)
      lines.push(`    inbound tcp/${p.port}: ${p.rules.map((r) => `${r.rule} ${r.action} ${s(r.cidr)}`).join(' · ')}`);
  }
  if (i.routeTable !== undefined) {
    lines.push(
      `  route table  ${s(i.routeTable.routeTableId)} (${i.routeTable.association === 'main' ? 'the VPC main table' : 'associated'})`,
    );
    for (const r of i.routeTable.routes)
      lines.push(`    ${s(r.destination)} → ${s(r.target)}${r.state === 'blackhole' ? ' (blackhole)' : ''}`);
  }
  if (i.nextStep !== undefined) {
    lines.push('', '  Next: diagnose traffic reaching this endpoint. Save these answers as vpce-answers.json,');
    lines.push(`  add ${i.nextStep.missing.map((m) => `"${m}"`).join(' and ')} (where the traffic starts), then run`);
    lines.push('    vpce-doctor --answers vpce-answers.json');
    for (const l of i.nextStep.file.split('\n')) lines.push(`    ${s(l)}`);
  }
  return lines;
}

export function renderWhoisText(report: WhoisReport): string {
  const out: string[] = [];
  const q = s(report.query.input);
  if (report.interfaces.length === 0) {
    if (report.status === 'not-found')
      out.push(
        report.query.kind === 'eni'
          ? `${q}: no such network interface in this account in ${s(report.region)}`
          : `${q}: no network interface in this account in ${s(report.region)} holds this address`,
      );
    else out.push(`${q}: the lookup is incomplete, so whether an interface holds it is not known (see below)`);
  } else {
    out.push(
      `${q}: ${report.interfaces.length} network interface${report.interfaces.length > 1 ? 's' : ''} in ${s(report.region)}`,
    );
    for (const i of report.interfaces) out.push('', ...interfaceLines(i));
  }
  if (report.publicRanges !== undefined) {
    out.push(`  AWS ranges   not checked: ${s(report.publicRanges.reason)}`);
    if (report.publicRanges.lookUp !== undefined) out.push(`  look it up   ${s(report.publicRanges.lookUp)}`);
  }
  if (report.unread.length > 0) {
    out.push('', 'Could not read (the answer above is incomplete):');
    for (const u of report.unread)
      out.push(`  ${s(u.what)}: ${u.action !== undefined ? `denied, needs ${s(u.action)}` : s(u.message)}`);
  }
  return sanitize(out.join('\n')) + '\n';
}
