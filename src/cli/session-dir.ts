// Where interactive sessions are saved: a folder kept in the user's config (conf), by
// default next to the config file; `sessionsDir` in that config overrides it (not with --no-config).
import { join } from 'node:path';
import { readConfig } from './config.js';

export async function sessionPath(startedAt: Date, useConfig = true): Promise<string> {
  const dir = readConfig(useConfig).sessionsDir;
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  return join(dir, `session-${stamp}.json`);
}
