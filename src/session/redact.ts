// Redacting a session for sharing (support hand-offs, bug reports): every account id (the
// caller's and third parties' in ARNs, owner fields and policy conditions), IAM user, role and
// session names, every bucket name, table names, object keys, user ids, organization, root and
// OU ids, tag values (Name and the others), private DNS domains (hosted zones, DHCP domain-name, Resolver rules; never
// AWS's own service names) and IPv4 addresses and CIDR blocks are replaced consistently
// everywhere in the file — answers, probe results (policy documents embedded as strings too)
// and the report — so a replay of the redacted file still reaches the same diagnosis. The CLI
// re-runs the engine on the result to prove it before writing it.
import { randomBytes } from 'node:crypto';
import { addressMap, type AddressMap } from './redact-addresses.js';
import type { SessionFile } from './schema.js';

export interface Redaction {
  session: SessionFile;
  /** False when addresses were left as they are (see `redactSession`'s options). */
  addresses: boolean;
  /** Original → replacement, for the user to review (never written into the shared file). */
  replacements: { kind: string; from: string; to: string }[];
}

// IAM names may also hold commas, but prose around an ARN uses them too: leave them out.
const NAME = '[A-Za-z0-9+=.@_-]+';

function collect(session: SessionFile): Map<string, { kind: string; to: string }> {
  const found = new Map<string, { kind: string; to: string }>();
  const counters = new Map<string, number>();
  const add = (kind: string, raw: string | undefined, make: (n: number) => string): void => {
    const value = raw?.replace(/\.+$/, ''); // a name at the end of a sentence keeps its full stop
    if (value === undefined || value === '' || found.has(value)) return;
    const n = (counters.get(kind) ?? 0) + 1;
    counters.set(kind, n);
    found.set(value, { kind, to: make(n) });
  };
  const text = JSON.stringify(session);
  // Account ids: the caller's first, then any other 12-digit account in an ARN or an owner field.
  // Replacements never collide: the caller is 111111111111, every other account 9999 + n.
  const account = (n: number): string => (n === 1 ? '1'.repeat(12) : `9999${String(n).padStart(8, '0')}`);
  // Only an account id is one: an edited file's "-1" must not eat every IpProtocol "-1".
  const caller = session.identity?.Account;
  if (caller !== undefined && /^\d{12}$/.test(caller)) add('account', caller, account);
  // Any other 12-digit number is an account id: in ARNs, owner fields, policy principals and
  // conditions (aws:SourceAccount, aws:PrincipalAccount, aws:ResourceAccount …).
  for (const m of text.matchAll(/(?<![A-Za-z0-9])(\d{12})(?![A-Za-z0-9])/g)) add('account', m[1], account);
  // IAM names inside ARNs: roles, users, assumed-role sessions.
  for (const m of text.matchAll(new RegExp(`:assumed-role/(${NAME})/(${NAME})`, 'g'))) {
    add('role', m[1], (n) => `role-${n}`);
    add('session', m[2], (n) => `session-${n}`);
  }
  for (const m of text.matchAll(new RegExp(`:role/(?:[A-Za-z0-9+=.@_/-]*/)?(${NAME})`, 'g')))
    add('role', m[1], (n) => `role-${n}`);
  for (const m of text.matchAll(new RegExp(`:user/(?:[A-Za-z0-9+=.@_/-]*/)?(${NAME})`, 'g')))
    add('user', m[1], (n) => `user-${n}`);
  // The organization's ids: its id (o-…), root (r-…) and OUs (ou-…), in DescribeOrganization,
  // ListParents, org-path answers and policy conditions (aws:PrincipalOrgID, aws:…OrgPaths).
  const edge = (body: string) => new RegExp(`(?<![A-Za-z0-9-])(${body})(?![A-Za-z0-9-])`, 'g');
  for (const m of text.matchAll(edge('o-[a-z0-9]{10,32}')))
    add('organization', m[1], (n) => `o-${String(n).padStart(10, '0')}`);
  for (const m of text.matchAll(edge('ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}')))
    add('organizational-unit', m[1], (n) => `ou-0000-${String(n).padStart(8, '0')}`);
  for (const m of text.matchAll(edge('r-[0-9a-z]{4,32}')))
    if (text.includes(`/${m[1]}/`)) add('organization-root', m[1], (n) => `r-${String(n).padStart(4, '0')}`);
  // A root appears bare as the first of ListParents' parents (r-… alone is too common a shape to take everywhere).
  for (const record of session.probes) {
    if (record.key !== 'organizations.account-parents' || record.outcome.status !== 'ok') continue;
    const parents = (record.outcome.value as { Parents?: unknown } | null)?.Parents;
    const root = Array.isArray(parents) ? parents[0] : undefined;
    if (typeof root === 'string') add('organization-root', root, (n) => `r-${String(n).padStart(4, '0')}`);
  }
  // IAM unique ids (AROA…/AIDA…) carry no meaning for the diagnosis.
  for (const m of text.matchAll(/\b(A[RI]OA[A-Z0-9]{8,})\b/g))
    add('user-id', m[1], (n) => `AROAREDACTED${String(n).padStart(8, '0')}`);
  // The proxy a host uses names the company's network.
  for (const record of session.probes) {
    if (record.key !== 'host.proxy-env' || record.outcome.status !== 'ok') continue;
    const value = record.outcome.value as { httpsProxy?: { value?: string } | null };
    const proxy = value.httpsProxy?.value;
    if (proxy === undefined) continue;
    let host: string | undefined;
    try {
      host = new URL(proxy.includes('://') ? proxy : `http://${proxy}`).hostname;
    } catch {
      host = undefined;
    }
    add('proxy-host', host, (n) => `proxy-${n}.example`);
  }
  const ownBucket = (name: string | undefined) => (name !== undefined && AWS_BUCKET.test(name) ? undefined : name);
  add('bucket', ownBucket(session.answers['target.bucket']), (n) => `bucket-${n}`);
  // Every other bucket: in S3 ARNs (policies, conditions) and in the probes' own inputs.
  for (const m of text.matchAll(/arn:aws[a-z-]*:s3:::([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])/g))
    if (!AWS_BUCKET.test(m[1] ?? '')) add('bucket', m[1], (n) => `bucket-${n}`);
  for (const record of session.probes) {
    const bucket = (record.input as { bucket?: unknown }).bucket;
    if (typeof bucket === 'string') add('bucket', ownBucket(bucket), (n) => `bucket-${n}`);
  }
  for (const { key, value } of tagsOf(session.probes))
    if (isRedactableWord(value))
      add(key === 'Name' ? 'name-tag' : 'tag', value, (n) => (key === 'Name' ? `name-${n}` : `tag-${n}`));
  for (const domain of domainsOf(session.probes)) add('domain', domain, (n) => `domain-${n}.example`);
  add('key', session.answers['target.key'], (n) => `object-${n}`);
  add('table', session.answers['target.table'], (n) => `table-${n}`);
  return found;
}

