// Preloaded with --import: records every module the process resolves into the file named by
// VPCE_TRACE_LOADS, so a test can prove heavy modules are loaded only on the path that needs them.
import { register } from 'node:module';
import { appendFileSync } from 'node:fs';

const { port1, port2 } = new MessageChannel();
port1.on('message', (url) => appendFileSync(process.env.VPCE_TRACE_LOADS, `${url}\n`));
port1.unref();
register('./trace-loads-hooks.mjs', { parentURL: import.meta.url, data: { port: port2 }, transferList: [port2] });
