// Where on the request's path a finding or check sits, and how bad a finding is: the words
// the catalogues of findings and checks are written in.

/** Where on the request's path a finding or check sits; findings print in this order. */
export const LAYERS = [
  'endpoint', // where the request goes before the endpoint: exists, available, right VPC, region
  'dns',
  'route',
  'security-group',
  'nacl',
  'endpoint-policy',
  'resource-policy',
  'identity',
  'client',
  'cost',
] as const;
export type Layer = (typeof LAYERS)[number];

export type Severity = 'error' | 'warning' | 'info';
