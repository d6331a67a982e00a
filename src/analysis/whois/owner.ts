// Who owns a network interface: the kinds of owner `whois` can name, and the read-only lookup
// that shows the owner's own name and state.

export const OWNER_KINDS = [
  'instance',
  'vpc-endpoint',
  'gateway-load-balancer-endpoint',
  'load-balancer',
  'nat-gateway',
  'lambda',
  'efs',
  'rds',
  'ecs-task',
  'eks',
  'resolver-endpoint',
  'directory',
  'transit-gateway',
  'client-vpn',
  'api-gateway',
  'elasticache',
  'redshift',
  'dms',
  'codestar-connections',
  'quicksight',
  'global-accelerator',
  'iot-rules',
  'instance-connect-endpoint',
  /** An AWS service manages it (RequesterManaged or Operator) but its fields do not say which resource. */
  'service-managed',
  /** Nothing uses it: status available, no attachment, created by a person or a tool. */
  'unattached',
  'unknown',
] as const;
export type OwnerKind = (typeof OWNER_KINDS)[number];

/** The read-only call that shows the owner's name and state. */
export type OwnerLookup =
  | { kind: 'vpc-endpoint'; vpcEndpointId: string }
  | { kind: 'load-balancer'; name: string }
  | { kind: 'nat-gateway'; natGatewayId: string }
  | { kind: 'resolver-endpoint'; resolverEndpointId: string }
  | { kind: 'lambda'; functionName: string };

export interface Owner {
  kind: OwnerKind;
  /** One line for a person: "interface VPC endpoint vpce-0abc…", "Application Load Balancer web". */
  label: string;
  /** The owning resource's id or name, when the fields name it. */
  resource?: string;
  /** The fields that decided, as "Field=value" or "Description …". */
  basis: string[];
  /** What else the fields say (who requested it, who operates it, a related resource). */
  notes: string[];
  lookup?: OwnerLookup;
}

/** What one field says about the owner; `identify` composes them. */
export interface OwnerHint {
  kind: OwnerKind;
  label: string;
  resource?: string;
  lookup?: OwnerLookup;
  note?: string;
}
