// The network path against the AWS API emulator: each scenario is built with the SDK, the built
// CLI runs with --answers, and the finding ids, the deciding rule in the evidence and the fix
// commands are checked. Emulator limits (PITFALLS.md): custom ACLs list no `*` entries (the
// evaluator supplies the final deny), prefix-list ids are random (read back from the emulator),
// and interface-endpoint ENIs carry the default group and a random IP outside their subnet — so
// interface scenarios here judge the endpoint's own `Groups`, the ENIs' subnets and the source's
// address; ENI-address-specific cases (egress to ENI IPs, same-subnet ENIs, routes to ENI IPs)
// are covered by the fixture tests in test/analysis/modules/network-scenarios.test.ts.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { EC2Client } from '@aws-sdk/client-ec2';
import { runAnswers } from '../support/cli.js';
import { basicVpc, ec2, gatewayEndpoint, REGION, routeTableFor } from '../support/moto-scenarios.js';
import {
  allOut,
  customAcl,
  https,
  instanceIn,
  interfaceEndpoint,
  internetGatewayRoute,
  natDefaultRoute,
  s3PrefixList,
  securityGroup,
} from '../support/network-moto.js';

const url = inject('motoUrl');

interface Report {
  verdict: string;
  findings: { id: string; evidence: string[]; fix: { summary: string; commands: { line: string }[] } }[];
  checks: { id: string; status: string; detail: string }[];
}

async function diagnose(answers: Record<string, string>): Promise<{ code: number | null; report: Report }> {
  return runAnswers<Report>(url, { region: REGION, symptom: 'timeout', ...answers });
}

const ids = (r: Report) => r.findings.map((f) => f.id);
const check = (r: Report, id: string) => r.checks.find((c) => c.id === id);
const finding = (r: Report, id: string) => {
  const f = r.findings.find((x) => x.id === id);
  if (f === undefined) throw new Error(`${id} not in ${ids(r).join(', ')}`);
  return f;
};

