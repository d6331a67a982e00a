// `npm run bench` (builds first): how fast vpce-doctor is where users feel it, measured on the
// built package, printed as a table and written to bench/results.json (the README's performance
// section is generated from that file: `npm run readme`). Every time is also given as a ratio to
// `node -e ''` measured in the same run, because ratios hold across machines and absolute times
// do not. Not a test: nothing here fails a build; the targets (issue 12) are reported as met or not.
//
//   start-up      --version, --help, replay --json of a recording (hyperfine when installed,
//                 else repeated spawns; medians)
//   first frame   the wizard's first frame in a pseudo-terminal (script(1)), and a replay's
//   diagnosis     each scenario of test/support/bench-scenarios.ts against moto through a loopback
//                 proxy adding a fixed delay to every AWS call: wall time, calls, critical path
//                 (the longest chain of calls each sent after the previous one answered) and peak
//                 RSS; then the same scenarios again after filling the account with unrelated VPCs
//   npx           cold `npx ../vpce-doctor-*.tgz --help` from an empty folder, empty npm cache
//   package       the tarball's size and file count
//
// Options: --runs N (start-up samples, default 30), --delay MS (per AWS call, default 100),
// --skip-evaluators (leave out scripts/bench-evaluators.mjs, which runs afterwards).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:net';
import { importSource } from './load-src.mjs';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** What `npx vpce-doctor` runs, so what every figure measures: package.json's bin. */
const BIN = join(ROOT, JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).bin['vpce-doctor']);
const RECORDING = join(ROOT, 'recordings/gateway.route-table-not-associated.json');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const RUNS = arg('--runs', 30);
const DELAY_MS = arg('--delay', 100);

