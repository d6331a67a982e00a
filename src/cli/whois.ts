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
import { terminalSupportsPrompting } from './terminal.js';
import { sanitize } from '../report/sanitize.js';
import type { Answers } from '../path/answers.js';

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
  const next = report.interfaces.find((i) => i.nextStep !== undefined)?.nextStep;
  if (format === 'text' && next !== undefined && terminalSupportsPrompting()) {
    const endpoint = next.answers.endpoint ?? 'this endpoint';
    process.stderr.write(
      sanitize(
        `\nDiagnose a source reaching ${endpoint}? enter: start the wizard with it chosen · any other key: leave\n`,
      ),
    );
    if (await enterPressed()) {
      const { runLive } = await import('./live.js');
      return runLive({ ...flags, region }, 'text', { seed: { ...next.answers, region } as Answers });
    }
  }
  return whoisExitCode(report.status);
}

/** One key from the terminal: was it Enter (or y)? */
function enterPressed(): Promise<boolean> {
  const stdin = process.stdin;
  return new Promise((resolve) => {
    stdin.setRawMode(true);
    stdin.resume();
    stdin.once('data', (data: Buffer) => {
      stdin.setRawMode(false);
      stdin.pause();
      const key = data.toString('utf8');
      resolve(key === '\r' || key === '\n' || key.toLowerCase() === 'y');
    });
  });
}