describe.skipIf(!url)('network path against moto', () => {
  let client: EC2Client;
  let pl: string;
  beforeAll(async () => {
    client = ec2(url);
    pl = (await s3PrefixList(client)).id;
  });

  it('healthy S3 gateway path: route, source egress and source ACL all pass, no finding', async () => {
    const v = await basicVpc(client);
    const rtb = await routeTableFor(client, v.vpcId, v.subnetId);
    await gatewayEndpoint(client, v.vpcId, [rtb]);
    const sg = await securityGroup(client, v.vpcId, { egress: [https({ prefixListId: pl })] });
    const { instanceId } = await instanceIn(client, v.subnetId, [sg]);
    const { report, code } = await diagnose({ service: 's3', 'source.kind': 'instance', 'source.id': instanceId });
    expect(report.findings).toEqual([]);
    for (const id of ['route.gateway-prefix-list', 'sg.source-egress', 'nacl.source-subnet'])
      expect(check(report, id)?.status, id).toBe('pass');
    expect(check(report, 'sg.source-egress')?.detail).toContain(`${sg} egress allows tcp/443 to ${pl}`);
    expect(code).toBe(0);
  });

  it('a static route equal to an S3 CIDR → gateway.route-overridden; fix deletes that route', async () => {
    const v = await basicVpc(client);
    const rtb = await routeTableFor(client, v.vpcId, v.subnetId);
    const vpce = await gatewayEndpoint(client, v.vpcId, [rtb]);
    const igw = await internetGatewayRoute(client, v.vpcId, rtb, '52.216.0.0/15');
    const { report, code } = await diagnose({ service: 's3', 'source.kind': 'instance', 'source.id': v.instanceId });
    expect(ids(report)).toEqual(['gateway.route-overridden']);
    const f = finding(report, 'gateway.route-overridden');
    expect(f.evidence).toContain(
      `static route 52.216.0.0/15 → ${igw} in ${rtb} is equal to ${pl} CIDR 52.216.0.0/15 and wins over ${pl} → ${vpce}`,
    );
    expect(f.fix.commands.map((c) => c.line)).toEqual([
      `aws ec2 delete-route --route-table-id ${rtb} --destination-cidr-block 52.216.0.0/15 --region ${REGION}`,
    ]);
    expect(check(report, 'route.gateway-prefix-list')?.status).toBe('fail');
    expect(code).toBe(1);
  });

  it('no S3 endpoint and a NAT default route → endpoint.missing and cost.s3-via-nat naming the NAT gateway', async () => {
    const v = await basicVpc(client);
    const rtb = await routeTableFor(client, v.vpcId, v.subnetId);
    const nat = await natDefaultRoute(client, rtb, v.otherSubnetId);
    const { report } = await diagnose({ service: 's3', 'source.kind': 'instance', 'source.id': v.instanceId });
    expect(ids(report)).toEqual(['endpoint.missing', 'cost.s3-via-nat']);
    const f = finding(report, 'cost.s3-via-nat');
    expect(f.evidence.join('\n')).toContain(`by route 0.0.0.0/0 → ${nat}, a NAT gateway`);
    expect(f.fix.commands.map((c) => c.line)).toEqual([
      `aws ec2 create-vpc-endpoint --vpc-id ${v.vpcId} --vpc-endpoint-type Gateway --service-name com.amazonaws.${REGION}.s3 --route-table-ids ${rtb} --region ${REGION}`,
    ]);
  });

  it('source group allows tcp/443 only inside the VPC → sg.source-egress-missing; fix names the S3 prefix list', async () => {
    const v = await basicVpc(client);
    const rtb = await routeTableFor(client, v.vpcId, v.subnetId);
    await gatewayEndpoint(client, v.vpcId, [rtb]);
    const sg = await securityGroup(client, v.vpcId, { egress: [https({ cidr: v.vpcCidr })] });
    const { instanceId } = await instanceIn(client, v.subnetId, [sg]);
    const { report } = await diagnose({ service: 's3', 'source.kind': 'instance', 'source.id': instanceId });
    expect(ids(report)).toEqual(['sg.source-egress-missing']);
    const f = finding(report, 'sg.source-egress-missing');
    expect(f.evidence).toContain(`no rule in ${sg} allows outbound tcp/443 to ${pl}`);
    expect(f.fix.commands.map((c) => c.line)).toEqual([
      `aws ec2 authorize-security-group-egress --group-id ${sg} --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,PrefixListIds=[{PrefixListId=${pl}}]' --region ${REGION}`,
    ]);
  });

  it('custom source ACL takes replies only from the VPC (no `*` listed) → nacl.source-subnet-blocks, one entry per S3 CIDR', async () => {
    const v = await basicVpc(client);
    const rtb = await routeTableFor(client, v.vpcId, v.subnetId);
    await gatewayEndpoint(client, v.vpcId, [rtb]);
    const acl = await customAcl(client, v.vpcId, v.subnetId, [
      { rule: 100, egress: true, action: 'allow', cidr: '0.0.0.0/0' },
      { rule: 100, egress: false, action: 'allow', cidr: v.vpcCidr, ports: [1024, 65535] },
    ]);
    const { report } = await diagnose({ service: 's3', 'source.kind': 'instance', 'source.id': v.instanceId });
    expect(ids(report)).toEqual(['nacl.source-subnet-blocks']);
    const f = finding(report, 'nacl.source-subnet-blocks');
    expect(f.evidence).toContain(`implicit deny (*) on ${acl} denies inbound tcp/1024-65535 from 52.216.0.0/15`);
    expect(f.fix.commands.map((c) => c.line)).toEqual(
      ['52.216.0.0/15', '3.5.0.0/19', '54.231.0.0/16'].map(
        (cidr, i) =>
          `aws ec2 create-network-acl-entry --network-acl-id ${acl} --ingress --rule-number ${110 + 10 * i} --protocol tcp --port-range From=1024,To=65535 --cidr-block ${cidr} --rule-action allow --region ${REGION}`,
      ),
    );
    expect(check(report, 'nacl.source-subnet')?.status).toBe('fail');
  });

  it('rule 90 denies outbound tcp/443 ahead of an allow-all → nacl.source-subnet-blocks naming rule 90, fixes numbered below it', async () => {
    const v = await basicVpc(client);
    const rtb = await routeTableFor(client, v.vpcId, v.subnetId);
    await gatewayEndpoint(client, v.vpcId, [rtb]);
    const acl = await customAcl(client, v.vpcId, v.subnetId, [
      { rule: 90, egress: true, action: 'deny', cidr: '0.0.0.0/0', ports: [443, 443] },
      { rule: 100, egress: true, action: 'allow', cidr: '0.0.0.0/0' },
      { rule: 100, egress: false, action: 'allow', cidr: '0.0.0.0/0' },
    ]);
    const { report } = await diagnose({ service: 's3', 'source.kind': 'subnet', 'source.id': v.subnetId });
    const f = finding(report, 'nacl.source-subnet-blocks');
    expect(f.evidence).toContain(`rule 90 on ${acl} denies outbound tcp/443 to 54.231.0.0/16`);
    expect(f.fix.commands[0]?.line).toBe(
      `aws ec2 create-network-acl-entry --network-acl-id ${acl} --egress --rule-number 60 --protocol tcp --port-range From=443,To=443 --cidr-block 52.216.0.0/15 --rule-action allow --region ${REGION}`,
    );
    // A subnet source has no groups: the egress check says so instead of passing.
    expect(check(report, 'sg.source-egress')?.status).toBe('warn');
  });

  it('healthy SQS interface endpoint (its group admits the source group) → no finding', async () => {
    const v = await basicVpc(client);
    const app = await securityGroup(client, v.vpcId, { egress: [allOut] });
    const ep = await securityGroup(client, v.vpcId, { ingress: [https({ groupId: app })] });
    await interfaceEndpoint(client, v.vpcId, 'sqs', [v.otherSubnetId], [ep]);
    const { instanceId } = await instanceIn(client, v.subnetId, [app]);
    const { report } = await diagnose({ service: 'sqs', 'source.kind': 'instance', 'source.id': instanceId });
    expect(report.findings.filter((f) => /^(sg|nacl|gateway|cost)\./.test(f.id))).toEqual([]);
    for (const id of ['sg.source-egress', 'sg.endpoint-ingress', 'nacl.source-subnet', 'nacl.endpoint-subnet'])
      expect(check(report, id)?.status, id).toBe('pass');
    expect(check(report, 'sg.endpoint-ingress')?.detail).toContain(`${ep} ingress allows tcp/443 from ${app}`);
  });

  it("the endpoint's group (DescribeVpcEndpoints Groups) admits nobody → sg.endpoint-ingress-missing; fix references the source's group", async () => {
    const v = await basicVpc(client);
    const app = await securityGroup(client, v.vpcId, { egress: [allOut] });
    const ep = await securityGroup(client, v.vpcId, {});
    const vpce = await interfaceEndpoint(client, v.vpcId, 'sqs', [v.otherSubnetId], [ep]);
    const { instanceId, ip } = await instanceIn(client, v.subnetId, [app]);
    const { report, code } = await diagnose({ service: 'sqs', 'source.kind': 'instance', 'source.id': instanceId });
    expect(ids(report).filter((id) => /^(sg|nacl|gateway|cost)\./.test(id))).toEqual(['sg.endpoint-ingress-missing']);
    const f = finding(report, 'sg.endpoint-ingress-missing');
    expect(f.evidence).toContain(`${vpce} has security groups ${ep} (DescribeVpcEndpoints Groups)`);
    expect(f.evidence).toContain(`no rule in ${ep} allows inbound tcp/443 from ${ip} or ${app}`);
    expect(f.fix.commands.map((c) => c.line)).toEqual([
      `aws ec2 authorize-security-group-ingress --group-id ${ep} --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,UserIdGroupPairs=[{GroupId=${app}}]' --region ${REGION}`,
    ]);
    expect(code).toBe(1);
  });

  it("rule 90 on the endpoint subnet ACL denies tcp/443 from the source subnet → nacl.endpoint-subnet-blocks; the entry admits the source subnet's CIDR, not the instance's /32", async () => {
    const v = await basicVpc(client);
    const app = await securityGroup(client, v.vpcId, { egress: [allOut] });
    const ep = await securityGroup(client, v.vpcId, { ingress: [https({ cidr: v.vpcCidr })] });
    await interfaceEndpoint(client, v.vpcId, 'sqs', [v.otherSubnetId], [ep]);
    const sourceSubnetCidr = v.vpcCidr.replace(/\.0\.0\/16$/, '.1.0/24');
    const acl = await customAcl(client, v.vpcId, v.otherSubnetId, [
      { rule: 90, egress: false, action: 'deny', cidr: sourceSubnetCidr, ports: [443, 443] },
      { rule: 100, egress: false, action: 'allow', cidr: '0.0.0.0/0' },
      { rule: 100, egress: true, action: 'allow', cidr: '0.0.0.0/0' },
    ]);
    const { instanceId, ip } = await instanceIn(client, v.subnetId, [app]);
    const { report } = await diagnose({ service: 'sqs', 'source.kind': 'instance', 'source.id': instanceId });
    expect(ids(report).filter((id) => /^(sg|nacl|gateway|cost)\./.test(id))).toEqual(['nacl.endpoint-subnet-blocks']);
    const f = finding(report, 'nacl.endpoint-subnet-blocks');
    expect(f.evidence).toContain(`rule 90 on ${acl} denies inbound tcp/443 from ${ip}`);
    expect(f.fix.commands.map((c) => c.line)).toEqual([
      `aws ec2 create-network-acl-entry --network-acl-id ${acl} --ingress --rule-number 80 --protocol tcp --port-range From=443,To=443 --cidr-block ${sourceSubnetCidr} --rule-action allow --region ${REGION}`,
    ]);
    expect(check(report, 'nacl.endpoint-subnet')?.status).toBe('fail');
  });

  it('on-premises over VPN to an interface endpoint: only the VPC side is judged and the check says so', async () => {
    const v = await basicVpc(client);
    const ep = await securityGroup(client, v.vpcId, { ingress: [https({ cidr: v.vpcCidr })] });
    await interfaceEndpoint(client, v.vpcId, 'sqs', [v.otherSubnetId], [ep]);
    const { report } = await diagnose({
      service: 'sqs',
      'source.kind': 'vpn',
      'source.ip': '192.168.40.12',
      vpc: v.vpcId,
    });
    const f = finding(report, 'sg.endpoint-ingress-missing');
    expect(f.fix.commands.map((c) => c.line)).toEqual([
      `aws ec2 authorize-security-group-ingress --group-id ${ep} --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,IpRanges=[{CidrIp=192.168.40.12/32}]' --region ${REGION}`,
    ]);
    expect(check(report, 'sg.endpoint-ingress')?.detail).toContain('only the VPC side was');
    expect(check(report, 'sg.source-egress')).toBeUndefined();
    expect(check(report, 'nacl.endpoint-subnet')?.status).toBe('pass');
  });
});
