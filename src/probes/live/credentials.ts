// Credentials checked once, before any probe: a missing profile, an expired SSO session, a
// failing credential_process, no credentials at all, or a key AWS rejects is the user's to fix,
// so it is one message naming the fix (exit 2), never an "incomplete" report full of errors.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { errorCode, errorMessage, isCredentialsError } from './errors.js';

/** One shared config or credentials file: profile name → its settings. */
type Profiles = Map<string, Map<string, string>>;

function configPath(): string {
  return process.env.AWS_CONFIG_FILE ?? join(homedir(), '.aws', 'config');
}
function credentialsPath(): string {
  return process.env.AWS_SHARED_CREDENTIALS_FILE ?? join(homedir(), '.aws', 'credentials');
}

/** "~/.aws/config" for the default place, else the path as set. */
function shown(path: string): string {
  const home = homedir();
  return path.startsWith(home + '/') ? `~${path.slice(home.length)}` : path;
}

/** Profiles of an INI file; in the config file only `[default]` and `[profile NAME]` are profiles. */
async function readProfiles(path: string, isConfig: boolean): Promise<Profiles> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return new Map();
  }
  const profiles: Profiles = new Map();
  let current: Map<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)[#;].*$/, '').trim();
    const section = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
    if (section?.[1] !== undefined) {
      const name = section[1];
      const profile = isConfig ? (name === 'default' ? name : /^profile\s+(.+)$/.exec(name)?.[1]) : name;
      current = profile === undefined ? undefined : (profiles.get(profile) ?? new Map<string, string>());
      if (profile !== undefined && current !== undefined) profiles.set(profile, current);
      continue;
    }
    const kv = /^([^=]+?)\s*=\s*(.*)$/.exec(line);
    if (kv?.[1] !== undefined && current !== undefined) current.set(kv[1].toLowerCase(), kv[2] ?? '');
  }
  return profiles;
}

export interface ProfileFacts {
  name: string;
  settings: Map<string, string>;
}

/**
 * The named profile's settings, or the message when it is in neither shared file (the AWS CLI
 * refuses such a profile too, even when other credentials are set).
 */
export async function findProfile(name: string): Promise<ProfileFacts | { problem: string }> {
  const [config, credentials] = await Promise.all([
    readProfiles(configPath(), true),
    readProfiles(credentialsPath(), false),
  ]);
  const settings = new Map([...(credentials.get(name) ?? []), ...(config.get(name) ?? [])]);
  if (config.has(name) || credentials.has(name)) return { name, settings };
  const known = [...new Set([...config.keys(), ...credentials.keys()])].sort();
  const there = known.length > 0 ? `profiles there: ${known.join(', ')}` : 'it has no profiles';
  const also = credentials.size > 0 || known.length === 0 ? ` or ${shown(credentialsPath())}` : '';
  return { problem: `profile ${name} is not in ${shown(configPath())}${also} (${there})` };
}

/** The AWS error codes that mean "this key or token is not valid", per service protocol. */
const REJECTED_KEY = new Set([
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'UnrecognizedClientException',
  'InvalidAccessKeyId',
  'AuthFailure',
  'IncompleteSignature',
]);
const EXPIRED_TOKEN = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired']);

const loginHint = (profile: string | undefined): string =>
  profile !== undefined ? `aws sso login --profile ${profile}` : 'aws sso login --profile NAME';

/**
 * The one-line message for a credentials failure — while resolving credentials, or AWS
 * rejecting them on the first call — or null when `err` is something else (a denial, a network
 * fault) that the diagnosis itself reports.
 */
export function credentialsProblem(err: unknown, profile: ProfileFacts | undefined): string | null {
  const name = profile?.name;
  const code = errorCode(err) ?? '';
  const message = errorMessage(err);
  const settings = profile?.settings;
  const usesSso = settings !== undefined && (settings.has('sso_session') || settings.has('sso_start_url'));
  if (REJECTED_KEY.has(code)) {
    const source = name !== undefined ? `profile ${name}'s access key` : 'the access key';
    return `AWS rejected ${source} (${message}): check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or the profile's keys, or sign in again (aws configure${name !== undefined ? ` --profile ${name}` : ''}, or ${loginHint(name)})`;
  }
  if (EXPIRED_TOKEN.has(code)) {
    return `the session token has expired (${message}): ${usesSso ? `run ${loginHint(name)}` : 'get fresh credentials (aws sso login, or a new AWS_SESSION_TOKEN)'}`;
  }
  if (!isCredentialsError(err) && !/^(CredentialsProviderError|TokenProviderError)$/.test(code)) return null;
  if (settings?.has('credential_process')) {
    const first = message.split('\n').find((l) => l.trim() !== '') ?? message;
    return `the credential_process of profile ${name} failed (${first.trim()}): run "${settings.get('credential_process')}" yourself to see why`;
  }
  if (usesSso || /SSO|Token is expired|sso_session/i.test(message)) {
    return `the SSO session${name !== undefined ? ` of profile ${name}` : ''} has expired or was never started: run ${loginHint(name)}`;
  }
  if (/Could not load credentials from any providers/i.test(message)) {
    return `no AWS credentials found: run "aws configure" or "${loginHint(name)}", set AWS_PROFILE, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY`;
  }
  return `could not load AWS credentials${name !== undefined ? ` for profile ${name}` : ''}: ${message}`;
}
