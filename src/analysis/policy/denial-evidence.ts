// The evidence a policy denial is shown with, shared by the endpoint-policy and bucket-policy
// explanations: the request, which policy decides it, the statements that decide.
import { describeRequest, type JudgedRequest } from './request.js';

/** `request: …`, `<whose policy> <how>:`, then the deciding statements (one line each) and any further lines. */
export function denialEvidence(judged: JudgedRequest, decides: string, lines: readonly string[]): string[] {
  return [`request: ${describeRequest(judged)}`, `${decides}:`, ...lines];
}

/** Why an aws:SourceIp condition never matches a request that goes through an endpoint. */
export function sourceIpThroughEndpoint(endpointId: string): string {
  return `through ${endpointId} the request carries aws:VpcSourceIp and aws:SourceVpce, never aws:SourceIp`;
}
