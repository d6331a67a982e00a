// The one table of commands and flags: the argument reader and usage checks
// (usage.ts), the help screens (help.ts) and the shell completions all read it. Data only, so
// that `--help` and `--version` stay cheap to load.

export interface FlagSpec {
  readonly type: 'string' | 'boolean' | 'number';
  readonly default?: boolean;
  /** The placeholder shown in help ("FILE"); booleans have none. */
  readonly arg?: string;
  /** Allowed values, checked before the parser sees them (completions offer them). */
  readonly values?: readonly string[];
  /** One line (or a few) of help. */
  readonly help: string;
  /** How users type it when that is not `--name` (a default-on boolean: `--no-config`). */
  readonly token?: string;
}

/** Flag keys are camelCase; users type the kebab-case form (`dnsServer` → `--dns-server`). */
export const FLAGS = {
  answers: {
    type: 'string',
    arg: 'FILE',
    help: 'answers file {"version":1,"answers":{...}}; never prompts: a missing answer that cannot be discovered exits 2 naming its question id',
  },
  json: { type: 'boolean', default: false, help: 'print the report as JSON on stdout (same as --output json)' },
  output: {
    type: 'string',
    arg: 'FORMAT',
    values: ['text', 'json', 'markdown', 'sarif'],
    help: 'text (default), json, markdown (a pull-request comment) or sarif (SARIF 2.1.0 for code scanning)',
  },
  failOn: {
    type: 'string',
    arg: 'SEVERITY',
    values: ['error', 'warning', 'info'],
    help: 'exit 1 when a finding of this severity or worse is found: error (default), warning or info',
  },
  save: { type: 'string', arg: 'FILE', help: 'also write the session file here (interactive mode saves one anyway)' },
  region: {
    type: 'string',
    arg: 'REGION',
    help: "AWS Region (else AWS_REGION, AWS_DEFAULT_REGION, the profile's region)",
  },
  profile: { type: 'string', arg: 'NAME', help: 'named profile from ~/.aws/config (else AWS_PROFILE); SSO works' },
  dnsServer: {
    type: 'string',
    arg: 'IP[:PORT]',
    help: 'resolve the service name against this DNS server (live DNS checks also run when vpce-doctor runs on an instance inside the VPC)',
  },
  timeout: {
    type: 'number',
    arg: 'SECONDS',
    help: 'stop probing after this long (default 90): a call still waiting becomes an error naming it and the run ends incomplete (exit 3); each AWS call also times out on its own (5 s to connect, 10 s to answer)',
  },
  verbose: { type: 'boolean', default: false, help: 'list passing checks too' },
  config: {
    type: 'boolean',
    default: true,
    token: '--no-config',
    help: 'ignore the config file (vpce-doctor config shows it); nothing in it is needed to run',
  },
  mermaid: { type: 'boolean', default: false, help: 'tree: print the decision tree as a Mermaid flowchart' },
  checks: { type: 'boolean', default: false, help: 'findings: list the check ids a report can carry instead' },
  pace: {
    type: 'number',
    arg: 'MS',
    help: 'replay, demo: milliseconds per step in a terminal (default 450; 0 = instant)',
  },
  ascii: {
    type: 'boolean',
    default: false,
    help: 'ASCII marks and arrows only, in the wizard and the text report (the wizard also picks them for a Linux console or a non-UTF-8 locale)',
  },
} as const satisfies Record<string, FlagSpec>;

export type FlagName = keyof typeof FLAGS;

/** Flags every command accepts, handled before any command runs. */
export const GLOBAL_FLAGS = ['help', 'version'] as const;

export interface CommandSpec {
  /** The first argument; `diagnose` is the default command, run with no command name. */
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  /** [command line, what it does]: help leads with these. */
  readonly examples: readonly (readonly [string, string])[];
  readonly flags: readonly FlagName[];
  /** Values the first positional argument takes, when it is a closed set (completions offer them). */
  readonly args?: readonly string[];
  /** Extra paragraphs after the options. */
  readonly notes?: string;
}

