// `vpce-doctor whois <private-ip | public-ip | eni-id>`: what is this interface, who owns it,
// and what decides who can reach it. Read-only; exit 0 found, 1 not in this account, 2 bad
// input, 3 incomplete (a read failed: the output says which).
import { isValidRegion } from '../engine/questions.js';
import { UsageError } from '../errors.js';
import { parseWhoisQuery } from '../analysis/whois/query.js';
import { LiveProbes } from '../probes/live/aws.js';
import { resolveRegion } from '../probes/live/region.js';
import { renderWhoisText } from '../report/whois-text.js';
import type { WhoisReport } from '../report/whois-schema.js';
import { investigate } from '../whois/investigate.js';
import { EXIT } from './exit-codes.js';
import type { Flags, OutputFormat } from './flags.js';

export function whoisExitCode(status: WhoisReport['status']): number {
  switch (status) {
    case 'found':
      return EXIT.healthy;
    case 'not-found':
      return EXIT.problems;
    case 'incomplete':
      return EXIT.incomplete;
    default: {
      const never: never = status;
      return never;
    }
  }
}

export async function runWhois(args: readonly string[], flags: Flags, format: OutputFormat): Promise<number> {
  if (args.length !== 1)
    throw new UsageError('whois takes one private IP, public IP or eni-… id: vpce-doctor whois 10.0.1.25');
  if (format === 'markdown') throw new UsageError('whois prints text or --json');
  if (flags.answers !== undefined) throw new UsageError('whois takes no --answers');
  const query = parseWhoisQuery(args[0] as string);
  if ('error' in query) throw new UsageError(query.error);
  const region = flags.region ?? (await resolveRegion(flags.profile));
  if (region === undefined) throw new UsageError('no Region: pass --region, or set AWS_REGION');
  if (!isValidRegion(region)) throw new UsageError(`--region must look like us-east-1 (got "${region}")`);

  const probes = new LiveProbes({ region: () => region, ...(flags.profile ? { profile: flags.profile } : {}) });
  const report = await investigate(query, region, probes);
  process.stdout.write(format === 'json' ? JSON.stringify(report, null, 2) + '\n' : renderWhoisText(report));
  return whoisExitCode(report.status);
}
