// Types for scripts/session-validator.mjs (the build runs it as plain JavaScript; tests import it).
import type { z } from 'zod';

export function sessionValidatorSource(src: {
  SessionSchema: z.ZodType;
  ProbeRecordSchema: z.ZodType;
  FixCommandSchema: z.ZodType;
  AnswersMapSchema: z.ZodType;
  PROBES: Record<string, { input: z.ZodType; output: z.ZodType }>;
}): string;
