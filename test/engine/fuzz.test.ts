// Random accounts, random answers, random IAM denials and API failures, through the whole
// engine and every check module. Whatever the account looks like, the diagnosis must keep its
// promises: it finishes, a run with a check that could not run or failed is never `healthy`,
// every finding and check is catalogued with its severity and layer, findings come in path order, no
// printed command carries a hole (undefined, null, NaN), and the session it makes replays to
// the same report.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drive } from '../../src/engine/driver.js';
import { start } from '../../src/engine/machine.js';
import type { Answers } from '../../src/path/answers.js';
import { CATALOGUE } from '../../src/findings/catalogue.js';
import { LAYERS } from '../../src/findings/types.js';
import { SOURCE_KINDS } from '../../src/path/source-kinds.js';
import { PROBE_KEYS, type ProbeKey } from '../../src/probes/contract.js';
import { INVENTORY_PROBES } from '../../src/probes/specs/inventory.js';
import { WHOIS_PROBES } from '../../src/probes/specs/whois.js';
import type { VpcEndpoint } from '../../src/probes/shapes.js';
import { toSession } from '../../src/session/files.js';
import { AnswersFileAsker, MissingAnswerError } from '../../src/session/answers-file-asker.js';
import { rerun } from '../../src/session/rerun.js';
import { checkIdProblems } from '../support/check-ids.js';
import { fixtureProbes } from '../support/fixtures/index.js';
import { baseAccount, endpointRoute, gatewayEndpoint, IDS } from '../support/fixtures/world.js';
import { MODULES } from '../../src/analysis/modules/index.js';

const STATES = [
  'available',
  'available',
  'available',
  'pendingAcceptance',
  'pending',
  'rejected',
  'failed',
  'deleting',
];
const SERVICES = ['s3', 'dynamodb', 'sqs', 'ssm', 'ecr.api', 'sts', 'kms'];
const SYMPTOMS = ['timeout', 'access-denied', 'wrong-address', 'nxdomain', 'unknown'];

const endpointArb = fc.record({
  n: fc.integer({ min: 0, max: 9 }),
  type: fc.constantFrom('Gateway', 'Interface'),
  service: fc.constantFrom(...SERVICES),
  state: fc.constantFrom(...STATES),
  otherVpc: fc.boolean(),
  tables: fc.subarray([IDS.appRtb, IDS.mainRtb]),
  routed: fc.boolean(),
  privateDns: fc.boolean(),
  subnets: fc.subarray([IDS.subnetA, IDS.subnetB]),
});

// The engine never asks `whois`'s probes: denying them would test nothing.
// whois and the wizard's pick lists have their own probes; the engine never asks them.
const ENGINE_PROBE_KEYS = PROBE_KEYS.filter(
  (k) => !Object.hasOwn(WHOIS_PROBES, k) && !Object.hasOwn(INVENTORY_PROBES, k),
);

const scenarioArb = fc.record({
  endpoints: fc.array(endpointArb, { maxLength: 3 }),
  denied: fc.oneof(
    { weight: 3, arbitrary: fc.constant<ProbeKey[]>([]) },
    { weight: 2, arbitrary: fc.subarray([...ENGINE_PROBE_KEYS], { maxLength: 3 }) },
    // Drawn on purpose, not by luck of the key list's length: the named endpoint unreadable.
    { weight: 1, arbitrary: fc.constant<ProbeKey[]>(['ec2.vpc-endpoint']) },
  ),
  failing: fc.oneof(
    { weight: 4, arbitrary: fc.constant<ProbeKey[]>([]) },
    { weight: 1, arbitrary: fc.subarray([...ENGINE_PROBE_KEYS], { maxLength: 2 }) },
  ),
  service: fc.constantFrom(...SERVICES),
  kind: fc.constantFrom(...SOURCE_KINDS),
  sourceExists: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  symptom: fc.constantFrom(...SYMPTOMS),
  endpointAnswer: fc.constantFrom(undefined, 'auto', 'vpce-0000000000000000a', 'vpce-0000000000000000b'),
  bucket: fc.constantFrom(undefined, 'acme-app-artifacts'),
  /** Start from a working S3 gateway path (instance source), so healthy runs are reached too. */
  baseline: fc.boolean(),
});

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function build(s: Scenario) {
  const account = baseAccount();
  if (s.baseline) {
    account.endpoints.push(gatewayEndpoint(IDS.s3Gateway, IDS.vpc, [IDS.appRtb, IDS.mainRtb]));
    for (const t of account.routeTables) t.Routes.push(endpointRoute(IDS.s3Gateway));
  }
  for (const e of s.endpoints) {
    const id = `vpce-000000000000000${'abcdefghij'[e.n]}`;
    if (account.endpoints.some((x) => x.VpcEndpointId === id)) continue;
    const ep: VpcEndpoint = {
      ...gatewayEndpoint(id, e.otherVpc ? IDS.otherVpc : IDS.vpc, e.type === 'Gateway' ? e.tables : [], e.service),
      VpcEndpointType: e.type,
      State: e.state,
      SubnetIds: e.type === 'Interface' ? e.subnets : [],
      PrivateDnsEnabled: e.type === 'Interface' ? e.privateDns : false,
    };
    account.endpoints.push(ep);
    if (e.type === 'Gateway' && e.routed)
      for (const t of account.routeTables)
        if ((e.tables as string[]).includes(t.RouteTableId)) t.Routes.push(endpointRoute(id));
  }
  const action = (k: ProbeKey): string => `svc:${k.replace(/[^a-z]/gi, '')}`;
  account.denied = Object.fromEntries(s.denied.map((k) => [k, action(k)]));
  account.failing = Object.fromEntries(s.failing.map((k) => [k, `${k} failed: ThrottlingException: Rate exceeded`]));
  const inside = (s.baseline ? 'instance' : s.kind) === 'instance' || s.kind === 'eni' || s.kind === 'subnet';
  const ids = { instance: IDS.instance, eni: IDS.lambdaEni, subnet: IDS.subnetA };
  const service = s.baseline ? 's3' : s.service;
  const kind = s.baseline ? 'instance' : s.kind;
  const answers: Answers = { region: 'us-east-1', service, 'source.kind': kind, symptom: s.symptom };
  if (inside) {
    const k = (s.baseline ? 'instance' : s.kind) as keyof typeof ids;
    answers['source.id'] = s.sourceExists
      ? ids[k]
      : `${k === 'eni' ? 'eni' : k === 'subnet' ? 'subnet' : 'i'}-0000000000000dead`;
  } else {
    answers['source.ip'] = '192.168.7.9';
    answers.vpc = s.sourceExists ? IDS.vpc : 'vpc-0000000000000dead';
  }
  if (s.endpointAnswer !== undefined) answers.endpoint = s.endpointAnswer;
  if (s.bucket !== undefined) answers['target.bucket'] = s.bucket;
  // A 403 on another service asks for its resource, and for the principal when STS cannot say: left empty.
  answers['target.resource'] = '';
  answers['target.principal'] = '';
  return { account, answers };
}

