// The wizard's pick lists and answer checks, read from the account with read-only probes:
// instances (Name tag, id, private IP, AZ, state; EKS nodes labelled by cluster), Lambda
// functions in a VPC and ECS tasks (name → their network interfaces), network interfaces,
// subnets, VPCs, the Region's endpoint services and the packaged Region list. A typed id must
// exist before the question is left; a typed IP (or eni-…) at "where does the traffic start?"
// is looked up the way `whois` does.
import { QUESTIONS } from '../engine/questions.js';
import { KNOWN_REGIONS } from '../engine/regions.js';
import type { Answers, QuestionId } from '../path/answers.js';
import { parseWhoisQuery } from '../analysis/whois/query.js';
import type { ProbeInput, ProbeKey, ProbeOutput, ProbeSource } from '../probes/contract.js';
import type { Tag } from '../probes/shapes.js';
import type { LambdaFunction, WhoisInterface } from '../probes/specs/whois.js';
import type { EcsTask } from '../probes/specs/inventory.js';
import type { PickItem } from '../ui/picker.js';
import type { Verified, WizardServices } from '../ui/store.js';
import { closest } from './closest.js';

/** The services most asked about come first in the list. */
const POPULAR = ['s3', 'dynamodb', 'sqs', 'sts', 'ecr.api', 'ecr.dkr', 'ssm', 'secretsmanager', 'kms', 'logs'];

export interface Recent {
  region?: string;
  sources?: readonly { kind: string; id: string }[];
}

const nameTag = (tags: readonly Tag[] | undefined): string | undefined =>
  tags?.find((t) => t.Key === 'Name')?.Value || undefined;

const joined = (...parts: (string | undefined)[]): string =>
  parts.filter((p) => p !== undefined && p !== '').join(' · ');

async function read<K extends ProbeKey>(
  probes: ProbeSource,
  key: K,
  input: ProbeInput<K>,
): Promise<ProbeOutput<K> | undefined> {
  const outcome = await probes.run({ key, input });
  return outcome.status === 'ok' ? outcome.value : undefined;
}

/**
 * The EKS cluster (and node group) an instance is a node of, from its tags: managed node groups
 * tag their instances eks:cluster-name and eks:nodegroup-name
 * (https://docs.aws.amazon.com/eks/latest/userguide/managed-node-groups.html); self-managed
 * nodes carry kubernetes.io/cluster/NAME = owned
 * (https://docs.aws.amazon.com/eks/latest/userguide/worker.html).
 */
export function eksNode(tags: readonly Tag[] | undefined): string | undefined {
  const value = (key: string): string | undefined => tags?.find((t) => t.Key === key)?.Value || undefined;
  const cluster =
    value('eks:cluster-name') ??
    tags
      ?.find((t) => t.Key?.startsWith('kubernetes.io/cluster/') === true && t.Value === 'owned')
      ?.Key?.slice('kubernetes.io/cluster/'.length);
  if (cluster === undefined || cluster === '') return undefined;
  const group = value('eks:nodegroup-name');
  return group !== undefined ? `${cluster} (node group ${group})` : cluster;
}

/** A Lambda function's network interfaces: Lambda-type interfaces in its subnets with exactly its security groups. */
export function lambdaInterfaces(fn: LambdaFunction, interfaces: readonly WhoisInterface[]): WhoisInterface[] {
  const subnets = new Set(fn.VpcConfig?.SubnetIds ?? []);
  const groups = [...(fn.VpcConfig?.SecurityGroupIds ?? [])].sort().join(',');
  return interfaces.filter(
    (i) =>
      (i.InterfaceType === 'lambda' || (i.Description ?? '').startsWith('AWS Lambda VPC ENI')) &&
      i.SubnetId !== undefined &&
      subnets.has(i.SubnetId) &&
      i.Groups.map((g) => g.GroupId)
        .sort()
        .join(',') === groups,
  );
}

const lastPart = (arn: string | undefined): string | undefined => arn?.split('/').pop() || undefined;

