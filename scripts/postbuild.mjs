// Make the built entry executable (npm sets the bit on install; a local clone needs it too).
import { chmodSync } from 'node:fs';
chmodSync(new URL('../dist/cli/main.js', import.meta.url), 0o755);
