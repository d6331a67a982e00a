// Where interactive sessions are saved: a folder kept in the user's config (conf), by
// default next to the config file; `sessionsDir` in that config overrides it.
import Conf from 'conf';
import { dirname, join } from 'node:path';

export async function sessionPath(startedAt: Date): Promise<string> {
  const config = new Conf<{ sessionsDir?: string }>({ projectName: 'vpce-doctor', projectSuffix: '' });
  const dir = config.get('sessionsDir') ?? join(dirname(config.path), 'sessions');
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  return join(dir, `session-${stamp}.json`);
}
