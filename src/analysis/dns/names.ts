// Service names ↔ the hostnames clients resolve, and label-wise name matching.

/** Lowercase, no trailing dot: `Amazonaws.COM.` → `amazonaws.com`; the root `.` → ``. */
export function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/\.+$/, '');
}

/** Number of labels; the root has none. */
export function labelCount(name: string): number {
  const n = normalizeName(name);
  return n === '' ? 0 : n.split('.').length;
}

/** True when `name` equals `domain` or sits below it, label-wise (`xsqs.com` is not under `sqs.com`). */
export function isSameOrSubdomain(name: string, domain: string): boolean {
  const n = normalizeName(name);
  const d = normalizeName(domain);
  if (d === '') return true; // the root matches everything
  return n === d || n.endsWith(`.${d}`);
}

/** True when `pattern` (a DNS name, possibly `*.` wildcard) covers `name`. */
export function dnsNameCovers(pattern: string, name: string): boolean {
  const p = normalizeName(pattern);
  const n = normalizeName(name);
  if (p.startsWith('*.')) {
    const base = p.slice(2);
    return n.endsWith(`.${base}`) && labelCount(n) === labelCount(base) + 1;
  }
  return p === n;
}

function partitionSuffix(region: string): string {
  return region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
}

const SERVICE_NAME = /^com\.amazonaws\.([a-z]{2}(?:-[a-z]+)+-\d+)\.(.+)$/;

/** `com.amazonaws.us-east-1.ecr.dkr` → `{ region: 'us-east-1', service: 'ecr.dkr' }`. */
export function parseServiceName(serviceName: string): { region: string; service: string } | null {
  const match = SERVICE_NAME.exec(serviceName.trim().toLowerCase());
  if (!match || match[1] === undefined || match[2] === undefined) return null;
  return { region: match[1], service: match[2] };
}

/** The short service (`ecr.api`, `s3`) from a short or full service name. */
export function shortServiceName(service: string): string {
  return parseServiceName(service)?.service ?? service.trim().toLowerCase();
}

/** `sqs`, `us-east-1` → `com.amazonaws.us-east-1.sqs`; a full service name is returned as is. */
export function serviceNameFor(service: string, region: string): string {
  if (parseServiceName(service)) return service.trim().toLowerCase();
  return `com.amazonaws.${region}.${shortServiceName(service)}`;
}

// Services whose regional API name is not `<svc>.<region>.<suffix>`. ECR: api.ecr and dkr.ecr
// (docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html; general/latest/gr/ecr.html).
const HOST_PREFIX: Record<string, string> = {
  'ecr.api': 'api.ecr',
  'ecr.dkr': 'dkr.ecr',
  'sagemaker.api': 'api.sagemaker',
  'sagemaker.runtime': 'runtime.sagemaker',
};

/**
 * The regional hostname a client uses for a service: `s3` → `s3.us-east-1.amazonaws.com`,
 * `ecr.api` → `api.ecr.us-east-1.amazonaws.com`, `ecr.dkr` → `dkr.ecr.us-east-1.amazonaws.com`
 * (registries are `<account>.dkr.ecr.…`, covered by the endpoint's `*.dkr.ecr.…` private name).
 * A full service name's own Region wins over `region`.
 */
export function hostnameFor(service: string, region: string): string {
  const parsed = parseServiceName(service);
  const svc = parsed?.service ?? shortServiceName(service);
  const reg = parsed?.region ?? region;
  const prefix = HOST_PREFIX[svc] ?? svc;
  return `${prefix}.${reg}.${partitionSuffix(reg)}`;
}

/** The private DNS names an interface endpoint of `service` answers for. */
export function privateDnsNamesFor(service: string, region: string): string[] {
  const host = hostnameFor(service, region);
  const svc = shortServiceName(service);
  // S3 and ECR's registry names carry a per-bucket / per-account label in front; API Gateway's
  // carry the API id (*.execute-api.<region>.amazonaws.com, KC api-gateway-vpc-connections).
  if (svc === 's3' || svc === 'ecr.dkr' || svc === 'execute-api') return [host, `*.${host}`];
  return [host];
}
