// Where the request starts: the described source (instance, ENI or subnet) it was found at.
// The decision tree probes the source itself; this module only reports what it found.
import type { Check } from '../../findings/types.js';
import type { PathContext } from '../../path/context.js';
import type { CheckModule } from '../check-module.js';

function located(ctx: PathContext): Check[] {
  const s = ctx.source;
  if (s === undefined) return [];
  const where = [s.SubnetId, s.VpcId, s.AvailabilityZone].filter(Boolean).join(', ');
  const addr = s.PrivateIpAddress ? `, ${s.PrivateIpAddress}` : '';
  const groups = s.Groups.length > 0 ? `, ${s.Groups.map((g) => g.GroupId).join(' ')}` : '';
  return [
    { id: 'source.located', layer: 'endpoint', status: 'pass', detail: `${s.Id} is in ${where}${addr}${groups}` },
  ];
}

export const sourceModule: CheckModule = {
  id: 'source',
  layer: 'endpoint',
  requires: () => [],
  evaluate: (ctx) => ({ checks: located(ctx), findings: [] }),
};
