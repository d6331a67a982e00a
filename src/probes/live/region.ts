// The Region the AWS CLI would use: AWS_REGION, AWS_DEFAULT_REGION, then the profile's
// `region` in ~/.aws/config — resolved by the SDK's own loader, so conventions match.
export async function resolveRegion(profile: string | undefined): Promise<string | undefined> {
  const fromEnv = process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION;
  if (fromEnv) return fromEnv;
  try {
    const { STSClient } = await import('@aws-sdk/client-sts');
    const client = new STSClient(profile ? { profile } : {});
    const region = await client.config.region();
    client.destroy();
    return region || undefined;
  } catch {
    return undefined;
  }
}
