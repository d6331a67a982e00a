// The route table a subnet actually uses: its explicitly associated table, else the VPC's main
// table (VPC user guide, "Subnet route tables": https://docs.aws.amazon.com/vpc/latest/userguide/subnet-route-tables.html).
// Pure, and the one place that says so: the live probe applies it to what DescribeRouteTables
// returns, the test fixtures to their account's tables. Beside the probe contract (not in
// analysis/) because the live probe, the lowest layer, is its first user.

/** The parts of a route table (the SDK's or the probe shape's) the choice reads. */
export interface AssociatedTable {
  VpcId?: string | undefined;
  Associations?: readonly { SubnetId?: string | undefined; Main?: boolean | undefined }[] | undefined;
}

export interface ChosenRouteTable<T> {
  SubnetId: string;
  /** `explicit`: the subnet is associated with it; `main`: no association, the VPC's main table applies. */
  Association: 'explicit' | 'main';
  RouteTable: T;
}

/** Among `tables`, the one the subnet uses: its explicit association first, else the VPC's main table; null when neither is there. Takes the ec2.route-table probe's input. */
export function effectiveRouteTable<T extends AssociatedTable>(
  { subnetId, vpcId }: { subnetId: string; vpcId: string },
  tables: readonly T[],
): ChosenRouteTable<T> | null {
  const explicit = tables.find((t) => (t.Associations ?? []).some((a) => a.SubnetId === subnetId));
  if (explicit !== undefined) return { SubnetId: subnetId, Association: 'explicit', RouteTable: explicit };
  const main = tables.find((t) => t.VpcId === vpcId && (t.Associations ?? []).some((a) => a.Main === true));
  return main === undefined ? null : { SubnetId: subnetId, Association: 'main', RouteTable: main };
}
