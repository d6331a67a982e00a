// The public question ids and the answers keyed by them. An answers file uses exactly these
// ids; they are a versioned interface (see README).

export const QUESTION_IDS = [
  'region',
  'service',
  'source.kind',
  'source.id',
  'source.ip',
  'vpc',
  'endpoint',
  'symptom',
  'target.bucket',
  'target.key',
  'target.table',
  'target.resource',
  'target.action',
  'target.principal',
  'target.hostname',
  'target.kms-key',
  'target.principal-org-path',
  'target.resource-org-path',
] as const;
export type QuestionId = (typeof QUESTION_IDS)[number];
export type Answers = Partial<Record<QuestionId, string>>;

export function isQuestionId(value: string): value is QuestionId {
  return (QUESTION_IDS as readonly string[]).includes(value);
}