/** Each awsvpc ECS task's network interface, with what the picker calls it ("ECS service web · cluster prod"). */
export function ecsTaskInterfaces(tasks: readonly EcsTask[]): { eni: string; label: string }[] {
  return tasks.flatMap((t) => {
    const [kind, name] = (t.group ?? '').split(':', 2);
    const what = kind === 'service' && name ? `ECS service ${name}` : `ECS task ${name || lastPart(t.taskArn)}`;
    const cluster = lastPart(t.clusterArn);
    const label = joined(what, cluster !== undefined ? `cluster ${cluster}` : undefined);
    return t.attachments
      .filter((a) => a.type === 'ElasticNetworkInterface')
      .flatMap((a) => a.details.filter((d) => d.name === 'networkInterfaceId' && d.value))
      .map((d) => ({ eni: d.value as string, label }));
  });
}

/** Recent sources first, marked; the rest in the account's order. */
function recentFirst(items: PickItem[], recent: Recent, kind: string | undefined): PickItem[] {
  const ids = (recent.sources ?? []).filter((s) => s.kind === kind).map((s) => s.id);
  const head = ids.flatMap((id) => {
    const item = items.find((i) => i.value === id);
    return item ? [{ ...item, detail: joined(item.detail, 'recent') }] : [];
  });
  return [...head, ...items.filter((i) => !ids.includes(i.value))];
}

export function serviceItems(names: readonly string[], region: string): PickItem[] {
  const prefix = `com.amazonaws.${region}.`;
  // A service with a gateway and an interface endpoint service is listed once.
  const items = [...new Set(names)].map((full) => {
    const short = full.startsWith(prefix) ? full.slice(prefix.length) : undefined;
    return { value: short ?? full, label: short ?? full, ...(short !== undefined ? { detail: full } : {}) };
  });
  const rank = (v: string): number => {
    const i = POPULAR.indexOf(v);
    return i === -1 ? POPULAR.length : i;
  };
  return items.sort((a, b) => rank(a.value) - rank(b.value) || a.value.localeCompare(b.value));
}

async function sourceItems(probes: ProbeSource, kind: string | undefined): Promise<PickItem[] | undefined> {
  switch (kind) {
    case 'instance': {
      const list = await read(probes, 'ec2.instances-list', {});
      if (list === undefined) return undefined;
      const items = list.map((i) => {
        const node = eksNode(i.Tags);
        return {
          node,
          item: {
            value: i.InstanceId,
            label: nameTag(i.Tags) ?? i.InstanceId,
            detail: joined(
              node !== undefined ? `EKS node of ${node}` : undefined,
              nameTag(i.Tags) !== undefined ? i.InstanceId : undefined,
              i.PrivateIpAddress,
              i.Placement?.AvailabilityZone,
              i.State?.Name,
            ),
          },
        };
      });
      // EKS nodes come from the same list (no EKS call): after the other instances, grouped by cluster.
      const plainFirst = items.filter((x) => x.node === undefined);
      const nodes = items
        .filter((x) => x.node !== undefined)
        .sort((a, b) => (a.node as string).localeCompare(b.node as string));
      return [...plainFirst, ...nodes].map((x) => x.item);
    }
    case 'eni': {
      const [interfaces, functions, tasks] = await Promise.all([
        read(probes, 'ec2.interfaces-list', {}),
        read(probes, 'lambda.functions-list', {}),
        read(probes, 'ecs.tasks-list', {}),
      ]);
      if (interfaces === undefined) return undefined;
      const items: PickItem[] = [];
      const claimed = new Set<string>();
      const byId = new Map(interfaces.map((i) => [i.NetworkInterfaceId, i]));
      for (const { eni: id, label } of ecsTaskInterfaces(tasks ?? [])) {
        const eni = byId.get(id);
        if (eni === undefined || claimed.has(id)) continue;
        claimed.add(id);
        items.push({ value: id, label, detail: joined(id, eni.PrivateIpAddress, eni.AvailabilityZone) });
      }
      for (const fn of (functions ?? []).filter((f) => f.VpcConfig?.VpcId)) {
        for (const eni of lambdaInterfaces(fn, interfaces)) {
          claimed.add(eni.NetworkInterfaceId);
          items.push({
            value: eni.NetworkInterfaceId,
            label: `Lambda ${fn.FunctionName}`,
            detail: joined(eni.NetworkInterfaceId, eni.PrivateIpAddress, eni.AvailabilityZone),
          });
        }
      }
      for (const eni of interfaces.filter((i) => !claimed.has(i.NetworkInterfaceId))) {
        items.push({
          value: eni.NetworkInterfaceId,
          label: eni.Description || nameTag(eni.TagSet) || eni.NetworkInterfaceId,
          detail: joined(
            eni.NetworkInterfaceId,
            eni.InterfaceType,
            eni.RequesterId !== undefined ? `by ${eni.RequesterId}` : undefined,
            eni.PrivateIpAddress,
            eni.AvailabilityZone,
          ),
        });
      }
      return items;
    }
    case 'subnet': {
      const list = await read(probes, 'ec2.subnets-list', {});
      return list?.map((s) => ({
        value: s.SubnetId,
        label: nameTag(s.Tags) ?? s.SubnetId,
        detail: joined(
          nameTag(s.Tags) !== undefined ? s.SubnetId : undefined,
          s.CidrBlock,
          s.AvailabilityZone,
          s.VpcId,
        ),
      }));
    }
    default:
      return undefined;
  }
}

