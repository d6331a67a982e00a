// Live probes: read-only AWS calls (Describe*/Get*/List* only), each filtered server-side.
// Clients are imported lazily, on the first probe that needs them: EC2 alone costs ~400 ms.
// The SDK's default credential chain applies (env, shared config, SSO), and so does
// AWS_ENDPOINT_URL (LocalStack, moto).
import type { EC2Client, Filter } from '@aws-sdk/client-ec2';
import type { STSClient } from '@aws-sdk/client-sts';
import {
  PROBES,
  type ProbeInput,
  type ProbeKey,
  type ProbeOutcome,
  type ProbeOutput,
  type ProbeSource,
} from '../catalog.js';
import { DeniedError, call, errorMessage, isCredentialsError, isNotFound } from './errors.js';

export interface AwsOptions {
  /** Read when the first client is made: in the wizard the Region may be answered late. */
  region: () => string;
  profile?: string;
}

type Handlers = { [K in ProbeKey]: (input: ProbeInput<K>) => Promise<unknown> };

/** Dates → ISO strings, undefined dropped: what a session file will hold. */
function plain<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value ?? null));
}

const filter = (Name: string, ...Values: string[]): Filter => ({ Name, Values });

export class LiveProbes implements ProbeSource {
  private ec2?: Promise<{ client: EC2Client; sdk: typeof import('@aws-sdk/client-ec2') }>;
  private sts?: Promise<{ client: STSClient; sdk: typeof import('@aws-sdk/client-sts') }>;

  constructor(private readonly options: AwsOptions) {}

  private config(): { region: string; profile?: string; maxAttempts: number } {
    return { region: this.options.region(), maxAttempts: 3, ...(this.options.profile ? { profile: this.options.profile } : {}) };
  }

  private getEc2() {
    this.ec2 ??= import('@aws-sdk/client-ec2').then((sdk) => ({ sdk, client: new sdk.EC2Client(this.config()) }));
    return this.ec2;
  }

  private getSts() {
    this.sts ??= import('@aws-sdk/client-sts').then((sdk) => ({ sdk, client: new sdk.STSClient(this.config()) }));
    return this.sts;
  }

