// Replay's `r`: the recorded answers run against the account, in the same screen, after a y.
// The confirm line names the profile and Region the calls would use; signing in happens only
// once the user said yes, and a refused sign-in is one line on the verdict screen (the replay
// stays). The live run gets its own session file: the recording is never overwritten.
import type { ProfileFacts } from '../probes/live/credentials.js';
import { CallerIdentitySchema } from '../probes/shapes.js';
import type { GoLive, LiveStart } from '../ui/store.js';
import { sessionPath } from './session-dir.js';
import { wizardFiles } from './wizard-files.js';

export interface GoLiveOptions {
  region: string;
  /** --profile, else AWS_PROFILE; undefined: the default credential chain. */
  profile?: string;
  /** The sign-in's time limit (ms). */
  timeoutMs: number;
  /** Keep session files under the config's sessions folder (false with --no-config). */
  useConfig: boolean;
  write: (s: string) => void;
}

export function goLive(options: GoLiveOptions): GoLive {
  const who = options.profile !== undefined ? `profile ${options.profile}` : 'the default credentials';
  return {
    question: `Run these answers against AWS now (${who}, Region ${options.region})? y/n`,
    async start(): Promise<LiveStart> {
      // Loaded only after the y: a replay that stays a replay loads no AWS client.
      const [{ LiveProbes }, { credentialsProblem, findProfile }, { DEFAULT_CALL_LIMITS }] = await Promise.all([
        import('../probes/live/aws.js'),
        import('../probes/live/credentials.js'),
        import('../probes/live/http.js'),
      ]);
      let facts: ProfileFacts | undefined;
      if (options.profile !== undefined) {
        const found = await findProfile(options.profile);
        if ('problem' in found) throw new Error(found.problem);
        facts = found;
      }
      const probes = new LiveProbes({
        region: () => options.region,
        ...(options.profile !== undefined ? { profile: options.profile } : {}),
        limits: DEFAULT_CALL_LIMITS,
      });
      let identity: unknown;
      let timer: NodeJS.Timeout | undefined;
      try {
        // The credential chain's own calls (SSO, AssumeRole) are not under our handler: the time limit bounds them.
        const timeUp = new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`sign-in took longer than ${options.timeoutMs / 1000} s`)),
            options.timeoutMs,
          );
        });
        identity = await Promise.race([probes.preflight(), timeUp]);
      } catch (err) {
        throw new Error(credentialsProblem(err, facts) ?? (err instanceof Error ? err.message : String(err)), {
          cause: err,
        });
      } finally {
        clearTimeout(timer);
      }
      const parsed = CallerIdentitySchema.safeParse(identity);
      const startedAt = new Date();
      const files = wizardFiles(await sessionPath(startedAt, options.useConfig), startedAt, options.write);
      return {
        probes,
        header: {
          title: 'vpce-doctor · the recorded answers, live',
          region: options.region,
          ...(parsed.success ? { account: parsed.data.Account, principal: parsed.data.Arn } : {}),
          ...(options.profile !== undefined ? { profile: options.profile } : {}),
        },
        services: { save: files.save, markdown: files.markdown, copy: files.copy },
      };
    },
  };
}
