// The ports an owner accepts connections on, where the kind of owner fixes them: the security
// groups and ACL are then judged for those ports.
import type { VpcEndpoint } from '../../probes/shapes.js';
import type { OwnerKind } from './owner.js';

export interface Listener {
  ports: number[];
  why: string;
}

export function listenerOf(kind: OwnerKind, endpoint: VpcEndpoint | undefined): Listener | undefined {
  switch (kind) {
    case 'vpc-endpoint':
      // An endpoint service (com.amazonaws.vpce.…) listens on whatever its provider's NLB does.
      if (endpoint !== undefined && /^com\.amazonaws\.vpce\./.test(endpoint.ServiceName)) return undefined;
      // PrivateLink user guide, "Access an AWS service using an interface VPC endpoint": clients connect over HTTPS.
      return { ports: [443], why: 'an interface endpoint of an AWS service accepts HTTPS on 443' };
    case 'efs':
      // EFS user guide, "Network security": mount targets accept NFS on TCP 2049.
      return { ports: [2049], why: 'an EFS mount target accepts NFS on 2049' };
    default:
      return undefined;
  }
}
