// The AWS clients a run needs, each created on first use: importing client-ec2 alone costs
// ~400 ms, so a run that never needs S3 never loads it. One place sets Region, profile,
// timeouts and retries; the SDK applies the default credential chain (env, shared config, SSO)
// and AWS_ENDPOINT_URL itself.
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { STSClient } from '@aws-sdk/client-sts';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Route53Client } from '@aws-sdk/client-route-53';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { ProbeInput, ProbeKey } from '../contract.js';
import { CheckedHttpHandler, DEFAULT_CALL_LIMITS, type CallLimits } from './http.js';

export interface AwsOptions {
  /** Read when the first client is made: in the wizard the Region may be answered late. */
  region: () => string;
  profile?: string;
  /** Connection and per-attempt timeouts of every AWS call. */
  limits?: CallLimits;
}

export interface ClientConfig {
  region: string;
  profile?: string;
  maxAttempts: number;
  retryMode: 'adaptive';
  requestHandler: CheckedHttpHandler;
}

/** Attempts per call: a throttled or timed-out call is retried, but a stalled one costs at most 3 timeouts. */
export const MAX_ATTEMPTS = 3;

export class AwsClients {
  private ec2?: Promise<{ client: EC2Client; sdk: typeof import('@aws-sdk/client-ec2') }>;
  private sts?: Promise<{ client: STSClient; sdk: typeof import('@aws-sdk/client-sts') }>;

  private s3?: Promise<{ client: S3Client; sdk: typeof import('@aws-sdk/client-s3') }>;
  private route53?: Promise<{ client: Route53Client; sdk: typeof import('@aws-sdk/client-route-53') }>;
  private iam?: Promise<{ client: IAMClient; sdk: typeof import('@aws-sdk/client-iam') }>;

  constructor(readonly options: AwsOptions) {}

  /** A fresh handler per client: destroying one client (a per-Region S3 client) must not close the others' sockets. */
  config(): ClientConfig {
    return {
      region: this.options.region(),
      maxAttempts: MAX_ATTEMPTS,
      // Adaptive mode also slows the client down when AWS throttles, instead of retrying at full rate.
      retryMode: 'adaptive',
      requestHandler: new CheckedHttpHandler(this.options.limits ?? DEFAULT_CALL_LIMITS),
      ...(this.options.profile ? { profile: this.options.profile } : {}),
    };
  }

  getEc2() {
    this.ec2 ??= import('@aws-sdk/client-ec2').then((sdk) => ({ sdk, client: new sdk.EC2Client(this.config()) }));
    return this.ec2;
  }

  /** S3 against an emulator needs path-style addressing unless the endpoint host is an IP. */
  getS3() {
    const endpoint = process.env.AWS_ENDPOINT_URL_S3 ?? process.env.AWS_ENDPOINT_URL;
    const forcePathStyle = endpoint !== undefined && !/^https?:\/\/\d+\.\d+\.\d+\.\d+(:\d+)?/.test(endpoint);
    this.s3 ??= import('@aws-sdk/client-s3').then((sdk) => ({
      sdk,
      client: new sdk.S3Client({ ...this.config(), forcePathStyle }),
    }));
    return this.s3;
  }

  getRoute53() {
    this.route53 ??= import('@aws-sdk/client-route-53').then((sdk) => ({
      sdk,
      client: new sdk.Route53Client(this.config()),
    }));
    return this.route53;
  }

  getIam() {
    this.iam ??= import('@aws-sdk/client-iam').then((sdk) => ({ sdk, client: new sdk.IAMClient(this.config()) }));
    return this.iam;
  }

  getSts() {
    this.sts ??= import('@aws-sdk/client-sts').then((sdk) => ({ sdk, client: new sdk.STSClient(this.config()) }));
    return this.sts;
  }
}

/** One area's live probe implementations: raw results, validated against the spec by LiveProbes. */
export type LiveHandlers<K extends ProbeKey> = { [P in K]: (input: ProbeInput<P>) => Promise<unknown> };

/** Dates → ISO strings, undefined dropped: what a session file will hold. */
export function plain<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value ?? null));
}

export const filter = (Name: string, ...Values: string[]): { Name: string; Values: string[] } => ({ Name, Values });

/** Follow NextToken until the last page. */
export async function allPages<T>(
  page: (token: string | undefined) => Promise<{ items: T[]; next: string | undefined }>,
): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const r = await page(token);
    out.push(...r.items);
    token = r.next;
  } while (token);
  return out;
}
