// Facts about the host vpce-doctor runs on that no AWS API knows: the proxy variables of its
// environment. Asked only when IMDS says this host is the source instance itself.
import { z } from 'zod';

/** One environment variable: which spelling was set, and its value (a proxy URL without user:password). */
const EnvVariableSchema = z.strictObject({ variable: z.string(), value: z.string() });

export const ProxyEnvSchema = z.strictObject({
  /** https_proxy, else HTTPS_PROXY (the lowercase one wins where both are honoured); null when neither is set. */
  httpsProxy: EnvVariableSchema.nullable(),
  /** no_proxy, else NO_PROXY; null when neither is set. */
  noProxy: EnvVariableSchema.nullable(),
});

export const HOST_PROBES = {
  /** The HTTPS proxy variables of this process's environment; never any other variable. */
  'host.proxy-env': {
    iam: [],
    input: z.strictObject({}),
    output: ProxyEnvSchema,
  },
} as const;
