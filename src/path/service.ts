// Service naming: the user says "s3", "sqs" or "com.amazonaws.us-east-1.sqs"; AWS filters
// endpoints by the full service name. Gateway endpoints exist only for S3 and DynamoDB
// (PrivateLink guide, "Gateway endpoints").

export interface ServiceRef {
  /** Short name as in the endpoint service name's last part: s3, dynamodb, sqs, ecr.api … */
  short: string;
  /** com.amazonaws.<region>.<short> */
  serviceName: string;
  /** S3 and DynamoDB offer free gateway endpoints. */
  gatewayCapable: boolean;
}

export function resolveService(answer: string, region: string): ServiceRef {
  const prefix = `com.amazonaws.${region}.`;
  let short = answer;
  let serviceName: string;
  if (answer.startsWith(prefix)) {
    short = answer.slice(prefix.length);
    serviceName = answer;
  } else if (/^(com\.amazonaws|aws\.api|aws\.sagemaker)\./.test(answer)) {
    // A full name for another Region or a partner service: keep it as given.
    // Endpoint services of other accounts: com.amazonaws.vpce.<region>.vpce-svc-…
    const m = /^com\.amazonaws\.(?:vpce\.)?[a-z0-9-]+\.(.+)$/.exec(answer);
    short = m?.[1] ?? answer;
    serviceName = answer;
  } else {
    serviceName = `${prefix}${answer}`;
  }
  return { short, serviceName, gatewayCapable: short === 's3' || short === 'dynamodb' };
}