export const DEFAULT_COMMAND = 'diagnose';

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: DEFAULT_COMMAND,
    summary: 'ask, probe the account read-only, diagnose (the default: run with no command)',
    usage: 'vpce-doctor [--answers FILE] [options]',
    examples: [
      ['vpce-doctor', 'ask, probe the account, diagnose'],
      ['vpce-doctor --answers answers.json --json', 'no prompts (CI, scripts)'],
      ['vpce-doctor --answers answers.json --output markdown', 'a pull-request comment'],
      ['vpce-doctor --answers answers.json --output sarif --fail-on warning', 'CI: code scanning, gate on warnings'],
      ['vpce-doctor --answers session.json', "a saved session's answers, probed live again"],
    ],
    flags: [
      'ascii',
      'answers',
      'json',
      'output',
      'failOn',
      'save',
      'region',
      'profile',
      'dnsServer',
      'timeout',
      'verbose',
      'config',
    ],
  },
  {
    name: 'replay',
    summary: 're-play a saved session, no AWS access',
    usage: 'vpce-doctor replay <session.json> [--json | --output FORMAT]',
    examples: [
      ['vpce-doctor replay session.json', 're-play a saved session step by step'],
      ['vpce-doctor replay session.json --json', 'just the report of a saved session'],
      ['vpce-doctor replay session.json --pace 0', 'straight to the verdict'],
      ['vpce-doctor replay session.json --output sarif', 'the saved diagnosis as SARIF'],
    ],
    flags: ['json', 'output', 'failOn', 'verbose', 'pace', 'ascii', 'profile'],
  },
  {
    name: 'demo',
    summary: 'watch a recorded diagnosis of any finding, no AWS account needed',
    usage: 'vpce-doctor demo [NAME] [--pace MS] [--json | --output FORMAT]',
    examples: [
      ['vpce-doctor demo', 'the recordings it ships, one per finding'],
      ['vpce-doctor demo gateway.route-table-not-associated', 'play one step by step'],
      ['vpce-doctor demo sg.endpoint --pace 0', 'a unique beginning of a name is enough'],
    ],
    flags: ['json', 'output', 'verbose', 'pace'],
    notes:
      "  A demo replays a shipped recording exactly as `vpce-doctor replay` does, and exits 0 once it\n  has played: the verdict shown is the recording's, not yours.",
  },
  {
    name: 'redact',
    summary: 'a copy of a session safe to attach to a ticket',
    usage: 'vpce-doctor redact <session.json> [--save FILE] [--verbose]',
    examples: [
      ['vpce-doctor redact session.json --save shared.json', 'a copy safe to attach to a ticket'],
      ['vpce-doctor redact session.json --verbose', 'check what would be replaced'],
    ],
    flags: ['save', 'verbose'],
  },
  {
    name: 'findings',
    summary: 'every finding id it can report (--checks: every check id)',
    usage: 'vpce-doctor findings [--checks] [--json | --output markdown]',
    examples: [
      ['vpce-doctor findings', 'every finding id, by layer'],
      ['vpce-doctor findings --json', 'the same for scripts'],
      ['vpce-doctor findings --checks', 'every check id a report can carry, by layer'],
    ],
    flags: ['json', 'output', 'checks'],
  },
  {
    name: 'rerun',
    summary: "run a saved session's answers live again (after a fix: did it work?)",
    usage: 'vpce-doctor rerun <session.json> [--json | --output FORMAT]',
    examples: [
      ['vpce-doctor rerun session.json', 'probe again with the same answers; the report says what changed'],
      ['vpce-doctor rerun session.json --json', 'the same for scripts: exit 0 once the fix holds'],
    ],
    flags: ['json', 'output', 'failOn', 'save', 'profile', 'dnsServer', 'timeout', 'verbose', 'config'],
  },
  {
    name: 'explain',
    summary: 'what a finding means, how to confirm it by hand, the fix and the AWS docs',
    usage: 'vpce-doctor explain <finding-id> [--json]',
    examples: [
      ['vpce-doctor explain gateway.route-table-not-associated', 'meaning, AWS CLI checks, fix, docs'],
      ['vpce-doctor explain dns.private-dns-disabled --json', 'the same as JSON'],
    ],
    flags: ['json'],
  },
  {
    name: 'iam-policy',
    summary: 'the least-privilege read-only IAM policy a diagnosis needs',
    usage: 'vpce-doctor iam-policy',
    examples: [
      ['vpce-doctor iam-policy > vpce-doctor-policy.json', 'the policy document'],
      [
        'aws iam create-policy --policy-name vpce-doctor --policy-document file://vpce-doctor-policy.json',
        'then attach it to the role you run it with',
      ],
    ],
    flags: [],
  },
  {
    name: 'tree',
    summary: 'the decision tree it walks (questions, probes, verdicts)',
    usage: 'vpce-doctor tree [--mermaid]',
    examples: [
      ['vpce-doctor tree', 'an outline of the decision tree'],
      ['vpce-doctor tree --mermaid', 'a Mermaid flowchart (GitHub renders it in Markdown)'],
    ],
    flags: ['mermaid'],
  },
  {
    name: 'config',
    summary: 'where the config file and the saved sessions are, and what the config holds',
    usage: 'vpce-doctor config [--json]',
    examples: [
      ['vpce-doctor config', 'the config file, its contents and the sessions folder'],
      ['vpce-doctor config --json', 'the same for scripts'],
    ],
    flags: ['json', 'config'],
  },
  {
    name: 'completion',
    summary: 'shell completion script for bash, zsh or fish',
    usage: 'vpce-doctor completion bash|zsh|fish',
    examples: [
      ['eval "$(vpce-doctor completion bash)"', 'in ~/.bashrc'],
      ['eval "$(vpce-doctor completion zsh)"', 'in ~/.zshrc (after compinit)'],
      ['vpce-doctor completion fish | source', 'in ~/.config/fish/config.fish'],
    ],
    flags: [],
    args: ['bash', 'zsh', 'fish'],
  },
  {
    name: 'whois',
    summary: 'what owns a private IP, public IP or network interface, and what can reach it',
    usage: 'vpce-doctor whois <private-ip | public-ip | eni-id> [--region R] [--profile P] [--json]',
    examples: [
      ['vpce-doctor whois 10.0.1.25', 'the interface, its owner and what admits traffic to it'],
      ['vpce-doctor whois eni-0abc1234def567890 --json', 'the same as JSON (vpce-doctor schema whois)'],
    ],
    flags: ['json', 'output', 'region', 'profile', 'ascii', 'config', 'timeout'],
  },
  {
    name: 'schema',
    summary: 'JSON Schema of the session, answers, report or whois file',
    usage: 'vpce-doctor schema session|answers|report|whois',
    examples: [['vpce-doctor schema answers', 'JSON Schema of the answers file']],
    flags: [],
    args: ['session', 'answers', 'report', 'whois'],
  },
];

export function commandNamed(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}

/** The flag as users type it: `--dns-server`, or `--no-config` for a default-on boolean. */
export function flagToken(name: FlagName): string {
  const spec: FlagSpec = FLAGS[name];
  return spec.token ?? `--${kebab(name)}`;
}

/** `dnsServer` → `dns-server`, the form users type. */
export function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
