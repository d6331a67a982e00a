// The public shapes of a diagnosis: findings (what is wrong, with evidence and fix) and
// checks (what was looked at, and whether it passed). Both are part of the report JSON.
import type { FixCommand } from './command.js';
import type { TerraformHint } from './terraform.js';

export type { FixCommand } from './command.js';
export type { TerraformHint } from './terraform.js';

import type { FindingId } from './entries/index.js';
import type { CheckId } from './checks.js';
import type { Layer, Severity } from './layers.js';
export { LAYERS, type Layer, type Severity } from './layers.js';

export interface Fix {
  /** One sentence: what to change. */
  summary: string;
  /**
   * AWS CLI v2 commands carrying the real ids, run in order (argv and the shell line to paste);
   * empty when no AWS command can fix it — then `summary` says exactly what to change and where.
   */
  commands: FixCommand[];
  /** Files written next to the session (e.g. a corrected policy), relative or absolute paths. */
  files?: { path: string; contents: string }[];
  /** Other ways to fix it, each complete on its own: `commands` above are one fix, run in order. */
  alternatives?: { summary: string; commands: FixCommand[] }[];
  /**
   * Hints, not fixes: where a resource `commands` change is usually managed as code, the same
   * change as the Terraform AWS provider resource (derived from the commands; absent when none).
   */
  terraformHints?: TerraformHint[];
}

export interface Finding {
  id: FindingId;
  severity: Severity;
  layer: Layer;
  title: string;
  /** Why this breaks the request, in one plain sentence (from the catalogue). */
  why: string;
  /** Facts that prove it, each a line naming real ids ("rule 90 on acl-… denies tcp/443 from 10.1.0.0/16"). */
  evidence: string[];
  fix: Fix;
  /** AWS documentation pages for this finding (from the catalogue); absent in sessions recorded before 0.2. */
  docs?: { title: string; url: string }[];
}

/** `crashed`: the check module threw: a bug in that check, reported, never a pass. */
export type CheckStatus = 'pass' | 'fail' | 'warn' | 'skipped' | 'error' | 'crashed';

export interface Check {
  id: CheckId;
  layer: Layer;
  status: CheckStatus;
  detail: string;
  /** For checks about what a client sees (DNS, TCP): seen live from inside the VPC, or inferred from configuration. */
  basis?: 'observed' | 'reasoned';
}
