// The probe contract: every probe has a stable key, a typed input and a typed output, both
// zod schemas so a recorded session can be validated when it is loaded back. Live probes
// (src/probes/live) implement it against AWS; recorded probes read it from a session file.
import { z } from 'zod';
import {
  CallerIdentitySchema,
  EffectiveRouteTableSchema,
  SourceSchema,
  SubnetSchema,
  VpcEndpointSchema,
  VpcSchema,
} from './shapes.js';

const VpcIdInput = z.strictObject({ vpcId: z.string() });

export const PROBES = {
  /** Who is asking: sts:GetCallerIdentity (never denied by IAM, but may fail without credentials). */
  'sts.caller-identity': { input: z.strictObject({}), output: CallerIdentitySchema },
  /** The workload: DescribeInstances / DescribeNetworkInterfaces / DescribeSubnets by id; null when it does not exist. */
  'ec2.source': {
    input: z.strictObject({ kind: z.enum(['instance', 'eni', 'subnet']), id: z.string() }),
    output: SourceSchema.nullable(),
  },
  /** DescribeVpcs by id; null when it does not exist. */
  'ec2.vpc': { input: VpcIdInput, output: VpcSchema.nullable() },
  /** DescribeVpcEndpoints filtered by vpc-id and service-name. */
  'ec2.vpc-endpoints': {
    input: z.strictObject({ vpcId: z.string(), serviceName: z.string() }),
    output: z.array(VpcEndpointSchema),
  },
  /** DescribeVpcEndpoints by id (an endpoint the user named); null when it does not exist. */
  'ec2.vpc-endpoint': { input: z.strictObject({ vpcEndpointId: z.string() }), output: VpcEndpointSchema.nullable() },
  /** DescribeRouteTables by association.subnet-id, else the VPC's main table. */
  'ec2.route-table': {
    input: z.strictObject({ subnetId: z.string(), vpcId: z.string() }),
    output: EffectiveRouteTableSchema.nullable(),
  },
  /** DescribeSubnets filtered by vpc-id (to name real subnets in a fix). */
  'ec2.subnets': { input: VpcIdInput, output: z.array(SubnetSchema) },
} as const;

export type ProbeKey = keyof typeof PROBES;
export const PROBE_KEYS = Object.keys(PROBES) as ProbeKey[];
export type ProbeInput<K extends ProbeKey> = z.infer<(typeof PROBES)[K]['input']>;
export type ProbeOutput<K extends ProbeKey> = z.infer<(typeof PROBES)[K]['output']>;

export type ProbeOutcome<T> =
  | { status: 'ok'; value: T }
  /** IAM said no: `action` is the permission the caller lacks. */
  | { status: 'denied'; action: string; message: string }
  | { status: 'error'; message: string };

export type ProbeRequest<K extends ProbeKey = ProbeKey> = K extends ProbeKey ? { key: K; input: ProbeInput<K> } : never;

export type ProbeRecord<K extends ProbeKey = ProbeKey> = K extends ProbeKey
  ? { key: K; input: ProbeInput<K>; outcome: ProbeOutcome<ProbeOutput<K>> }
  : never;

export function isProbeKey(value: string): value is ProbeKey {
  return Object.prototype.hasOwnProperty.call(PROBES, value);
}

/** JSON with sorted keys: the identity of a probe call, independent of property order. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function probeCallId(request: { key: string; input: unknown }): string {
  return `${request.key} ${stableJson(request.input)}`;
}

export interface ProbeSource {
  run<K extends ProbeKey>(request: { key: K; input: ProbeInput<K> }): Promise<ProbeOutcome<ProbeOutput<K>>>;
}
