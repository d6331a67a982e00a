// A REST API's methods and their authorization type, read read-only (GetResources with the
// methods embedded; IAM action apigateway:GET): a method with authorizationType NONE takes
// requests without a signature, which an endpoint policy sees as an anonymous caller.
import { z } from 'zod';

export const ApiMethodSchema = z.looseObject({
  ResourceId: z.string(),
  /** The resource path, e.g. /orders/{id}. */
  Path: z.string(),
  HttpMethod: z.string(),
  /** NONE, AWS_IAM, CUSTOM or COGNITO_USER_POOLS. */
  AuthorizationType: z.string(),
});
export type ApiMethod = z.infer<typeof ApiMethodSchema>;

export const API_METHOD_PROBES = {
  /** GetResources(embed=methods), every page; null when there is no such API. */
  'apigateway.methods': {
    iam: ['apigateway:GET'],
    input: z.strictObject({ restApiId: z.string(), region: z.string() }),
    output: z.array(ApiMethodSchema).nullable(),
  },
} as const;
