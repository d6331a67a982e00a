// Every command shape a fix can print, parsed by the real AWS CLI v2 against an address where
// nothing listens: a wrong flag or a malformed shorthand fails in the CLI's argument parsing
// (exit 252, "usage:", "Unknown options", "Parameter validation failed") before any connection; a
// connection error means the command parsed. Catches what the fix loop cannot reach, where moto
// lacks the API. Shapes: every fix in the shipped recordings (one per catalogue finding) plus each
// builder's variants that no recording prints.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as dns from '../../src/analysis/dns/fixes.js';
import * as net from '../../src/analysis/net/fixes.js';
import { notAvailableFix } from '../../src/analysis/endpoint/fixes.js';
import { reassociateFix } from '../../src/analysis/routing/fixes.js';
import * as nat64 from '../../src/analysis/address-family/nat64-fixes.js';
import type { FixCommand } from '../../src/findings/command.js';
import { ROOT } from '../support/cli.js';

const AWS = '/usr/bin/aws';
const R = 'us-east-1';

/** Values for the shell variables a fix assigns, as a user's shell would hold them. */
const VARIABLES: Record<string, string> = {
  SG_ID: 'sg-0123456789abcdef0',
  DNS_SG_ID: 'sg-0fedcba9876543210',
  RULE_ID: 'rslvr-rr-0123456789abcdef0',
  DOPT_ID: 'dopt-0123456789abcdef0',
};

function recordedCommands(): FixCommand[] {
  const dir = join(ROOT, 'recordings');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) => {
      const session = JSON.parse(readFileSync(join(dir, f), 'utf8')) as {
        report: { findings: { fix: { commands: FixCommand[]; alternatives?: { commands: FixCommand[] }[] } }[] };
      };
      return session.report.findings.flatMap((x) => [
        ...x.fix.commands,
        ...(x.fix.alternatives ?? []).flatMap((a) => a.commands),
      ]);
    });
}

function builderCommands(): FixCommand[] {
  const endpoint = {
    VpcEndpointId: 'vpce-0123456789abcdef0',
    VpcEndpointType: 'Interface',
    VpcId: 'vpc-0123456789abcdef0',
    ServiceName: 'com.amazonaws.us-east-1.vpce-svc-0123456789abcdef0',
    RouteTableIds: [],
    SubnetIds: [],
    Groups: [],
    NetworkInterfaceIds: [],
    DnsEntries: [],
    Tags: [],
  };
  return [
    net.replaceRouteCommand('rtb-01', { DestinationCidrBlock: '52.216.0.0/15' }, { kind: 'nat', id: 'nat-01' }, R)!,
    net.replaceRouteCommand('rtb-01', { DestinationIpv6CidrBlock: '::/0' }, { kind: 'local', id: 'local' }, R)!,
    net.deleteRouteCommand('rtb-01', { DestinationPrefixListId: 'pl-01' }, R),
    net.createNetworkAclEntryCommand({
      networkAclId: 'acl-01',
      ruleNumber: 90,
      egress: false,
      cidr: '2600:1f18::/56',
      ports: { from: 1024, to: 65535 },
      region: R,
    }),
    net.authorizeSecurityGroupIngressCommand({ groupId: 'sg-01', source: { cidr: '2600:1f18::/56' }, region: R }),
    ...reassociateFix('vpce-01', 'rtb-01', 'pl-01', R).commands,
    nat64.enableDns64Command('subnet-01', R),
    nat64.nat64RouteCommand('rtb-01', 'nat-01', R),
    nat64.replaceNat64RouteCommand('rtb-01', 'nat-01', R),
    ...notAvailableFix({ ...endpoint, State: 'pendingAcceptance' }, R).commands,
    ...notAvailableFix({ ...endpoint, State: 'pending' }, R).commands,
    ...notAvailableFix({ ...endpoint, State: 'failed' }, R).commands,
    dns.enablePrivateDns('vpce-01', R),
    dns.disableOtherPrivateDns('vpce-01', R),
    dns.addEndpointSubnet('vpce-01', 'subnet-01', R),
    ...dns.createInboundResolverEndpoint({
      region: R,
      vpcId: 'vpc-01',
      subnetIds: ['subnet-01', 'subnet-02'],
      clientCidr: '192.168.0.0/16',
    }),
    ...dns.deleteHostedZoneCommands(
      '/hostedzone/Z0123',
      [
        { Name: 'sqs.us-east-1.amazonaws.com.', Type: 'A', TTL: 60, ResourceRecords: [{ Value: '10.0.1.5' }] },
        { Name: 'us-east-1.amazonaws.com.', Type: 'SOA', TTL: 900, ResourceRecords: [{ Value: 'x' }] },
      ],
      R,
    ),
    dns.aliasToEndpoint({
      hostedZoneId: 'Z0123',
      name: 'sqs.us-east-1.amazonaws.com',
      endpointDnsName: 'vpce-01-abc.sqs.us-east-1.vpce.amazonaws.com',
      endpointZoneId: 'Z7HUB22UULQXV',
      region: R,
    }),
  ];
}

