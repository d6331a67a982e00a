// Every printed command names its Region.

/** `--region` on every printed command, so a fix works whatever the user's default Region. */
export function withRegion(command: string, region: string): string {
  return `${command} --region ${region}`;
}
