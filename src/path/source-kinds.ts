// Where the request comes from: a source inside a VPC we can describe, or one that reaches
// the VPC from outside.

export const SOURCE_KINDS = [
  'instance',
  'eni',
  'subnet',
  'peered-vpc',
  'vpn',
  'direct-connect',
  'transit-gateway',
  'on-premises',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
/** Sources that live inside a VPC we can describe; the others reach the VPC from outside. */
export const IN_VPC_SOURCE_KINDS = ['instance', 'eni', 'subnet'] as const;
export const OUTSIDE_SOURCE_KINDS = ['peered-vpc', 'vpn', 'direct-connect', 'transit-gateway', 'on-premises'] as const;