/** Tag values anywhere in the probe results (EC2 `Tags: [{Key, Value}]`). */
function tagsOf(probes: SessionFile['probes']): { key: string; value: string }[] {
  const out: { key: string; value: string }[] = [];
  const stack: unknown[] = probes.map((p) => (p.outcome.status === 'ok' ? p.outcome.value : null));
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) stack.push(...(v as unknown[]));
    else if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (Array.isArray(o.Tags))
        for (const t of o.Tags as unknown[]) {
          const tag = t as { Key?: unknown; Value?: unknown };
          if (typeof tag?.Key === 'string' && typeof tag.Value === 'string')
            out.push({ key: tag.Key, value: tag.Value });
        }
      stack.push(...Object.values(o));
    }
  }
  return out;
}

/** A tag value worth replacing: not a flag or number a rule might read, long enough to mean something. */
const isRedactableWord = (value: string): boolean =>
  value.length >= 3 && !/^(true|false|yes|no|on|off|\d+)$/i.test(value);

// AWS's own names (service endpoints, the default DHCP domain) name nothing of the user's.
const AWS_DOMAIN = /(^|\.)(amazonaws\.com(\.cn)?|api\.aws|aws|amazon\.com|ec2\.internal|compute\.internal)$/i;

/** Private DNS domains: hosted zones, Resolver rule domains, the DHCP options' domain-name. */
function domainsOf(probes: SessionFile['probes']): string[] {
  const out: string[] = [];
  const push = (name: unknown): void => {
    if (typeof name !== 'string') return;
    for (const part of name.split(/\s+/)) {
      const domain = part.replace(/\.+$/, '');
      if (domain.includes('.') || /^[a-z0-9-]{3,}$/i.test(domain))
        if (domain !== '' && !AWS_DOMAIN.test(domain)) out.push(domain);
    }
  };
  const stack: unknown[] = probes.map((p) => (p.outcome.status === 'ok' ? p.outcome.value : null));
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) stack.push(...(v as unknown[]));
    else if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.HostedZoneId === 'string') push(o.Name);
      if (typeof o.RuleType === 'string') push(o.DomainName);
      // A zone's records (ListResourceRecordSets): their names, and a CNAME's target.
      if (typeof o.Type === 'string' && (Array.isArray(o.ResourceRecords) || typeof o.AliasTarget === 'object')) {
        push(o.Name);
        if (o.Type === 'CNAME' && Array.isArray(o.ResourceRecords))
          for (const x of o.ResourceRecords as unknown[]) push((x as { Value?: unknown })?.Value);
      }
      if (o.Key === 'domain-name' && Array.isArray(o.Values))
        for (const x of o.Values as unknown[]) push((x as { Value?: unknown })?.Value);
      stack.push(...Object.values(o));
    }
  }
  return out;
}

