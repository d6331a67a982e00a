// The public question ids and what a valid answer to each looks like. An answers file uses
// exactly these ids; they are a versioned interface (see README).
import { QUESTION_IDS, type Answers, type QuestionId } from '../path/answers.js';
import { SOURCE_KINDS } from '../path/source-kinds.js';
import { unknownRegionMessage } from './regions.js';
import { parseIpv4 } from '../analysis/net/cidr.js';
import { ORG_PATH } from '../analysis/policy/organization.js';

export const SYMPTOMS = ['timeout', 'access-denied', 'wrong-address', 'nxdomain', 'unknown'] as const;
export type Symptom = (typeof SYMPTOMS)[number];

export interface Option {
  value: string;
  label: string;
}

export interface QuestionSpec {
  id: QuestionId;
  prompt: string;
  /** One line shown under the prompt, teaching what the answer means. */
  hint?: string;
  /** Static choices; a question without them takes free text (see `validate`). */
  options?: readonly Option[];
  /** With options: the user may also type a value not in the list. */
  allowOther?: boolean;
  /** May the answer be empty? */
  optional?: boolean;
  /**
   * An answers file (or a recording made before the question existed) may leave it out: taken as
   * empty rather than a missing answer. Only for optional questions added after release.
   */
  omittable?: boolean;
  /** Returns an error message for an invalid answer, or null. Pure. */
  validate: (value: string, answers: Answers) => string | null;
}

const REGION_RE = /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/;
const SERVICE_SHORT_RE = /^[a-z0-9][a-z0-9-]*(\.[a-z0-9-]+)*$/;
const SERVICE_FULL_RE = /^(com\.amazonaws|aws\.api|aws\.sagemaker)\.[a-z0-9.-]+$/;
const ID_PREFIX: Record<string, string> = { instance: 'i-', eni: 'eni-', subnet: 'subnet-' };
const HEX_ID_RE = (prefix: string): RegExp => new RegExp(`^${prefix}[0-9a-f]{8}([0-9a-f]{9})?$`);

export function isValidRegion(value: string): boolean {
  return REGION_RE.test(value);
}

function oneOf(values: readonly string[], id: string) {
  return (value: string): string | null =>
    values.includes(value) ? null : `${id} must be one of: ${values.join(', ')} (got "${value}")`;
}

