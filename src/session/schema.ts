// The files a user hands us or gets from us, as zod schemas: the answers file, the session
// file, the report. `vpce-doctor schema …` prints them as JSON Schema.
import { z } from 'zod';
import { PROBES, PROBE_KEYS, type ProbeKey } from '../probes/contract.js';
import { QUESTION_IDS } from '../path/answers.js';
import { LAYERS } from '../findings/types.js';
import { splitCommandLine } from '../findings/command.js';
import { unusableValues } from './usable.js';
import { ANSWERS_VERSION, SESSION_VERSION } from './versions.js';

/**
 * Parse options for a file read once: zod's JIT (a `new Function` per object schema, built on
 * its first parse) costs more than it saves when each schema meets a handful of objects, which
 * is all a session file or an answers file holds.
 */
export const ONE_SHOT = { jitless: true } as const;

export { ANSWERS_VERSION, SESSION_VERSION };

const QuestionIdSchema = z.enum(QUESTION_IDS);

export const AnswersMapSchema = z
  .record(z.string(), z.string())
  .superRefine((answers, ctx) => {
    for (const key of Object.keys(answers)) {
      if (!(QUESTION_IDS as readonly string[]).includes(key)) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `unknown question id "${key}" (known: ${QUESTION_IDS.join(', ')})`,
        });
      }
    }
  })
  .describe('question id → answer; ids: ' + QUESTION_IDS.join(', '));

export const AnswersFileSchema = z.strictObject({
  version: z.literal(ANSWERS_VERSION),
  answers: AnswersMapSchema,
});
export type AnswersFile = z.infer<typeof AnswersFileSchema>;

const OutcomeSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('ok'), value: z.unknown() }),
  z.strictObject({ status: z.literal('denied'), action: z.string(), message: z.string() }),
  z.strictObject({ status: z.literal('error'), message: z.string() }),
]);

export const ProbeRecordSchema = z
  .strictObject({
    key: z.enum(PROBE_KEYS as [ProbeKey, ...ProbeKey[]]),
    input: z.record(z.string(), z.unknown()),
    outcome: OutcomeSchema,
  })
  // The parsed value (defaults applied, e.g. a missing `Groups` becomes []) is what the engine
  // sees: keeping the raw JSON after validating it let missing defaults crash the analysis.
  .transform((record, ctx) => {
    const spec = PROBES[record.key];
    const input = spec.input.safeParse(record.input, ONE_SHOT);
    if (!input.success)
      ctx.issues.push({
        code: 'custom',
        input: record.input,
        path: ['input', ...(input.error.issues[0]?.path ?? []).map(String)],
        message: `bad input for ${record.key}: ${input.error.issues[0]?.message}`,
      });
    let outcome = record.outcome;
    if (record.outcome.status === 'ok') {
      const out = spec.output.safeParse(record.outcome.value, ONE_SHOT);
      if (!out.success) {
        const issue = out.error.issues[0];
        ctx.issues.push({
          code: 'custom',
          input: record.outcome.value,
          path: ['outcome', 'value', ...(issue?.path ?? []).map(String)],
          message: `bad ${record.key} result: ${issue?.message}`,
        });
      } else {
        for (const problem of unusableValues(out.data))
          ctx.issues.push({
            code: 'custom',
            input: record.outcome.value,
            path: ['outcome', 'value', ...problem.path],
            message: `bad ${record.key} result: ${problem.message}`,
          });
        outcome = { status: 'ok', value: out.data };
      }
    }
    if (!input.success) return z.NEVER;
    return { key: record.key, input: input.data as Record<string, unknown>, outcome };
  });

export const CheckSchema = z.strictObject({
  id: z.string(),
  layer: z.enum(LAYERS),
  status: z.enum(['pass', 'fail', 'warn', 'skipped', 'error', 'crashed']),
  detail: z.string(),
  basis: z.enum(['observed', 'reasoned']).optional(),
});

/**
 * A fix command: argv and the shell line. Sessions saved before commands were data hold the
 * line alone; it is split back into argv on load.
 */
export const FixCommandSchema = z.preprocess(
  (value): unknown => (typeof value === 'string' ? { ...splitCommandLine(value), line: value } : value),
  z.strictObject({ argv: z.array(z.string()).min(1), assigns: z.string().optional(), line: z.string() }),
);

export const FindingSchema = z.strictObject({
  id: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  layer: z.enum(LAYERS),
  title: z.string(),
  why: z.string(),
  evidence: z.array(z.string()),
  fix: z.strictObject({
    summary: z.string(),
    commands: z.array(FixCommandSchema),
    files: z.array(z.strictObject({ path: z.string(), contents: z.string() })).optional(),
    alternatives: z.array(z.strictObject({ summary: z.string(), commands: z.array(FixCommandSchema) })).optional(),
    terraformHints: z
      .array(
        z.strictObject({
          resource: z.string().describe('The Terraform AWS provider resource type'),
          hcl: z.string().describe('HCL making the same change: a block to add, or the attribute to set or remove'),
        }),
      )
      .optional()
      .describe(
        'Hints, not fixes: where a resource the commands change is usually managed as Terraform, the same change written for the AWS provider. vpce-doctor cannot see your code; absent when no command maps to a resource',
      ),
  }),
  docs: z.array(z.strictObject({ title: z.string(), url: z.string().url() })).optional(),
});

export const ReportSchema = z.strictObject({
  version: z.literal(1),
  verdict: z.enum(['healthy', 'problems', 'incomplete']),
  findings: z.array(FindingSchema),
  checks: z.array(CheckSchema),
});

export const SessionSchema = z.strictObject({
  version: z.literal(SESSION_VERSION),
  tool: z.strictObject({ name: z.literal('vpce-doctor'), version: z.string() }),
  treeVersion: z.number().int(),
  region: z.string(),
  identity: z.strictObject({ Account: z.string(), Arn: z.string() }).nullable(),
  /** Flags that shape probe inputs (e.g. --dns-server), so a replay asks the same probes. */
  settings: z.strictObject({ dnsServer: z.string().optional() }).default({}),
  startedAt: z.string(),
  finishedAt: z.string(),
  /** Answers in the order they were given. */
  answers: AnswersMapSchema,
  probes: z.array(ProbeRecordSchema),
  report: ReportSchema,
});
export type SessionFile = z.infer<typeof SessionSchema>;

export const SCHEMAS = { session: SessionSchema, answers: AnswersFileSchema, report: ReportSchema } as const;
export type SchemaName = keyof typeof SCHEMAS;

export function jsonSchema(name: SchemaName): unknown {
  return z.toJSONSchema(SCHEMAS[name], { io: 'input', unrepresentable: 'any' });
}

// A key that is empty, blank or odd-looking is shown quoted, so the user can see which one it is.
const formatPath = (path: readonly PropertyKey[]): string =>
  path
    .map(String)
    .map((k, i) => (/^[A-Za-z0-9_.-]+$/.test(k) ? `${i > 0 ? '.' : ''}${k}` : `[${JSON.stringify(k.slice(0, 80))}]`))
    .join('');

/** zod issues as one line per problem, with the JSON path: what a user needs to fix the file. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 8)
    .map((i) => `  ${i.path.length > 0 ? formatPath(i.path) : '(top level)'}: ${i.message}`)
    .join('\n');
}

export { QuestionIdSchema };
