// Reading and writing the files: answers in, sessions out and back in. Errors are values the
// CLI turns into exit code 2 with a clear message, never a stack trace.
import { UsageError } from '../errors.js';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { z } from 'zod';
import type { EngineState } from '../engine/machine.js';
import type { Answers } from '../path/answers.js';
import { TREE_VERSION } from '../engine/tree.js';
import type { ProbeRecord } from '../probes/contract.js';
import type { Report } from '../engine/verdict.js';
import { AnswersFileSchema, SESSION_VERSION, SessionSchema, describeIssues, type SessionFile } from './schema.js';
import { okValue } from '../path/context.js';
import type { CallerIdentity } from '../probes/shapes.js';

export class FileError extends UsageError {}

async function readJson(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new FileError(
      code === 'ENOENT' ? `${what} ${path} does not exist` : `cannot read ${what} ${path}: ${(err as Error).message}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new FileError(`${what} ${path} is not valid JSON: ${(err as Error).message}`);
  }
}

function parseWith<S extends z.ZodType>(schema: S, data: unknown, path: string, what: string): z.infer<S> {
  const result = schema.safeParse(data);
  if (!result.success) throw new FileError(`${what} ${path} is not valid:\n${describeIssues(result.error)}`);
  return result.data;
}

export async function loadAnswers(path: string): Promise<Answers> {
  const file = parseWith(AnswersFileSchema, await readJson(path, 'answers file'), path, 'answers file');
  return file.answers as Answers;
}

export async function loadSession(path: string): Promise<SessionFile> {
  const data = await readJson(path, 'session file');
  if (data !== null && typeof data === 'object' && 'version' in data && data.version !== SESSION_VERSION) {
    throw new FileError(
      `session file ${path} has version ${String(data.version)}; this vpce-doctor reads version ${SESSION_VERSION}`,
    );
  }
  return parseWith(SessionSchema, data, path, 'session file');
}

export function toSession(
  state: EngineState,
  report: Report,
  meta: { toolVersion: string; startedAt: Date; finishedAt: Date },
): SessionFile {
  const records = Object.values(state.results) as ProbeRecord[];
  const identityRecord = records.find((r) => r.key === 'sts.caller-identity');
  const identity = identityRecord ? (okValue(identityRecord.outcome) as CallerIdentity | undefined) : undefined;
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

export async function writeJson(path: string, value: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, JSON.stringify(value, null, 2) + '\n', 'utf8');
}
