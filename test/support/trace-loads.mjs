// Preloaded with --import: records every module the process resolves into the file named by
// VPCE_TRACE_LOADS, so a test can prove heavy modules are loaded only on the path that needs them.
// The hooks thread appends synchronously, so even a process that exits at once leaves its trace.
import { register } from 'node:module';

register('./trace-loads-hooks.mjs', { parentURL: import.meta.url, data: { log: process.env.VPCE_TRACE_LOADS } });
