// Identify an interface's owner from the fields AWS sets: the instance it is attached to, its
// InterfaceType, the Description the creating service wrote, RequesterManaged/RequesterId and
// Operator. The type names the kind when it is specific; the description names the resource.
// Nothing is guessed: when no field says, the owner is `unknown` and the raw fields are shown.
import type { WhoisInterface } from '../../probes/specs/whois.js';
import { ownerFromDescription } from './descriptions.js';
import { interfaceTypeNote, ownerFromInterfaceType } from './interface-types.js';
import type { Owner, OwnerHint } from './owner.js';

function notesOf(eni: WhoisInterface, hint: OwnerHint | undefined): string[] {
  const notes: string[] = [];
  const how = interfaceTypeNote(eni.InterfaceType);
  if (how !== undefined) notes.push(`it is ${how}`);
  if (hint?.note !== undefined) notes.push(hint.note);
  if (eni.RequesterManaged === true)
    notes.push(
      `requester-managed: created by ${eni.RequesterId ?? 'an AWS service'}; it cannot be detached or changed, only tagged`,
    );
  if (eni.Operator?.Managed === true)
    notes.push(`operated by ${eni.Operator.Principal ?? 'an AWS service'} (Operator.Managed)`);
  return notes;
}

export function identifyOwner(eni: WhoisInterface): Owner {
  const byType = ownerFromInterfaceType(eni.InterfaceType);
  const byDescription = ownerFromDescription(eni.Description);
  const instanceId = eni.Attachment?.InstanceId;

  if (instanceId !== undefined && eni.RequesterManaged !== true) {
    const basis = [`Attachment.InstanceId=${instanceId}`];
    const notes = notesOf(eni, undefined);
    if (byDescription !== undefined) {
      basis.push(`Description "${eni.Description ?? ''}"`);
      notes.push(`its description names ${byDescription.label}`);
    }
    return { kind: 'instance', label: `EC2 instance ${instanceId}`, resource: instanceId, basis, notes };
  }

  if (byType !== undefined || byDescription !== undefined) {
    const basis: string[] = [];
    if (byType !== undefined) basis.push(`InterfaceType=${eni.InterfaceType ?? ''}`);
    if (byDescription !== undefined) basis.push(`Description "${eni.Description ?? ''}"`);
    // The type is the more specific kind (a GWLB endpoint's description reads like any endpoint's);
    // the description carries the resource's id or name.
    const kind = byType?.kind ?? (byDescription as OwnerHint).kind;
    const sameKind = byDescription !== undefined && byDescription.kind === kind;
    const label =
      byType !== undefined && byDescription !== undefined && !sameKind
        ? `${byType.label} (${byDescription.resource ?? byDescription.label})`
        : (byDescription?.label ?? (byType as OwnerHint).label);
    const resource = byDescription?.resource;
    const lookup = byDescription?.lookup;
    return {
      kind,
      label,
      ...(resource !== undefined ? { resource } : {}),
      basis,
      notes: notesOf(eni, byDescription),
      ...(lookup !== undefined ? { lookup } : {}),
    };
  }

  if (eni.RequesterManaged === true || eni.Operator?.Managed === true) {
    const by = eni.Operator?.Principal ?? eni.RequesterId ?? 'an AWS service';
    return {
      kind: 'service-managed',
      label: `managed by ${by}; its fields do not say which resource`,
      basis: [
        ...(eni.RequesterManaged === true ? [`RequesterManaged=true`, `RequesterId=${eni.RequesterId ?? ''}`] : []),
        ...(eni.Operator?.Managed === true ? [`Operator.Principal=${eni.Operator.Principal ?? ''}`] : []),
      ],
      notes: notesOf(eni, undefined),
    };
  }

  if (eni.Status === 'available' && eni.Attachment === undefined) {
    return {
      kind: 'unattached',
      label: 'not attached to anything (status available); created by a person or a tool, not by an AWS service',
      basis: ['Status=available', 'no Attachment', 'RequesterManaged=false'],
      notes: notesOf(eni, undefined),
    };
  }

  return {
    kind: 'unknown',
    label: 'unknown: no field names an owner',
    basis: [],
    notes: notesOf(eni, undefined),
  };
}