export const QUESTIONS: Record<QuestionId, QuestionSpec> = {
  region: {
    id: 'region',
    prompt: 'Which AWS Region holds the VPC endpoint?',
    hint: 'e.g. us-east-1; --region, AWS_REGION or your profile usually answer this',
    validate: (v) => (isValidRegion(v) ? unknownRegionMessage(v) : `region must look like us-east-1 (got "${v}")`),
  },
  service: {
    id: 'service',
    prompt: 'Which AWS service can the workload not reach?',
    hint: 'a short name such as sqs or ecr.api, or a full service name com.amazonaws.<region>.<service>',
    options: [
      { value: 's3', label: 's3 — Amazon S3' },
      { value: 'dynamodb', label: 'dynamodb — Amazon DynamoDB' },
      { value: 'sqs', label: 'sqs — Amazon SQS' },
      { value: 'sts', label: 'sts — AWS STS' },
      { value: 'ecr.api', label: 'ecr.api — Amazon ECR API' },
      { value: 'ecr.dkr', label: 'ecr.dkr — Amazon ECR Docker registry' },
      { value: 'ssm', label: 'ssm — AWS Systems Manager' },
      { value: 'secretsmanager', label: 'secretsmanager — AWS Secrets Manager' },
      { value: 'kms', label: 'kms — AWS KMS' },
      { value: 'logs', label: 'logs — CloudWatch Logs' },
    ],
    allowOther: true,
    validate: (v) =>
      SERVICE_SHORT_RE.test(v) || SERVICE_FULL_RE.test(v)
        ? null
        : `service must be a short name such as s3 or sqs, or com.amazonaws.<region>.<service> (got "${v}")`,
  },
  'source.kind': {
    id: 'source.kind',
    prompt: 'Where does the traffic start?',
    options: [
      { value: 'instance', label: 'an EC2 instance (or a container on one)' },
      { value: 'eni', label: 'a network interface (Lambda in a VPC, ECS task, EKS pod …)' },
      { value: 'subnet', label: 'somewhere in a subnet' },
      { value: 'peered-vpc', label: 'another VPC, over VPC peering' },
      { value: 'transit-gateway', label: 'another VPC, over a transit gateway' },
      { value: 'vpn', label: 'on-premises, over Site-to-Site VPN' },
      { value: 'direct-connect', label: 'on-premises, over Direct Connect' },
      { value: 'on-premises', label: 'on-premises, not sure how it connects' },
    ],
    validate: oneOf(SOURCE_KINDS, 'source.kind'),
  },
  'source.id': {
    id: 'source.id',
    prompt: 'Its id?',
    hint: 'i-…, eni-… or subnet-…, matching where the traffic starts',
    validate: (v, answers) => {
      const kind = answers['source.kind'];
      const prefix = kind === undefined ? undefined : ID_PREFIX[kind];
      if (prefix === undefined) return `source.id applies only when source.kind is instance, eni or subnet`;
      return HEX_ID_RE(prefix).test(v)
        ? null
        : `source.id must look like ${prefix}0123456789abcdef0 for source.kind ${kind} (got "${v}")`;
    },
  },
  'source.ip': {
    id: 'source.ip',
    prompt: 'The source IP address (as the VPC sees it)?',
    hint: 'the client address the packets carry, e.g. 10.20.1.15 or 192.168.4.10',
    validate: (v) => (parseIpv4(v) !== undefined ? null : `source.ip must be an IPv4 address (got "${v}")`),
  },
  vpc: {
    id: 'vpc',
    prompt: 'Which VPC holds (or should hold) the endpoint?',
    hint: 'vpc-…: the VPC the traffic enters',
    validate: (v) => (HEX_ID_RE('vpc-').test(v) ? null : `vpc must look like vpc-0123456789abcdef0 (got "${v}")`),
  },
  endpoint: {
    id: 'endpoint',
    prompt: 'Several endpoints could carry this traffic. Which one do you use?',
    hint: '"auto" lets vpce-doctor pick the one the traffic takes',
    allowOther: true,
    validate: (v) =>
      v === 'auto' || HEX_ID_RE('vpce-').test(v) ? null : `endpoint must be vpce-… or auto (got "${v}")`,
  },
  symptom: {
    id: 'symptom',
    prompt: 'What does the workload see?',
    options: [
      { value: 'timeout', label: 'the connection times out' },
      { value: 'access-denied', label: '403 AccessDenied' },
      { value: 'wrong-address', label: 'the name resolves to public addresses' },
      { value: 'nxdomain', label: 'the name does not resolve (NXDOMAIN)' },
      { value: 'unknown', label: 'not sure — check everything' },
    ],
    validate: oneOf(SYMPTOMS, 'symptom'),
  },
  'target.bucket': {
    id: 'target.bucket',
    prompt: 'Which bucket does the request go to?',
    hint: 'bucket name only, e.g. my-app-artifacts (empty to skip policy checks)',
    optional: true,
    validate: (v) =>
      v === '' || /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(v)
        ? null
        : `target.bucket must be an S3 bucket name (got "${v}")`,
  },
  'target.key': {
    id: 'target.key',
    prompt: 'Which object key?',
    hint: 'e.g. releases/app.tar.gz (empty for any key)',
    optional: true,
    validate: () => null,
  },
  'target.table': {
    id: 'target.table',
    prompt: 'Which DynamoDB table does the request go to?',
    hint: 'table name, e.g. orders (empty to skip policy checks)',
    optional: true,
    validate: (v) =>
      v === '' || /^[A-Za-z0-9_.-]{3,255}$/.test(v) ? null : `target.table must be a DynamoDB table name (got "${v}")`,
  },
  'target.resource': {
    id: 'target.resource',
    prompt: 'Which resource does the request act on?',
    hint: 'its ARN, e.g. arn:aws:sqs:us-east-1:123456789012:orders (empty: judge only what does not depend on it)',
    optional: true,
    validate: (v) =>
      v === '' || /^arn:aws[a-z-]*:[a-z0-9.-]+:[a-z0-9-]*:(\d{12})?:.+$/.test(v)
        ? null
        : `target.resource must be an ARN such as arn:aws:sqs:us-east-1:123456789012:orders (got "${v}")`,
  },
  'target.action': {
    id: 'target.action',
    prompt: 'Which API action fails?',
    hint: 'service:Action, e.g. s3:GetObject (empty for the usual read)',
    optional: true,
    validate: (v) =>
      v === '' || /^[a-z0-9-]+:[A-Za-z0-9*]+$/.test(v)
        ? null
        : `target.action must look like s3:GetObject (got "${v}")`,
  },
  'target.principal': {
    id: 'target.principal',
    prompt: 'Which role or user makes the request?',
    hint: 'an IAM ARN (empty: the identity vpce-doctor runs as)',
    optional: true,
    validate: (v) =>
      v === '' || /^arn:aws[a-z-]*:(iam|sts)::\d{12}:.+/.test(v)
        ? null
        : `target.principal must be an IAM role or user ARN (got "${v}")`,
  },
  'target.hostname': {
    id: 'target.hostname',
    prompt: 'Which hostname does the client call?',
    hint: 'empty for the default <service>.<region>.amazonaws.com; e.g. sts.amazonaws.com',
    optional: true,
    validate: (v) =>
      v === '' || /^(?=.{1,253}$)([a-z0-9-]{1,63}\.)+[a-z]{2,63}\.?$/i.test(v)
        ? null
        : `target.hostname must be a DNS name (got "${v}")`,
  },
  // Asked on a 403 from an SSE-KMS bucket; an answers file may leave it out (judged: the bucket default key).
  'target.kms-key': {
    id: 'target.kms-key',
    prompt: 'Does the AccessDenied message name a KMS key?',
    hint: 'its ARN, e.g. arn:aws:kms:us-east-1:123456789012:key/1234abcd-… (empty: judge the bucket default key)',
    optional: true,
    omittable: true,
    validate: (v) =>
      v === '' || /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/.test(v)
        ? null
        : `target.kms-key must be a KMS key ARN such as arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab (got "${v}")`,
  },
  // Answers-file only (no tree node asks them): the org paths a policy's aws:PrincipalOrgPaths /
  // aws:ResourceOrgPaths compare, when organizations:ListParents cannot be read.
  'target.principal-org-path': {
    id: 'target.principal-org-path',
    prompt: "Where is the principal's account in the organization?",
    hint: 'its organization path, e.g. o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ (empty: read with organizations:ListParents)',
    optional: true,
    validate: (v) =>
      v === '' || ORG_PATH.test(v)
        ? null
        : `target.principal-org-path must be an organization path such as o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ (got "${v}")`,
  },
  'target.resource-org-path': {
    id: 'target.resource-org-path',
    prompt: "Where is the resource owner's account in the organization?",
    hint: 'its organization path, e.g. o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ (empty: read with organizations:ListParents)',
    optional: true,
    validate: (v) =>
      v === '' || ORG_PATH.test(v)
        ? null
        : `target.resource-org-path must be an organization path such as o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ (got "${v}")`,
  },
};

/** Check every given answer; returns the problems, each naming its question id. */
export function validateAnswers(answers: Answers): { question: QuestionId; message: string }[] {
  const problems: { question: QuestionId; message: string }[] = [];
  for (const id of QUESTION_IDS) {
    const value = answers[id];
    if (value === undefined) continue;
    const spec = QUESTIONS[id];
    if (value.trim() === '' && !spec.optional) {
      problems.push({ question: id, message: `${id} is empty` });
      continue;
    }
    const error = spec.validate(value.trim(), answers);
    if (error !== null) problems.push({ question: id, message: error });
  }
  return problems;
}