export const TARGETS = {
  coldNpxHelpMs: 1500,
  helpRatio: 1.3,
  firstFrameMs: 300,
  replayJsonRatio: 2,
  criticalPath: 4,
  calls: 25,
  peakRssMb: 150,
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const home = () => mkdtempSync(join(tmpdir(), 'vpce-bench-home-'));

/** A clean environment: no real AWS config, no colour, no CI. */
function cleanEnv(extra = {}) {
  const h = home();
  return {
    PATH: process.env.PATH ?? '',
    HOME: h,
    XDG_CONFIG_HOME: join(h, '.config'),
    AWS_CONFIG_FILE: join(h, 'aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(h, 'aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    NO_COLOR: '1',
    ...extra,
  };
}

const hasCommand = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

// ---------------------------------------------------------------------------------------------
// Start-up: fresh processes, medians.

/** @param {Record<string, string[]>} commands name → argv (after node) */
function startupTimes(commands) {
  const env = cleanEnv();
  if (hasCommand('hyperfine')) {
    const out = join(mkdtempSync(join(tmpdir(), 'vpce-bench-')), 'hyperfine.json');
    const quote = (a) => `'${a.replace(/'/g, `'\\''`)}'`;
    const cmds = Object.values(commands).map((argv) => [process.execPath, ...argv].map(quote).join(' '));
    execFileSync(
      'hyperfine',
      ['-N', '--warmup', '3', '--runs', String(RUNS), '--ignore-failure', '--export-json', out, ...cmds],
      { env, cwd: ROOT, stdio: 'ignore' },
    );
    const results = JSON.parse(readFileSync(out, 'utf8')).results;
    return {
      tool: `hyperfine ${execFileSync('hyperfine', ['--version'], { encoding: 'utf8' }).trim().split(' ')[1]}`,
      times: Object.fromEntries(
        Object.keys(commands).map((name, i) => [
          name,
          {
            medianMs: round(results[i].median * 1000),
            cpuMs: round((results[i].user + results[i].system) * 1000),
          },
        ]),
      ),
    };
  }
  const times = {};
  for (const [name, argv] of Object.entries(commands)) {
    spawnSync(process.execPath, argv, { env, cwd: ROOT, stdio: 'ignore' });
    const wall = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      spawnSync(process.execPath, argv, { env, cwd: ROOT, stdio: 'ignore' });
      wall.push(performance.now() - t0);
    }
    times[name] = { medianMs: round(median(wall)) };
  }
  return { tool: `spawnSync × ${RUNS}`, times };
}

// ---------------------------------------------------------------------------------------------
// First frame in a pseudo-terminal: script(1) gives the process a terminal, as a user's shell.

// eslint-disable-next-line no-control-regex -- escape sequences are what it strips
const ANSI = /\u001b(\[[0-9;?]*[ -/]*[@-~]|\][^\u0007]*\u0007|[()][0-9A-B]|[=>78DEHMcn])/g;

/**
 * Spawns `argv` in a 100×40 pseudo-terminal; resolves with the ms until the output (ANSI stripped)
 * first matches each of `marks`, then kills the process group.
 * @param {string[]} argv @param {Record<string, RegExp>} marks
 */
function ptyTimes(argv, marks, env) {
  return new Promise((resolve) => {
    const cmd = `stty cols 100 rows 40 2>/dev/null; exec ${argv.map((a) => `'${a}'`).join(' ')}`;
    const t0 = performance.now();
    const child = spawn('script', ['-qfec', cmd, '/dev/null'], {
      env,
      detached: true,
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    let text = '';
    const seen = {};
    const done = () => {
      clearTimeout(timer);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      resolve(seen);
    };
    const timer = setTimeout(done, 10_000);
    child.stdout.on('data', (d) => {
      const now = performance.now() - t0;
      text += d.toString('utf8').replace(ANSI, '');
      for (const [name, re] of Object.entries(marks)) if (seen[name] === undefined && re.test(text)) seen[name] = now;
      if (Object.keys(marks).every((k) => seen[k] !== undefined)) done();
    });
    child.on('exit', () => setTimeout(done, 50));
  });
}

/** @param {string | undefined} awsUrl the emulator (the wizard's STS call goes there), else a closed port */
async function firstFrames(awsUrl, n = 7) {
  if (!hasCommand('script')) return undefined;
  const env = cleanEnv({
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_ENDPOINT_URL: awsUrl ?? 'http://127.0.0.1:9',
    TERM: 'xterm-256color',
  });
  const base = [];
  const wizard = { frame: [], question: [] };
  const replay = [];
  for (let i = 0; i < n; i++) {
    base.push(
      (await ptyTimes([process.execPath, '-e', "process.stdout.write('ready\\n')"], { frame: /ready/ }, env)).frame,
    );
    const w = await ptyTimes([process.execPath, BIN], { frame: /vpce-doctor/, question: /\?\s*\S/ }, env);
    wizard.frame.push(w.frame);
    wizard.question.push(w.question);
    replay.push((await ptyTimes([process.execPath, BIN, 'replay', RECORDING], { frame: /vpce-doctor/ }, env)).frame);
  }
  const m = (xs) => round(median(xs.filter((x) => x !== undefined)));
  return {
    method: `script(1) pseudo-terminal 100×40, median of ${n}`,
    nodeMs: m(base),
    wizardFrameMs: m(wizard.frame),
    wizardQuestionMs: m(wizard.question),
    replayFrameMs: m(replay),
  };
}

// ---------------------------------------------------------------------------------------------
// Diagnoses against moto through a delaying proxy.

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function startMoto() {
  const port = await freePort();
  const child = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/moto-api/`, { signal: AbortSignal.timeout(1000) });
      if (res.status < 500) return { url, stop: () => child.kill('SIGTERM') };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('moto did not start');
}

/** Longest chain of calls where each was sent after the previous one had been answered. */
export function criticalPath(calls) {
  const sorted = [...calls].filter((c) => c.end !== undefined).sort((a, b) => a.start - b.start);
  const depth = [];
  let best = 0;
  for (let i = 0; i < sorted.length; i++) {
    let d = 1;
    for (let j = 0; j < i; j++) if (sorted[j].end <= sorted[i].start) d = Math.max(d, depth[j] + 1);
    depth.push(d);
    best = Math.max(best, d);
  }
  return best;
}

/** Runs one diagnosis with an answers file through the proxy; returns its figures. */
function diagnose(proxy, answers) {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-bench-run-'));
  const file = join(dir, 'answers.json');
  const rssFile = join(dir, 'rss');
  writeFileSync(file, JSON.stringify({ version: 1, answers: { region: 'us-east-1', ...answers } }));
  const env = cleanEnv({
    AWS_ENDPOINT_URL: proxy.url,
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    VPCE_BENCH_RSS: rssFile,
  });
  proxy.log.length = 0;
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(
      process.execPath,
      ['--import', join(ROOT, 'scripts/bench-rss.mjs'), BIN, '--answers', file, '--json'],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => {
      const wallMs = performance.now() - t0;
      let report;
      try {
        report = JSON.parse(out);
      } catch {
        report = { verdict: `no report (exit ${code}): ${err.trim().split('\n')[0]}`, findings: [] };
      }
      const calls = proxy.log.map((l) => ({ ...l }));
      let rssKb = NaN;
      try {
        rssKb = Number(readFileSync(rssFile, 'utf8'));
      } catch {
        // the process died before its exit hook
      }
      resolve({
        wallMs: round(wallMs),
        calls: calls.length,
        criticalPath: criticalPath(calls),
        roundTripsByWall: round(wallMs / DELAY_MS, 1),
        actions: calls.map((c) => c.action),
        verdict: report.verdict,
        findings: report.findings.map((f) => f.id),
        peakRssMb: round(rssKb / 1024),
      });
    });
  });
}

