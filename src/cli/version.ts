import { readFileSync } from 'node:fs';

/** The package version, recorded in every session file (package.json two folders up, from src/cli/ and from dist/cli/ alike). */
export const TOOL_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
