// The decision tree (src/engine/tree.ts) as a Mermaid flowchart: questions, probes, the check
// run and verdicts as shapes, branch conditions as edge labels. Drawn from the data, so it
// cannot drift from what the engine walks.
import { START, TREE, type Cond, type NodeId, type TreeNode } from '../engine/tree.js';

const nodeRef = (id: NodeId): string => id.replace(/[.-]/g, '_');
const quote = (s: string): string => `"${s.replace(/"/g, '#quot;')}"`;

export function condText(cond: Cond): string {
  if ('always' in cond) return 'otherwise';
  if ('answer' in cond) return `${cond.answer} ∈ ${cond.in.join(', ')}`;
  if ('fact' in cond) return cond.fact;
  if ('not' in cond) return `not ${condText(cond.not)}`;
  return cond.all.map(condText).join(' and ');
}

function shape(node: TreeNode): string {
  const ref = nodeRef(node.id);
  switch (node.kind) {
    case 'question': {
      const when = 'always' in node.ask ? '' : ` (asked when ${condText(node.ask)})`;
      return `${ref}[/${quote(`? ${node.question}${when}`)}/]`;
    }
    case 'probe':
      return `${ref}[[${quote(`probe ${node.id.slice(2)}`)}]]`;
    case 'collect':
      return `${ref}{{${quote('run every check on the path')}}}`;
    case 'verdict':
      return `${ref}([${quote(`verdict: ${node.verdict}`)}])`;
  }
}

export function treeMermaid(): string {
  const lines = ['flowchart TD'];
  // Nodes in walk order from the start, then any the walk did not reach (there should be none).
  const order: NodeId[] = [];
  const visit = (id: NodeId): void => {
    if (order.includes(id)) return;
    order.push(id);
    const node = TREE[id];
    if (node.kind !== 'verdict') for (const b of node.branches) visit(b.to);
  };
  visit(START);
  for (const id of Object.keys(TREE) as NodeId[]) if (!order.includes(id)) order.push(id);
  for (const id of order) lines.push(`  ${shape(TREE[id])}`);
  for (const id of order) {
    const node = TREE[id];
    if (node.kind === 'verdict') continue;
    const labelled = node.branches.length > 1;
    for (const b of node.branches)
      lines.push(`  ${nodeRef(id)} -->${labelled ? `|${quote(condText(b.when))}|` : ''} ${nodeRef(b.to)}`);
  }
  return lines.join('\n') + '\n';
}

/** Without --mermaid: the same tree as an indented outline for a terminal. */
export function treeOutline(): string {
  const lines: string[] = [];
  for (const id of Object.keys(TREE) as NodeId[]) {
    const node = TREE[id];
    lines.push(`${id}  (${node.kind}${node.kind === 'question' ? `: ${node.question}` : ''})`);
    if (node.kind !== 'verdict')
      for (const b of node.branches)
        lines.push(`  → ${b.to}${node.branches.length > 1 ? `   when ${condText(b.when)}` : ''}`);
  }
  return lines.join('\n') + '\n';
}