const ok = (value: string, extra: Partial<Extract<Verified, { ok: true }>> = {}): Verified => ({
  ok: true,
  value,
  ...extra,
});
const refused = (error: string): Verified => ({ ok: false, error });

/** A typed address or interface id at "where does the traffic start?": the interface holding it. */
async function lookUpSource(probes: ProbeSource, text: string, region: string): Promise<Verified> {
  const query = parseWhoisQuery(text);
  if ('error' in query)
    return refused(`pick one from the list, or type an IP address or eni-… id to look up (got "${text}")`);
  let found: WhoisInterface[] = [];
  if (query.kind === 'eni') {
    const outcome = await probes.run({ key: 'ec2.interface', input: { networkInterfaceId: query.networkInterfaceId } });
    if (outcome.status !== 'ok') return refused(`could not look up ${text}: ${outcome.message}`);
    found = outcome.value === null ? [] : [outcome.value];
  } else {
    for (const f of query.filters) {
      const outcome = await probes.run({
        key: 'ec2.interfaces-by-address',
        input: { filter: f, address: query.address },
      });
      if (outcome.status !== 'ok') return refused(`could not look up ${text}: ${outcome.message}`);
      found.push(...outcome.value.filter((i) => !found.some((x) => x.NetworkInterfaceId === i.NetworkInterfaceId)));
    }
  }
  if (found.length === 0)
    return refused(`no network interface in ${region} holds ${text} (vpce-doctor whois ${text} says more)`);
  if (found.length > 1)
    return refused(
      `${text} is held by ${found.length} interfaces in different VPCs (${found.map((i) => `${i.NetworkInterfaceId} in ${i.VpcId ?? '?'}`).join(', ')}): type the eni-… id`,
    );
  const eni = found[0] as WhoisInterface;
  const instance = eni.Attachment?.InstanceId;
  if (instance !== undefined)
    return ok('instance', {
      then: { 'source.id': instance },
      note: `${text} is ${eni.NetworkInterfaceId} of instance ${instance}`,
    });
  return ok('eni', {
    then: { 'source.id': eni.NetworkInterfaceId },
    note: `${text} is ${eni.NetworkInterfaceId}${eni.Description ? ` (${eni.Description})` : ''}${eni.InterfaceType ? `, ${eni.InterfaceType}` : ''}`,
  });
}

/**
 * The wizard's services over a probe source. `recent`: what the config remembers for this
 * account (Region, sources), listed first.
 */
