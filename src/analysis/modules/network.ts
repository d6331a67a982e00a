// The network path's check modules, in path order: routes, then security groups, then ACLs.
import type { CheckModule } from '../check-module.js';
import { networkAclsModule } from './network-acls.js';
import { routingModule } from './routing.js';
import { securityGroupsModule } from './security-groups.js';

export const NETWORK_MODULES: readonly CheckModule[] = [routingModule, securityGroupsModule, networkAclsModule];