  async run<K extends ProbeKey>(request: { key: K; input: ProbeInput<K> }): Promise<ProbeOutcome<ProbeOutput<K>>> {
    const handler = this.handlers[request.key] as (input: ProbeInput<K>) => Promise<unknown>;
    try {
      const raw = await handler(request.input);
      const parsed = PROBES[request.key].output.safeParse(raw);
      if (!parsed.success) {
        return { status: 'error', message: `unexpected ${request.key} response: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
      }
      return { status: 'ok', value: parsed.data as ProbeOutput<K> };
    } catch (err) {
      if (err instanceof DeniedError) return { status: 'denied', action: err.action, message: err.message };
      if (isCredentialsError(err)) {
        return { status: 'error', message: `no usable AWS credentials (${errorMessage(err)}); run "aws configure", "aws sso login" or set AWS_PROFILE` };
      }
      return { status: 'error', message: errorMessage(err) };
    }
  }

  private readonly handlers: Handlers = {
    'sts.caller-identity': async () => {
      const { client, sdk } = await this.getSts();
      const out = await call('sts:GetCallerIdentity', () => client.send(new sdk.GetCallerIdentityCommand({})));
      return { Account: out.Account, Arn: out.Arn, UserId: out.UserId };
    },
    'ec2.source': async ({ kind, id }) => {
      const { client, sdk } = await this.getEc2();
      try {
        if (kind === 'instance') {
          const out = await call('ec2:DescribeInstances', () => client.send(new sdk.DescribeInstancesCommand({ InstanceIds: [id] })));
          const inst = out.Reservations?.[0]?.Instances?.[0];
          if (inst === undefined) return null;
          const source = {
            Kind: 'instance',
            Id: id,
            SubnetId: inst.SubnetId,
            VpcId: inst.VpcId,
            AvailabilityZone: inst.Placement?.AvailabilityZone,
            PrivateIpAddress: inst.PrivateIpAddress,
            Ipv6Addresses: (inst.NetworkInterfaces ?? []).flatMap((n) => (n.Ipv6Addresses ?? []).map((a) => a.Ipv6Address ?? '')).filter(Boolean),
            Groups: (inst.SecurityGroups ?? []).map((g) => ({ GroupId: g.GroupId ?? '', GroupName: g.GroupName })),
            NetworkInterfaceIds: (inst.NetworkInterfaces ?? []).map((n) => n.NetworkInterfaceId ?? '').filter(Boolean),
            Tags: inst.Tags ?? [],
          };
          return plain(source);
        }
        if (kind === 'eni') {
          const out = await call('ec2:DescribeNetworkInterfaces', () =>
            client.send(new sdk.DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [id] })),
          );
          const eni = out.NetworkInterfaces?.[0];
          if (eni === undefined) return null;
          return plain({
            Kind: 'eni',
            Id: id,
            SubnetId: eni.SubnetId,
            VpcId: eni.VpcId,
            AvailabilityZone: eni.AvailabilityZone,
            PrivateIpAddress: eni.PrivateIpAddress,
            Ipv6Addresses: (eni.Ipv6Addresses ?? []).map((a) => a.Ipv6Address ?? '').filter(Boolean),
            Groups: (eni.Groups ?? []).map((g) => ({ GroupId: g.GroupId ?? '', GroupName: g.GroupName })),
            NetworkInterfaceIds: [id],
            Tags: eni.TagSet ?? [],
          });
        }
        const out = await call('ec2:DescribeSubnets', () => client.send(new sdk.DescribeSubnetsCommand({ SubnetIds: [id] })));
        const subnet = out.Subnets?.[0];
        if (subnet === undefined) return null;
        return plain({
          Kind: 'subnet',
          Id: id,
          SubnetId: id,
          VpcId: subnet.VpcId,
          AvailabilityZone: subnet.AvailabilityZone,
          Groups: [],
          NetworkInterfaceIds: [],
          Tags: subnet.Tags ?? [],
        });
      } catch (err) {
        if (isNotFound(err)) return null;
        throw err;
      }
    },
    'ec2.vpc': async ({ vpcId }) => {
      const { client, sdk } = await this.getEc2();
      try {
        const out = await call('ec2:DescribeVpcs', () => client.send(new sdk.DescribeVpcsCommand({ VpcIds: [vpcId] })));
        return out.Vpcs?.[0] === undefined ? null : plain(out.Vpcs[0]);
      } catch (err) {
        if (isNotFound(err)) return null;
        throw err;
      }
    },
    'ec2.vpc-endpoints': async ({ vpcId, serviceName }) => {
      const { client, sdk } = await this.getEc2();
      const found: unknown[] = [];
      let NextToken: string | undefined;
      do {
        const out = await call('ec2:DescribeVpcEndpoints', () =>
          client.send(
            new sdk.DescribeVpcEndpointsCommand({ Filters: [filter('vpc-id', vpcId), filter('service-name', serviceName)], NextToken }),
          ),
        );
        found.push(...(out.VpcEndpoints ?? []).map(plain));
        NextToken = out.NextToken;
      } while (NextToken);
      return found;
    },
    'ec2.vpc-endpoint': async ({ vpcEndpointId }) => {
      const { client, sdk } = await this.getEc2();
      try {
        const out = await call('ec2:DescribeVpcEndpoints', () =>
          client.send(new sdk.DescribeVpcEndpointsCommand({ VpcEndpointIds: [vpcEndpointId] })),
        );
        return out.VpcEndpoints?.[0] === undefined ? null : plain(out.VpcEndpoints[0]);
      } catch (err) {
        if (isNotFound(err)) return null;
        throw err;
      }
    },
    'ec2.route-table': async ({ subnetId, vpcId }) => {
      const { client, sdk } = await this.getEc2();
      // VPC user guide, "Subnet route tables": a subnet without an explicit association uses the main table.
      const explicit = await call('ec2:DescribeRouteTables', () =>
        client.send(new sdk.DescribeRouteTablesCommand({ Filters: [filter('association.subnet-id', subnetId)] })),
      );
      const table = explicit.RouteTables?.[0];
      if (table !== undefined) return { SubnetId: subnetId, Association: 'explicit', RouteTable: plain(table) };
      const main = await call('ec2:DescribeRouteTables', () =>
        client.send(new sdk.DescribeRouteTablesCommand({ Filters: [filter('vpc-id', vpcId), filter('association.main', 'true')] })),
      );
      const mainTable = main.RouteTables?.[0];
      return mainTable === undefined ? null : { SubnetId: subnetId, Association: 'main', RouteTable: plain(mainTable) };
    },
    'ec2.subnets': async ({ vpcId }) => {
      const { client, sdk } = await this.getEc2();
      const found: unknown[] = [];
      let NextToken: string | undefined;
      do {
        const out = await call('ec2:DescribeSubnets', () =>
          client.send(new sdk.DescribeSubnetsCommand({ Filters: [filter('vpc-id', vpcId)], NextToken })),
        );
        found.push(...(out.Subnets ?? []).map(plain));
        NextToken = out.NextToken;
      } while (NextToken);
      return found;
    },
  };
}