const HOLE = /\bundefined\b|\bnull\b|\bNaN\b|\[object /;

describe('the engine on random accounts', () => {
  it('keeps its promises whatever the account, the answers and the failures', async () => {
    const verdicts = new Set<string>();
    const seen = new Set<string>();
    let stopped = 0;
    let namedDenied = 0;
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (s) => {
        const { account, answers } = build(s);
        let state;
        try {
          state = await drive(
            start({}, { modules: MODULES, presets: answers }),
            new AnswersFileAsker(answers),
            fixtureProbes(account),
          );
        } catch (err) {
          // The only acceptable stop: a question the answers leave open (several endpoints, no choice).
          expect(err).toBeInstanceOf(MissingAnswerError);
          stopped++;
          return;
        }
        expect(state.view.kind).toBe('done');
        if (state.view.kind !== 'done') return;
        const { report } = state.view.outcome;
        verdicts.add(report.verdict);
        for (const f of report.findings) seen.add(f.id);
        const unclean = report.checks.some(
          (c) => c.status === 'skipped' || c.status === 'error' || c.status === 'fail',
        );
        if (report.verdict === 'healthy') {
          expect(unclean).toBe(false);
          expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
        }
        if (s.denied.length + s.failing.length > 0 && report.verdict === 'healthy') {
          // A denial may only be harmless if the denied probe was never needed.
          const asked = new Set(Object.values(state.results).map((r) => r.key));
          expect([...s.denied, ...s.failing].filter((k) => asked.has(k))).toEqual([]);
        }
        let lastLayer = 0;
        for (const f of report.findings) {
          const entry = CATALOGUE[f.id as keyof typeof CATALOGUE];
          expect(entry, f.id).toBeDefined();
          expect(f.layer).toBe(entry.layer);
          const layer = LAYERS.indexOf(f.layer);
          expect(layer).toBeGreaterThanOrEqual(lastLayer);
          lastLayer = layer;
          for (const c of [...f.fix.commands, ...(f.fix.alternatives ?? []).flatMap((a) => a.commands)].map(
            (x) => x.line,
          )) {
            expect(c, f.id).not.toMatch(HOLE);
            expect(c.startsWith('aws ') || /^[A-Z_]+=\$\(aws /.test(c), c).toBe(true);
          }
          for (const line of [f.title, f.fix.summary, ...f.evidence]) expect(line, f.id).not.toMatch(HOLE);
        }
        for (const c of report.checks) expect(c.detail, c.id).not.toMatch(/\bundefined\b|\[object /);
        expect(checkIdProblems(report.checks)).toEqual([]);
        if (answers.endpoint?.startsWith('vpce-') && s.denied.includes('ec2.vpc-endpoint')) namedDenied++;
        const session = toSession(state, report, {
          toolVersion: 'test',
          startedAt: new Date(0),
          finishedAt: new Date(0),
        });
        const again = await rerun(JSON.parse(JSON.stringify(session)), MODULES);
        expect(again.missing).toEqual([]);
        expect(again.state.view.kind === 'done' && again.state.view.outcome.report).toEqual(report);
      }),
      { numRuns: 250, seed: 20261126 },
    );
    // The generator must reach the interesting places, or the property proves little.
    expect([...verdicts].sort()).toEqual(['healthy', 'incomplete', 'problems']);
    expect(seen.size, [...seen].join(' ')).toBeGreaterThanOrEqual(5);
    expect(stopped).toBeLessThan(125);
    // The endpoint the user named, with DescribeVpcEndpoints denied for it: never a pass.
    expect(namedDenied).toBeGreaterThan(0);
  }, 60_000);
});
