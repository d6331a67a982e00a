// Preloaded by the bench (`node --import scripts/bench-rss.mjs …`): writes the process's peak
// resident set size in KB to the file named by VPCE_BENCH_RSS when it exits, however it exits.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  if (process.env.VPCE_BENCH_RSS) writeFileSync(process.env.VPCE_BENCH_RSS, String(process.resourceUsage().maxRSS));
});
