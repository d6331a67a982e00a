// The report's TypeScript types and the zod schemas that validate saved reports are one shape:
// this file stops compiling the day they drift apart. One difference is meant: in a saved file
// a check or finding id is any string (a session written by another version may name ids this
// one does not know; a replay recomputes the report anyway), while in the code it is a
// catalogued id.
import type { z } from 'zod';
import type { Report } from '../engine/verdict.js';
import type { Check, Finding } from '../findings/types.js';
import type { CheckSchema, FindingSchema, ReportSchema } from './schema.js';

/** True only when A and B are the same type (not merely assignable one way). */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** T as a saved file holds it: its `id` a plain string. */
type Saved<T extends { id: string }> = { [K in keyof T]: K extends 'id' ? string : T[K] };
type SavedReport = {
  [K in keyof Report]: K extends 'findings' ? Saved<Finding>[] : K extends 'checks' ? Saved<Check>[] : Report[K];
};

type Agreement = [
  Same<Saved<Check>, z.infer<typeof CheckSchema>>,
  Same<Saved<Finding>, z.infer<typeof FindingSchema>>,
  Same<SavedReport, z.infer<typeof ReportSchema>>,
];

export const SCHEMAS_AGREE: Agreement = [true, true, true];
