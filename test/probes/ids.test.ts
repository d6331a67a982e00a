// Branded resource ids: an id of one kind is refused where another kind is expected (checked by
// `npm run typecheck`, which covers this file), and text becomes an id only through the guard.
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ProbeInput } from '../../src/probes/contract.js';
import {
  isResourceId,
  parseResourceId,
  type SecurityGroupId,
  type SubnetId,
  type VpcId,
} from '../../src/probes/ids.js';
import { SourceSchema } from '../../src/probes/shapes.js';

const source = SourceSchema.parse({
  Kind: 'instance',
  Id: 'i-0abc1234',
  SubnetId: 'subnet-0abc1234',
  VpcId: 'vpc-0abc1234',
  Groups: [{ GroupId: 'sg-0abc1234' }],
});

describe('branded resource ids', () => {
  it('a source subnet id passed as the VPC of a DescribeVpcs call does not compile; its VPC id does', () => {
    // @ts-expect-error a SubnetId is not a VpcId
    const wrong: ProbeInput<'ec2.vpc'> = { vpcId: source.SubnetId };
    const right: ProbeInput<'ec2.vpc'> = { vpcId: source.VpcId };
    expect([wrong.vpcId, right.vpcId]).toEqual(['subnet-0abc1234', 'vpc-0abc1234']);
  });

  it('a security group id is not a subnet id, and the schemas give each field its kind', () => {
    expectTypeOf<SubnetId>().not.toExtend<VpcId>();
    expectTypeOf<SecurityGroupId>().not.toExtend<SubnetId>();
    expectTypeOf(source.VpcId).toEqualTypeOf<VpcId>();
    expectTypeOf(source.Groups[0]!.GroupId).toEqualTypeOf<SecurityGroupId>();
    // Plain text (an answer, a fixture's literal) is still accepted where an id is expected.
    expectTypeOf<string>().toExtend<VpcId>();
  });

  it.each([
    ['VpcId', 'vpc-0abc1234', true],
    ['VpcId', 'subnet-0abc1234', false],
    ['SubnetId', 'subnet-0abc1234def567890', true],
    ['VpcEndpointId', 'vpce-0abc1234', true],
    ['VpcEndpointId', 'vpc-0abc1234', false],
    ['SecurityGroupId', 'sg-', false],
    ['InstanceId', 'i-0ABC', false],
  ] as const)('isResourceId(%s, %s) → %s', (kind, text, ok) => {
    expect(isResourceId(kind, text)).toBe(ok);
    expect(parseResourceId(kind, text)).toBe(ok ? text : undefined);
  });
});
