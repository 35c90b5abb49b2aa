/**
 * Where buildx finds a kubernetes node: the store's endpoint and the kubeconfig it dials with (pure).
 */
import { posix } from 'node:path';

/** Go's url.QueryEscape: everything but letters, digits and -_.~ escaped, spaces as +. */
function goQueryEscape(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/**
 * The endpoint buildx v0.38 stores for a kubernetes node (builder/builder.go): the builder in the
 * path, the Deployment and the KUBECONFIG of the creating process in the query (url.Values.Encode:
 * keys sorted, an empty KUBECONFIG kept as `kubeconfig=`).
 */
export function kubernetesEndpoint(builder: string, node: string, kubeconfigEnv: string): string {
  return `kubernetes:///${builder}?deployment=${goQueryEscape(node)}&kubeconfig=${goQueryEscape(kubeconfigEnv)}`;
}

/** The kubeconfig an endpoint names, back from its query ('' when none). */
export function endpointKubeconfig(endpoint: string): string {
  return new URL(endpoint).searchParams.get('kubeconfig') ?? '';
}

/** Where the API credentials come from, in client-go's order (clientcmd's default loading rules, then in-cluster). */
export type KubeconfigSource = { kind: 'files'; paths: string[] } | { kind: 'in-cluster' } | { kind: 'none'; looked: string[] };

/** The in-cluster service account's files (a runner that is itself a pod). */
export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * The kubeconfig as buildx finds it: KUBECONFIG (a list, separated by `:`, of which the existing files
 * merge, the first one winning), the endpoint's own `kubeconfig` (buildx appends it to the list), else
 * ~/.kube/config; if none exists, the pod's service account when KUBERNETES_SERVICE_HOST is set.
 */
export function kubeconfigSource(env: NodeJS.ProcessEnv, home: string, exists: (path: string) => boolean, extra = ''): KubeconfigSource {
  const listed = (env.KUBECONFIG ?? '').split(':').filter(Boolean);
  if (extra && !listed.includes(extra)) listed.push(extra);
  const candidates = listed.length > 0 ? listed : [posix.join(home, '.kube', 'config')];
  const paths = candidates.filter(exists);
  if (paths.length > 0) return { kind: 'files', paths };
  if (env.KUBERNETES_SERVICE_HOST && env.KUBERNETES_SERVICE_PORT && exists(posix.join(SERVICE_ACCOUNT_DIR, 'token')))
    return { kind: 'in-cluster' };
  return { kind: 'none', looked: candidates };
}
