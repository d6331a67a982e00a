// Live probe of the host's proxy environment: reads only https_proxy/HTTPS_PROXY and
// no_proxy/NO_PROXY, and drops any user:password from the proxy URL before it is recorded.
import type { AwsClients, LiveHandlers } from './clients.js';
import type { HOST_PROBES } from '../specs/host.js';

type Env = Readonly<Record<string, string | undefined>>;

function first(env: Env, names: readonly string[]): { variable: string; value: string } | null {
  for (const variable of names) {
    const value = env[variable];
    if (value !== undefined && value.trim() !== '') return { variable, value: value.trim() };
  }
  return null;
}

/** `http://user:secret@proxy:3128` → `http://proxy:3128`: credentials never enter a session. */
export function withoutCredentials(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^@/?#]*@/i, '$1');
}

/** The proxy settings clients such as the AWS CLI, boto3, the Go SDK and curl read from the environment. */
export function readProxyEnv(env: Env): {
  httpsProxy: { variable: string; value: string } | null;
  noProxy: { variable: string; value: string } | null;
} {
  const proxy = first(env, ['https_proxy', 'HTTPS_PROXY']);
  return {
    httpsProxy: proxy === null ? null : { variable: proxy.variable, value: withoutCredentials(proxy.value) },
    noProxy: first(env, ['no_proxy', 'NO_PROXY']),
  };
}

export function hostHandlers(_clients: AwsClients): LiveHandlers<keyof typeof HOST_PROBES> {
  return {
    'host.proxy-env': () => Promise.resolve(readProxyEnv(process.env)),
  };
}
