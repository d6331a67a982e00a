// The report's TypeScript types and the zod schemas that validate saved reports are one shape:
// this file stops compiling the day they drift apart.
import type { z } from 'zod';
import type { Report } from '../engine/verdict.js';
import type { Check, Finding } from '../findings/types.js';
import type { CheckSchema, FindingSchema, ReportSchema } from './schema.js';

/** True only when A and B are the same type (not merely assignable one way). */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

type Agreement = [
  Same<Check, z.infer<typeof CheckSchema>>,
  Same<Finding, z.infer<typeof FindingSchema>>,
  Same<Report, z.infer<typeof ReportSchema>>,
];

export const SCHEMAS_AGREE: Agreement = [true, true, true];
