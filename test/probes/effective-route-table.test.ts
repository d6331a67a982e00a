// "The subnet's explicit route table, else the VPC's main table", as a table of cases.
import { describe, expect, it } from 'vitest';
import { effectiveRouteTable, type AssociatedTable } from '../../src/probes/effective-route-table.js';

const main = { RouteTableId: 'rtb-main', VpcId: 'vpc-1', Associations: [{ Main: true }] };
const app = { RouteTableId: 'rtb-app', VpcId: 'vpc-1', Associations: [{ SubnetId: 'subnet-a', Main: false }] };
const otherMain = { RouteTableId: 'rtb-other-main', VpcId: 'vpc-2', Associations: [{ Main: true }] };

describe('the route table a subnet uses', () => {
  it.each([
    ['subnet associated with rtb-app → rtb-app, explicit', 'subnet-a', [main, app], 'rtb-app', 'explicit'],
    ['subnet with no association → the main table of its VPC', 'subnet-b', [main, app], 'rtb-main', 'main'],
    ["another VPC's main table never applies", 'subnet-b', [otherMain, app], undefined, undefined],
    [
      'subnet explicitly associated with the main table → explicit',
      'subnet-c',
      [{ ...main, Associations: [{ Main: true }, { SubnetId: 'subnet-c' }] }],
      'rtb-main',
      'explicit',
    ],
    ['no tables → none', 'subnet-a', [], undefined, undefined],
  ] as [string, string, (AssociatedTable & { RouteTableId: string })[], string | undefined, string | undefined][])(
    '%s',
    (_, subnet, tables, id, how) => {
      const chosen = effectiveRouteTable({ subnetId: subnet, vpcId: 'vpc-1' }, tables);
      expect(chosen?.RouteTable.RouteTableId).toBe(id);
      expect(chosen?.Association).toBe(how);
    },
  );
});
