// The AWS Regions vpce-doctor knows, packaged so that a mistyped Region is caught without a
// network call. https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html
export const KNOWN_REGIONS: readonly string[] = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ca-central-1',
  'ca-west-1',
  'eu-central-1',
  'eu-central-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-south-1',
  'eu-south-2',
  'eu-north-1',
  'il-central-1',
  'me-south-1',
  'me-central-1',
  'mx-central-1',
  'sa-east-1',
  // China, GovCloud (US) and the isolated partitions.
  'cn-north-1',
  'cn-northwest-1',
  'us-gov-east-1',
  'us-gov-west-1',
  'us-iso-east-1',
  'us-iso-west-1',
  'us-isob-east-1',
  'us-isof-south-1',
  'us-isof-east-1',
  'eu-isoe-west-1',
];

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(
        (prev[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    prev = row;
  }
  return prev[b.length] ?? 0;
}

/** The known Region closest to a mistyped one (first in list order on a tie), if any is close. */
export function nearestRegion(region: string): string | undefined {
  let best: { name: string; d: number } | undefined;
  for (const name of KNOWN_REGIONS) {
    const d = distance(region, name);
    if (best === undefined || d < best.d) best = { name, d };
  }
  return best !== undefined && best.d <= 3 ? best.name : undefined;
}

/** "Region us-east-9 does not exist (did you mean us-east-1?)", or null for a known Region. */
export function unknownRegionMessage(region: string): string | null {
  if (KNOWN_REGIONS.includes(region)) return null;
  const near = nearestRegion(region);
  return `Region ${region} does not exist${near !== undefined ? ` (did you mean ${near}?)` : ''}`;
}
