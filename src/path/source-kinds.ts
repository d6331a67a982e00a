// Where the request comes from: a source inside a VPC we can describe, or one that reaches the
// VPC from outside. One table holds every kind with its properties; the lists below derive from it.

interface SourceKindProperties {
  /** Lives inside a VPC we can describe (instance, ENI, subnet); the others reach the VPC from outside. */
  inVpc: boolean;
  /** Off AWS (over VPN, Direct Connect or unknown): its DNS servers live outside AWS. */
  onPremises: boolean;
  /** Where an outside source starts, as evidence names it ("the traffic starts in …"). */
  outside?: string;
}

export const SOURCE_KIND_TABLE = {
  instance: { inVpc: true, onPremises: false },
  eni: { inVpc: true, onPremises: false },
  subnet: { inVpc: true, onPremises: false },
  'peered-vpc': { inVpc: false, onPremises: false, outside: 'a peered VPC' },
  vpn: { inVpc: false, onPremises: true, outside: 'on-premises over Site-to-Site VPN' },
  'direct-connect': { inVpc: false, onPremises: true, outside: 'on-premises over Direct Connect' },
  'transit-gateway': { inVpc: false, onPremises: false, outside: 'a VPC behind a transit gateway' },
  'on-premises': { inVpc: false, onPremises: true, outside: 'on-premises' },
} as const satisfies Record<string, SourceKindProperties>;

export type SourceKind = keyof typeof SOURCE_KIND_TABLE;

/** The order the wizard lists them in. */
export const SOURCE_KINDS = [
  'instance',
  'eni',
  'subnet',
  'peered-vpc',
  'vpn',
  'direct-connect',
  'transit-gateway',
  'on-premises',
] as const satisfies readonly SourceKind[];

type KindsWhere<P extends keyof SourceKindProperties, V> = {
  [K in SourceKind]: (typeof SOURCE_KIND_TABLE)[K] extends Record<P, V> ? K : never;
}[SourceKind];

function kindsWhere<P extends 'inVpc' | 'onPremises'>(property: P, value: boolean): SourceKind[] {
  return SOURCE_KINDS.filter((k) => (SOURCE_KIND_TABLE[k] as SourceKindProperties)[property] === value);
}

/** Sources that live inside a VPC we can describe; the others reach the VPC from outside. */
export const IN_VPC_SOURCE_KINDS = kindsWhere('inVpc', true) as readonly KindsWhere<'inVpc', true>[];
export const OUTSIDE_SOURCE_KINDS = kindsWhere('inVpc', false) as readonly KindsWhere<'inVpc', false>[];
export const ON_PREMISES_SOURCE_KINDS = kindsWhere('onPremises', true) as readonly KindsWhere<'onPremises', true>[];

export function isOnPremisesKind(kind: string | undefined): boolean {
  return (ON_PREMISES_SOURCE_KINDS as readonly string[]).includes(kind ?? '');
}

/** "a peered VPC", "on-premises over Direct Connect" …: where an outside source starts. */
export function outsideLabel(kind: string): string | undefined {
  const entry = (SOURCE_KIND_TABLE as Record<string, SourceKindProperties>)[kind];
  return entry?.outside;
}
