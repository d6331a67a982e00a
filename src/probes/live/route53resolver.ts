// The one adapter around @aws-sdk/client-route53resolver. This registry only has it at 3.654.0,
// far behind the other clients (3.11xx), and it brings its own older @smithy tree. We keep the
// other clients current (newer EC2 fields such as DnsOptions matter) and confine the mismatch
// here: the client is imported lazily on first use, and it borrows the credential provider of
// the EC2 client so --profile, SSO and the rest of the current credential chain apply to it too
// (3.654's config type has no `profile` option).
import type { AwsClients } from './clients.js';

type ResolverSdk = typeof import('@aws-sdk/client-route53resolver');
export interface ResolverHandle {
  client: InstanceType<ResolverSdk['Route53ResolverClient']>;
  sdk: ResolverSdk;
}

const handles = new WeakMap<AwsClients, Promise<ResolverHandle>>();

export function getRoute53Resolver(clients: AwsClients): Promise<ResolverHandle> {
  let handle = handles.get(clients);
  if (handle === undefined) {
    handle = (async () => {
      const [sdk, ec2] = await Promise.all([import('@aws-sdk/client-route53resolver'), clients.getEc2()]);
      const { region, maxAttempts, retryMode, requestHandler } = clients.config();
      // The EC2 client's resolved provider (current @smithy/types) is structurally what 3.654's
      // older @smithy/types expects, so no cast is needed here; if a later bump makes the two
      // declarations diverge, the cast belongs on this line and nowhere else.
      const credentials = ec2.client.config.credentials;
      const client = new sdk.Route53ResolverClient({ region, maxAttempts, retryMode, credentials, requestHandler });
      return { sdk, client };
    })();
    handles.set(clients, handle);
  }
  return handle;
}