/** Commands only a newer AWS CLI v2 knows than Debian's 2.9: for these the exact "unknown" error is required. */
const NEWER_CLI: readonly { command: RegExp; error: RegExp }[] = [
  // The DnsOptions member came after 2.9.19.
  {
    command: /PrivateDnsOnlyForInboundResolverEndpoint/,
    error: /Unknown parameter in DnsOptions: "PrivateDnsOnlyForInboundResolverEndpoint"/,
  },
  // DynamoDB resource-based policies (PutResourcePolicy) came in March 2024, after 2.9.19:
  // https://docs.aws.amazon.com/cli/latest/reference/dynamodb/put-resource-policy.html
  { command: /^aws dynamodb put-resource-policy /, error: /argument operation: Invalid choice/ },
];

let port = 0;
function parse(c: FixCommand): Promise<{ code: number | null; err: string }> {
  const args = c.argv.slice(1).map((w) => (/^\$[A-Z_]+$/.test(w) ? (VARIABLES[w.slice(1)] ?? w) : w));
  const home = mkdtempSync(join(tmpdir(), 'vpce-doctor-shapes-'));
  return new Promise((resolve) => {
    const child = spawn(
      AWS,
      ['--endpoint-url', `http://127.0.0.1:${port}`, '--cli-connect-timeout', '1', '--cli-read-timeout', '1', ...args],
      {
        env: {
          PATH: '/usr/bin:/bin',
          HOME: home,
          AWS_CONFIG_FILE: join(home, 'config'),
          AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
          AWS_ACCESS_KEY_ID: 'testing',
          AWS_SECRET_ACCESS_KEY: 'testing',
          AWS_MAX_ATTEMPTS: '1',
          AWS_PAGER: '',
          AWS_EC2_METADATA_DISABLED: 'true',
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => resolve({ code, err }));
  });
}

const PARSE_ERROR =
  /usage:|Unknown options|Parameter validation failed|Invalid choice|Error parsing parameter|argument .* expected/i;

describe.skipIf(!existsSync(AWS))('every fix command shape parses with the AWS CLI v2', () => {
  beforeAll(async () => {
    // A port that was free a moment ago: nothing listens there.
    port = await new Promise<number>((resolve) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        const p = typeof address === 'object' && address !== null ? address.port : 0;
        server.close(() => resolve(p));
      });
    });
  });

  it('the check can fail: a misspelt flag and a bad shorthand are caught as parse errors', async () => {
    const bad = [
      { argv: ['aws', 'ec2', 'modify-vpc-endpoint', '--vpc-endpoint-idd', 'vpce-01', '--region', R], line: '' },
      {
        argv: ['aws', 'ec2', 'create-network-acl-entry', '--network-acl-id', 'acl-01', '--port-range', 'From=x'],
        line: '',
      },
    ];
    for (const c of bad) {
      const r = await parse(c);
      expect(r.code === 252 || PARSE_ERROR.test(r.err), c.argv.join(' ')).toBe(true);
    }
  });

  it('recorded fixes and every builder variant: none fails in argument parsing (a connection error means it parsed)', async () => {
    const all = [...recordedCommands(), ...builderCommands()];
    const byShape = new Map<string, FixCommand>();
    for (const c of all) byShape.set(c.argv.map((w, i) => (i < 3 || w.startsWith('--') ? w : '·')).join(' '), c);
    const shapes = [...byShape.values()];
    expect(shapes.length).toBeGreaterThan(25);
    const failures: string[] = [];
    const newer: string[] = [];
    for (let i = 0; i < shapes.length; i += 4) {
      const batch = shapes.slice(i, i + 4);
      const results = await Promise.all(batch.map(parse));
      results.forEach((r, j) => {
        const c = batch[j]!;
        const parsed = r.code !== 252 && !PARSE_ERROR.test(r.err);
        const newerCli = NEWER_CLI.find((n) => n.command.test(c.line));
        if (newerCli !== undefined) {
          // Debian's awscli 2.9.19 predates it: the only error allowed is that one.
          if (!parsed && !newerCli.error.test(r.err))
            failures.push(`${c.line}\n  → exit ${r.code}: ${r.err.trim().split('\n').slice(-2).join(' ')}`);
          if (!parsed) newer.push(c.line);
        } else if (!parsed)
          failures.push(`${c.line}\n  → exit ${r.code}: ${r.err.trim().split('\n').slice(-2).join(' ')}`);
      });
    }
    expect(failures).toEqual([]);
  }, 600_000);
});