// Buckets AWS owns that endpoint policies must allow (ECR image layers, SSM agent, Amazon Linux
// repositories, CloudWatch agent; src/analysis/policy/perimeter/aws-owned.ts): they name nothing
// of the user's, and the analysis looks for them by name.
// https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html#ecr-minimum-s3-perms
const AWS_BUCKET =
  /^(prod-[a-z0-9-]+-starport-layer-bucket|aws-ssm-[a-z0-9-]+|amazon-ssm-[a-z0-9-]+|aws-windows-downloads-[a-z0-9-]+|amazonlinux[a-z0-9.-]*|al2023-repos-[a-z0-9-]+|[a-z0-9-]+-birdwatcher-prod|patch-baseline-snapshot-[a-z0-9-]+|amazoncloudwatch-agent(-[a-z0-9-]+)?|(packages|repo)\.[a-z0-9-]+\.amazonaws\.com)$/;

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `addresses: false` leaves IPv4 addresses as they are: the CLI falls back to it, and says so,
 * in the rare session where mapping them would change the diagnosis.
 */
export function redactSession(
  session: SessionFile,
  options: {
    addresses?: boolean;
    /** The address map's keys (tests); random by default. */ newKey?: () => Buffer;
  } = {},
): Redaction {
  const found = collect(session);
  // Longest first, and only whole tokens: "logs" the bucket must not eat "com.amazonaws.…logs".
  // A domain also matches as the tail of a longer name (db.corp.example → db.domain-1.example).
  const entries = [...found.entries()].sort((a, b) => b[0].length - a[0].length);
  const patterns = entries.map(([from, { kind, to }]) => ({
    re: new RegExp(`(?<![A-Za-z0-9${kind === 'domain' ? '' : '.'}-])${escapeRe(from)}(?![A-Za-z0-9-])`, 'g'),
    to,
  }));
  const addresses = options.addresses ?? true;
  const redactWith = (mapAddresses: AddressMap | undefined): SessionFile => {
    const replace = (s: string): string => {
      const tokens = patterns.reduce((acc, p) => acc.replace(p.re, p.to), s);
      return mapAddresses ? mapAddresses(tokens) : tokens;
    };
    const walk = (v: unknown): unknown => {
      if (typeof v === 'string') return replace(v);
      if (Array.isArray(v)) return v.map(walk);
      if (v !== null && typeof v === 'object')
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
      return v;
    };
    return walk(session) as SessionFile;
  };
  const newKey = options.newKey ?? (() => randomBytes(32));
  let mapAddresses = addresses ? addressMap(newKey()) : undefined;
  let redacted = redactWith(mapAddresses);
  // A key that happens to map one of the session's blocks to itself would leave it readable as
  // it was (and missing from the list the user reviews): draw another key, a bounded number of times.
  for (let tries = 1; mapAddresses !== undefined && mapAddresses.unchanged.size > 0 && tries < 16; tries++) {
    mapAddresses = addressMap(newKey());
    redacted = redactWith(mapAddresses);
  }
  const replacements = entries.map(([from, { kind, to }]) => ({ kind, from, to }));
  if (mapAddresses)
    for (const [from, to] of mapAddresses.seen)
      replacements.push({ kind: from.includes('/') ? 'cidr' : 'address', from, to });
  return { session: redacted, addresses, replacements };
}
