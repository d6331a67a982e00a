// The commands that fix the network-ACL findings: allow entries numbered ahead of the deciding
// deny, per ACL and direction, with the quota and rule-number problems said in words.
import type { PathContext } from '../../path/context.js';
import type { FixCommand } from '../../findings/command.js';
import type { NetworkAcl } from '../../probes/shapes.js';
import { naclFixForVerdicts } from './fixes.js';
import type { NaclVerdict, PortSpan } from './network-acls.js';

const spanText = (p: PortSpan): string => (p.from === p.to ? `tcp/${p.from}` : `tcp/${p.from}-${p.to}`);

/** One fix per ACL and direction: allow entries numbered below the deciding deny, one per peer CIDR. */
export function naclFixesFor(
  ctx: PathContext,
  acls: ReadonlyMap<string, NetworkAcl>,
  verdicts: readonly NaclVerdict[],
  widen?: (peer: string) => string,
): { commands: FixCommand[]; problems: string[]; parts: string[] } {
  const commands: FixCommand[] = [];
  const problems: string[] = [];
  const parts: string[] = [];
  for (const acl of acls.values()) {
    for (const direction of ['outbound', 'inbound'] as const) {
      const denied = verdicts.filter(
        (v) => !v.allowed && v.networkAclId === acl.NetworkAclId && v.direction === direction,
      );
      if (denied.length === 0) continue;
      const fix = naclFixForVerdicts(acl, denied, ctx.region, widen);
      if (fix === undefined) continue;
      if (fix.problem !== undefined) problems.push(fix.problem);
      if (fix.quotaNote !== undefined) problems.push(fix.quotaNote);
      commands.push(...fix.commands);
      const ports = [...new Set(denied.map((v) => spanText(v.ports)))].join(', ');
      const peers = [...new Set(denied.map((v) => (widen ? widen(v.peer) : v.peer)))];
      parts.push(
        `${direction} ${ports} ${direction === 'outbound' ? 'to' : 'from'} ${peers.join(', ')} on ${acl.NetworkAclId}`,
      );
    }
  }
  return { commands, problems, parts };
}