/** @param {{ url: string }} moto */
async function diagnoses(moto) {
  const { BENCH_SCENARIOS, fillLargeAccount } = await importSource('test/support/bench-scenarios.ts');
  const { startFaultProxy } = await importSource('test/support/fault-proxy.ts');
  const proxy = await startFaultProxy(moto.url, [], { delayMs: DELAY_MS });
  try {
    const run = async () => {
      const rows = [];
      for (const s of BENCH_SCENARIOS) {
        const answers = await s.build(moto.url);
        rows.push({ name: s.name, ...(await diagnose(proxy, answers)) });
      }
      return rows;
    };
    const small = await run();
    const t0 = performance.now();
    const resources = await fillLargeAccount(moto.url);
    const fillS = round((performance.now() - t0) / 1000);
    const large = await run();
    return { delayMs: DELAY_MS, scenarios: small, large: { resources, fillSeconds: fillS, scenarios: large } };
  } finally {
    await proxy.close();
  }
}

// ---------------------------------------------------------------------------------------------
// The package: cold npx from an empty folder with an empty cache; the tarball.

function pack() {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-bench-pack-'));
  const [info] = JSON.parse(
    execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }),
  );
  return { dir, file: info.filename, bytes: info.size, unpackedBytes: info.unpackedSize, files: info.entryCount };
}

function coldNpx(tarball, n = 5) {
  const samples = [];
  for (let i = 0; i < n; i++) {
    const empty = mkdtempSync(join(tarball.dir, 'empty-'));
    const cache = `${empty}-cache`;
    mkdirSync(cache);
    const env = cleanEnv({ npm_config_cache: cache, npm_config_update_notifier: 'false', npm_config_fund: 'false' });
    const t0 = performance.now();
    const r = spawnSync('npx', ['--offline', '--yes', `../${tarball.file}`, '--help'], {
      cwd: empty,
      env,
      encoding: 'utf8',
    });
    samples.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`cold npx failed: ${r.stderr}`);
    rmSync(cache, { recursive: true, force: true });
    const installed = readdirSync(empty);
    if (installed.length > 0) throw new Error(`npx wrote into the empty folder: ${installed.join(', ')}`);
  }
  return { medianMs: round(median(samples)), runs: n, method: 'npx --offline --yes ../vpce-doctor-*.tgz --help' };
}

// ---------------------------------------------------------------------------------------------

