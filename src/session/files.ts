// Reading and writing the files: answers in, sessions out and back in. Errors are values the
// CLI turns into exit code 2 with a clear message, never a stack trace.
import { open, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { z } from 'zod';
import type { EngineState } from '../engine/machine.js';
import type { Answers } from '../path/answers.js';
import { TREE_VERSION } from '../engine/tree.js';
import type { ProbeRecord } from '../probes/contract.js';
import type { Report } from '../engine/verdict.js';
import {
  AnswersFileSchema,
  ONE_SHOT,
  SESSION_VERSION,
  SessionSchema,
  describeIssues,
  type SessionFile,
} from './schema.js';
import { FileError, parseJsonText, readText, sessionJson } from './read-file.js';

export { FileError, MAX_DEPTH, MAX_FILE_BYTES, MAX_KEY_LENGTH } from './read-file.js';
import { terminalSafeJson } from '../report/sanitize.js';
import { callerIdentityIn } from '../path/identity.js';

function parseWith<S extends z.ZodType>(schema: S, data: unknown, path: string, what: string): z.infer<S> {
  const result = schema.safeParse(data, ONE_SHOT);
  if (!result.success) throw new FileError(`${what} ${path} is not valid:\n${describeIssues(result.error)}`);
  return result.data;
}

export function parseAnswersText(text: string, path: string): Answers {
  const what = 'answers file';
  const file = parseWith(AnswersFileSchema, parseJsonText(text, path, what), path, what);
  return file.answers as Answers;
}

export async function loadAnswers(path: string): Promise<Answers> {
  return parseAnswersText(await readText(path, 'answers file'), path);
}

export function parseSessionText(text: string, path: string): SessionFile {
  return parseWith(SessionSchema, sessionJson(text, path), path, 'session file');
}

export async function loadSession(path: string): Promise<SessionFile> {
  return parseSessionText(await readText(path, 'session file'), path);
}

export function toSession(
  state: EngineState,
  report: Report,
  meta: { toolVersion: string; startedAt: Date; finishedAt: Date },
): SessionFile {
  const records = Object.values(state.results) as ProbeRecord[];
  const identity = callerIdentityIn(state.results);
  return {
    version: SESSION_VERSION,
    tool: { name: 'vpce-doctor', version: meta.toolVersion },
    treeVersion: TREE_VERSION,
    region: state.answers.region ?? '',
    identity: identity ? { Account: identity.Account, Arn: identity.Arn } : null,
    settings: { ...state.settings },
    startedAt: meta.startedAt.toISOString(),
    finishedAt: meta.finishedAt.toISOString(),
    answers: { ...state.answers } as Record<string, string>,
    probes: records.map((r) => ({ key: r.key, input: r.input as Record<string, unknown>, outcome: r.outcome })),
    report,
  };
}

/**
 * Writes a file only its owner can read (0600), creating missing folders 0700: a session holds
 * account ids, policies and addresses. Both modes are set explicitly, so a permissive umask or
 * an existing file with wider permissions does not leak it.
 */
export async function writePrivateFile(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const handle = await open(path, 'w', 0o600);
  try {
    await handle.chmod(0o600);
    await handle.writeFile(text, 'utf8');
  } finally {
    await handle.close();
  }
}

export async function writeJson(path: string, value: unknown): Promise<void> {
  await writePrivateFile(path, terminalSafeJson(value, 2) + '\n');
}