export function wizardChoices(
  probes: ProbeSource,
  recent: Recent = {},
): Required<Pick<WizardServices, 'choices' | 'verify'>> {
  let services: { region: string; names: Promise<string[] | undefined> } | undefined;
  const serviceNames = (region: string): Promise<string[] | undefined> => {
    if (services?.region !== region)
      services = { region, names: read(probes, 'ec2.endpoint-services-list', {}).catch(() => undefined) };
    return services.names;
  };
  return {
    async choices(question: QuestionId, answers: Answers): Promise<PickItem[] | undefined> {
      switch (question) {
        case 'region': {
          const first = recent.region !== undefined && KNOWN_REGIONS.includes(recent.region) ? [recent.region] : [];
          return [...first, ...KNOWN_REGIONS.filter((r) => !first.includes(r))].map((r) => ({
            value: r,
            label: r,
            ...(first.includes(r) ? { detail: 'last used' } : {}),
          }));
        }
        case 'service': {
          const names = await serviceNames(answers.region ?? '');
          return names === undefined || names.length === 0 ? undefined : serviceItems(names, answers.region ?? '');
        }
        case 'source.id': {
          const items = await sourceItems(probes, answers['source.kind']);
          return items === undefined ? undefined : recentFirst(items, recent, answers['source.kind']);
        }
        case 'vpc': {
          const list = await read(probes, 'ec2.vpcs-list', {});
          return list?.map((v) => ({
            value: v.VpcId,
            label: nameTag(v.Tags as Tag[] | undefined) ?? v.VpcId,
            detail: joined(nameTag(v.Tags as Tag[] | undefined) !== undefined ? v.VpcId : undefined, v.CidrBlock),
          }));
        }
        default:
          return undefined;
      }
    },

    async verify(question: QuestionId, raw: string, answers: Answers): Promise<Verified> {
      const value = raw.trim();
      const region = answers.region ?? '';
      if (question === 'source.kind') {
        const kinds = QUESTIONS['source.kind'].options?.map((o) => o.value) ?? [];
        return kinds.includes(value) ? ok(value) : lookUpSource(probes, value, region);
      }
      const shape = QUESTIONS[question].validate(value, answers);
      if (shape !== null) return refused(shape);
      switch (question) {
        case 'service': {
          const names = await serviceNames(region);
          if (names === undefined || names.length === 0) return ok(value);
          const full =
            value.includes('.amazonaws.') || value.startsWith('aws.') ? value : `com.amazonaws.${region}.${value}`;
          if (names.includes(full)) return ok(value);
          const shorts = serviceItems(names, region).map((i) => i.value);
          const near = closest(value, shorts);
          return refused(
            `${region} offers no endpoint service ${full}${near !== undefined ? ` (did you mean ${near}?)` : ''}`,
          );
        }
        case 'source.id': {
          const kind = answers['source.kind'];
          if (kind !== 'instance' && kind !== 'eni' && kind !== 'subnet') return ok(value);
          const outcome = await probes.run({ key: 'ec2.source', input: { kind, id: value } });
          if (outcome.status === 'ok' && outcome.value === null)
            return refused(
              `${{ instance: 'instance', eni: 'network interface', subnet: 'subnet' }[kind]} ${value} does not exist in ${region}`,
            );
          return ok(value);
        }
        case 'vpc': {
          const outcome = await probes.run({ key: 'ec2.vpc', input: { vpcId: value } });
          if (outcome.status === 'ok' && outcome.value === null)
            return refused(`VPC ${value} does not exist in ${region}`);
          return ok(value);
        }
        case 'endpoint': {
          if (value === 'auto') return ok(value);
          const outcome = await probes.run({ key: 'ec2.vpc-endpoint', input: { vpcEndpointId: value } });
          if (outcome.status === 'ok' && outcome.value === null)
            return refused(`endpoint ${value} does not exist in ${region}`);
          return ok(value);
        }
        default:
          return ok(value);
      }
    },
  };
}