function summarise(r) {
  const t = r.startup.times;
  const node = t.node.medianMs;
  const rows = [];
  const add = (measure, figure, ratio, target, met) => rows.push({ measure, figure, ratio, target, met });
  /**
   * A start-up figure: median wall time and, with hyperfine, CPU time (user + system), each as a
   * ratio to `node -e ''`. On a busy machine the wall time mostly measures waiting for a CPU, so
   * the target is judged on the CPU ratio when there is one.
   */
  const startup = (measure, x, target) => {
    const wall = x.medianMs / node;
    const cpu = x.cpuMs !== undefined && t.node.cpuMs ? x.cpuMs / t.node.cpuMs : undefined;
    const judged = cpu ?? wall;
    add(
      measure,
      `${x.medianMs} ms${x.cpuMs !== undefined ? ` (CPU ${x.cpuMs} ms)` : ''}`,
      `${wall.toFixed(2)}× wall${cpu !== undefined ? ` · ${cpu.toFixed(2)}× CPU` : ''}`,
      target === undefined ? '—' : `≤ ${target}×`,
      target === undefined ? null : judged <= target,
    );
  };
  startup('node -e ""', t.node);
  startup('--version', t.version);
  startup('--help', t.help, TARGETS.helpRatio);
  startup('replay --json (a recording)', t.replayJson, TARGETS.replayJsonRatio);
  if (r.firstFrame) {
    const f = r.firstFrame;
    add(
      'wizard: first frame in a terminal',
      `${f.wizardFrameMs} ms`,
      `${(f.wizardFrameMs / f.nodeMs).toFixed(2)}× node's first line there`,
      `≤ ${TARGETS.firstFrameMs} ms`,
      f.wizardFrameMs <= TARGETS.firstFrameMs,
    );
    add(
      'wizard: first question',
      `${f.wizardQuestionMs} ms`,
      `${(f.wizardQuestionMs / f.nodeMs).toFixed(2)}×`,
      '—',
      null,
    );
    add(
      'replay: first frame in a terminal',
      `${f.replayFrameMs} ms`,
      `${(f.replayFrameMs / f.nodeMs).toFixed(2)}×`,
      '—',
      null,
    );
  }
  if (r.diagnosis) {
    const d = r.diagnosis;
    for (const s of d.scenarios) {
      const big = d.large.scenarios.find((x) => x.name === s.name);
      add(
        `diagnosis ${s.name}`,
        `${s.wallMs} ms, ${s.calls} calls, critical path ${s.criticalPath}`,
        `${(s.wallMs / DELAY_MS).toFixed(1)}× the ${DELAY_MS} ms delay`,
        `path ≤ ${TARGETS.criticalPath}, calls ≤ ${TARGETS.calls}`,
        s.criticalPath <= TARGETS.criticalPath && s.calls <= TARGETS.calls,
      );
      if (big)
        add(
          `  same in the large account`,
          `${big.wallMs} ms, ${big.calls} calls, critical path ${big.criticalPath}`,
          `${(big.wallMs / s.wallMs).toFixed(2)}× the small account's time`,
          'calls identical',
          big.calls === s.calls,
        );
    }
    const peak = Math.max(...d.scenarios.map((s) => s.peakRssMb), ...d.large.scenarios.map((s) => s.peakRssMb));
    add('peak RSS of a diagnosis', `${peak} MB`, '—', `≤ ${TARGETS.peakRssMb} MB`, peak <= TARGETS.peakRssMb);
  }
  if (r.npx)
    add(
      'cold npx --help (empty folder, empty cache)',
      `${r.npx.medianMs} ms`,
      `${(r.npx.medianMs / node).toFixed(1)}×`,
      `≤ ${TARGETS.coldNpxHelpMs} ms`,
      r.npx.medianMs <= TARGETS.coldNpxHelpMs,
    );
  add(
    'package tarball',
    `${round(r.package.bytes / 1024 / 1024, 2)} MB (${r.package.files} files, ${round(r.package.unpackedBytes / 1024 / 1024, 1)} MB unpacked), 0 dependencies`,
    '—',
    '—',
    null,
  );
  return rows;
}

function printTable(rows) {
  const cols = ['measure', 'figure', 'ratio', 'target', 'met'];
  const cell = (row, c) => (c === 'met' ? (row.met === null ? '' : row.met ? 'yes' : 'NO') : String(row[c]));
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r, c).length)));
  const line = (vals) => vals.map((v, i) => v.padEnd(width[i])).join('  ');
  console.log(line(cols));
  console.log(line(width.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(cols.map((c) => cell(r, c))));
}

if (process.argv.includes('--summary-only')) {
  // Recompute the table from the figures already in bench/results.json (after changing summarise).
  const file = join(ROOT, 'bench/results.json');
  const saved = JSON.parse(readFileSync(file, 'utf8'));
  saved.summary = summarise(saved);
  writeFileSync(file, JSON.stringify(saved, null, 2) + '\n');
  printTable(saved.summary);
  process.exit(0);
}

const results = {
  node: process.version,
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, loadAverage1m: round(loadavg()[0] ?? 0, 2) },
  targets: TARGETS,
};
console.log(
  `vpce-doctor benchmark · node ${process.version} · ${cpus().length} CPUs · load ${results.machine.loadAverage1m}`,
);
results.startup = startupTimes({
  node: ['-e', ''],
  version: [BIN, '--version'],
  help: [BIN, '--help'],
  replayJson: [BIN, 'replay', RECORDING, '--json'],
});
const moto =
  spawnSync('python3', ['-c', 'import moto.server'], { stdio: 'ignore' }).status === 0 ? await startMoto() : undefined;
if (moto === undefined) console.log('moto (python3 -m moto.server) is not installed: no diagnosis figures');
try {
  results.firstFrame = await firstFrames(moto?.url);
  results.diagnosis = moto ? await diagnoses(moto) : undefined;
} finally {
  moto?.stop();
}
results.package = pack();
results.npx = coldNpx(results.package);
delete results.package.dir;
results.summary = summarise(results);
mkdirSync(join(ROOT, 'bench'), { recursive: true });
writeFileSync(join(ROOT, 'bench/results.json'), JSON.stringify(results, null, 2) + '\n');
console.log('');
printTable(results.summary);
console.log('\nwritten to bench/results.json (npm run readme puts it in the README)');

if (!process.argv.includes('--skip-evaluators')) await import('./bench-evaluators.mjs');
