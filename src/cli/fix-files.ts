// Fixes that are documents (a corrected policy) come out of the analysis with a bare file
// name; once a session file exists they are written next to it as <session>.<name> for reading
// and review. The commands carry the document inline, so they work whether or not it was written.
// The session itself keeps the bare names, so a replay prints exactly what was recorded.
import { basename, dirname, resolve } from 'node:path';
import type { Fix } from '../findings/types.js';
import { writePrivateFile } from '../session/files.js';

export function fixFilePath(sessionPath: string, name: string): string {
  const base = basename(sessionPath).replace(/\.json$/i, '');
  return resolve(dirname(sessionPath), `${base}.${basename(name)}`);
}

/**
 * Writes every fix file next to the session; returns the report naming where they are.
 * Any report: the engine's, or one read back from a session file (where ids are plain strings).
 */
export async function materializeFixFiles<F extends { fix: Fix }, R extends { findings: F[] }>(
  report: R,
  sessionPath: string,
): Promise<R> {
  const findings: F[] = [];
  for (const f of report.findings) {
    const files = f.fix.files ?? [];
    if (files.length === 0) {
      findings.push(f);
      continue;
    }
    const written = [];
    for (const file of files) {
      const target = fixFilePath(sessionPath, file.path);
      await writePrivateFile(target, file.contents.endsWith('\n') ? file.contents : file.contents + '\n');
      written.push({ path: target, contents: file.contents });
    }
    findings.push({ ...f, fix: { ...f.fix, files: written } });
  }
  return { ...report, findings };
}
