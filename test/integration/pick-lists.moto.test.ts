// The wizard's interface picker against the emulator: an awsvpc ECS task's network interface is
// listed under its service and cluster, read with ecs:ListClusters, ListTasks and DescribeTasks
// through the live probes (moto runs awsvpc tasks with a real interface in the EC2 model).
import { CreateClusterCommand, ECSClient, RegisterTaskDefinitionCommand, RunTaskCommand } from '@aws-sdk/client-ecs';
import { describe, expect, inject, it } from 'vitest';
import { wizardChoices } from '../../src/cli/wizard-choices.js';
import { LiveProbes } from '../../src/probes/live/aws.js';
import { motoEnv } from '../support/cli.js';
import { basicVpc, ec2, REGION } from '../support/moto-scenarios.js';
import { allOut, securityGroup } from '../support/network-moto.js';

const url = inject('motoUrl');

describe.skipIf(!url)('pick lists against moto', () => {
  it('an awsvpc ECS task of service "orders" in cluster "shop": the interface picker names it, with its interface id and IP', async () => {
    const client = ec2(url);
    const v = await basicVpc(client);
    const sg = await securityGroup(client, v.vpcId, { egress: [allOut] });
    const ecs = new ECSClient({
      region: REGION,
      endpoint: url,
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    });
    const cluster = `shop-${Date.now()}`;
    await ecs.send(new CreateClusterCommand({ clusterName: cluster }));
    await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'orders',
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        cpu: '256',
        memory: '512',
        containerDefinitions: [{ name: 'app', image: 'public.ecr.aws/nginx/nginx:latest', memory: 512 }],
      }),
    );
    const run = await ecs.send(
      new RunTaskCommand({
        cluster,
        taskDefinition: 'orders',
        launchType: 'FARGATE',
        group: 'service:orders',
        networkConfiguration: { awsvpcConfiguration: { subnets: [v.subnetId], securityGroups: [sg] } },
      }),
    );
    const eni = run.tasks?.[0]?.attachments?.[0]?.details?.find((d) => d.name === 'networkInterfaceId')?.value;
    expect(eni).toMatch(/^eni-/);

    const saved = { ...process.env };
    Object.assign(process.env, motoEnv(url));
    try {
      const probes = new LiveProbes({ region: () => REGION });
      const items = await wizardChoices(probes).choices?.('source.id', { region: REGION, 'source.kind': 'eni' });
      const item = items?.find((i) => i.value === eni);
      expect(item?.label).toBe(`ECS service orders · cluster ${cluster}`);
      expect(item?.detail).toMatch(new RegExp(`^${eni} · \\d+\\.\\d+\\.\\d+\\.\\d+`));
      // Listed once: the task's interface is not repeated as a plain interface below it.
      expect(items?.filter((i) => i.value === eni)).toHaveLength(1);
    } finally {
      process.env = saved;
    }
  });
});
