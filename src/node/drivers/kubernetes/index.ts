/**
 * The kubernetes driver: the node is a Deployment of BuildKit pods (a StatefulSet when a volume claim
 * is asked) with its ConfigMaps, as `docker buildx create --driver kubernetes` makes them
 * (manifest.ts), reached through the cluster's API with @kubernetes/client-node.
 *
 * Why that client, and 1.4.0: a well-kept client rather than hand-written HTTP (kubeconfig auth
 * plugins, in-cluster credentials, exec over WebSocket); 2.x needs Node ≥ 22.19 and crashes on import
 * under Node 20. This module is loaded by drivers/index.ts only when a node asks for kubernetes, so
 * the docker-container path never loads the client.
 *
 * connect: the kubeconfig as buildx finds it (endpoint.ts), the API answering, and RBAC asked up front
 * (SelfSubjectAccessReview, which every authenticated identity may send) for each verb the node needs,
 * so a refusal is one line naming the verb, the resource and the namespace with nothing created.
 * setUp: ConfigMaps, then the workload, each recorded as soon as the API acknowledged it; then the
 * replicas ready (polled, bounded by the `timeout` driver-opt, else bootstrap-timeout) and BuildKit
 * answering `buildctl debug workers` through pods/exec in a pod. A replica that is not ready in time is
 * explained from its pod's conditions, container states and warning events.
 * tearDown: deletes what the record names and what carries this run's label, in parallel, bounded;
 * an unreachable cluster is one line with the kubectl command that finishes the job.
 * No hooks: keep-state and cached images are the docker-container driver's.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { Writable } from 'node:stream';

import type * as K8s from '@kubernetes/client-node';

import { type KubernetesOpts, parseKubernetesOpts } from '../../../inputs/kubernetes-opts.js';
import { errorLine, UserError } from '../../../util/errors.js';
import { formatPlatform } from '../../../util/platforms.js';
import type {
  Connection,
  NodeDriver,
  NodePlan,
  NodeRecord,
  NodeStoreFields,
  RequestBound,
  SetUpContext,
  TearDownContext,
  TearDownReport,
} from '../../driver.js';
import { ownerLabels, RUN_LABEL, type RunOwner } from '../../owner.js';
import type { GcRule, NodeStatus } from '../../status.js';
import { endpointKubeconfig, kubeconfigSource, kubernetesEndpoint, SERVICE_ACCOUNT_DIR } from './endpoint.js';
import { type ApiStatus, type EventFacts, explainRefusal, notReadyReason, type PodFacts, type Request } from './explain.js';
import { buildManifest, deploymentName, type Workload } from './manifest.js';

type Client = typeof K8s;

/** How often the replicas are asked for: a ready builder is seen within this much. */
const POLL_MS = 250;
/** Reasons a pod never gets past: no use waiting out the timeout. */
const HOPELESS = new Set(['InvalidImageName', 'ErrImageNeverPull', 'CreateContainerConfigError']);

/** A cluster reached: its API clients, its namespace and who we are there. */
interface Cluster {
  k8s: Client;
  kc: K8s.KubeConfig;
  apps: K8s.AppsV1Api;
  core: K8s.CoreV1Api;
  namespace: string;
  /** For messages: the kubeconfig user and server. */
  who: string;
  server: string;
  /** What a user would pass to kubectl to reach the same cluster. */
  kubectl: string;
}

function optsOf(plan: NodePlan): KubernetesOpts {
  return plan.opts.kubernetes ?? parseKubernetesOpts(plan.opts.given);
}

/** An error's one line; client-node also rejects with WebSocket events and plain objects. */
function describe(err: unknown): string {
  if (err instanceof Error) return errorLine(err);
  if (err && typeof err === 'object' && 'message' in err) return String((err as { message: unknown }).message);
  return typeof err === 'object' ? JSON.stringify(err) : String(err);
}

/** Bounds a request: the API's answer, or an error naming what did not answer in time. */
async function bounded<T>(what: string, ms: number, request: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      request,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new UserError(`${what}: no answer within ${ms / 1000} s`)), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** The Status an API error carries (client-node's ApiException), if it is one. */
function apiStatus(err: unknown): ApiStatus | undefined {
  if (!err || typeof err !== 'object' || !('code' in err) || !('body' in err)) return undefined;
  let body = (err as { body: unknown }).body;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      body = { message: body };
    }
  }
  return { ...(body as ApiStatus), code: Number((err as { code: unknown }).code) };
}

/** Runs one API request as `req`: a refusal users hit becomes its one line; any other error names the request. */
async function ask<T>(cluster: Cluster, req: Request, ms: number, request: () => Promise<T>): Promise<T> {
  try {
    return await bounded(`kubernetes API at ${cluster.server} (${req.verb} ${req.resource})`, ms, request());
  } catch (err) {
    const status = apiStatus(err);
    if (!status)
      throw err instanceof UserError
        ? err
        : new UserError(`kubernetes API at ${cluster.server}: ${req.verb} ${req.resource}: ${describe(err)}`);
    const line = explainRefusal(status, req, cluster.who);
    throw Object.assign(
      new UserError(
        line ?? `kubernetes API: ${req.verb} ${req.resource} in namespace "${req.namespace}": ${status.message ?? `HTTP ${status.code}`}`,
      ),
      {
        status,
      },
    );
  }
}

function isNotFound(err: unknown): boolean {
  return (err as { status?: ApiStatus }).status?.code === 404 || apiStatus(err)?.code === 404;
}

/** The API clients for the kubeconfig buildx would use (a stored endpoint's own kubeconfig included). */
async function reach(namespaceOpt: string | undefined, extraKubeconfig = ''): Promise<Cluster> {
  const source = kubeconfigSource(process.env, homedir(), existsSync, extraKubeconfig);
  if (source.kind === 'none')
    throw new UserError(
      `the kubernetes driver needs a kubeconfig: none at ${source.looked.join(', ')}, and this runner is not a pod with a service account; set KUBECONFIG`,
    );
  const k8s = await import('@kubernetes/client-node');
  const kc = new k8s.KubeConfig();
  let namespace = namespaceOpt;
  let kubectl: string;
  if (source.kind === 'in-cluster') {
    kc.loadFromCluster();
    namespace ??= readFileSync(`${SERVICE_ACCOUNT_DIR}/namespace`, 'utf8').trim();
    kubectl = 'kubectl';
  } else {
    kc.loadFromFile(source.paths[0]);
    // client-go merges the listed files, the first one's values winning.
    for (const path of source.paths.slice(1)) {
      const more = new k8s.KubeConfig();
      more.loadFromFile(path);
      try {
        kc.mergeConfig(more, true);
      } catch {
        // A name defined twice: the first file's stands, as in client-go.
      }
    }
    namespace ??= kc.getContextObject(kc.getCurrentContext())?.namespace || 'default';
    kubectl = `kubectl --kubeconfig ${source.paths.join(':')}`;
  }
  const server = kc.getCurrentCluster()?.server ?? 'unknown';
  const user = kc.getCurrentUser()?.name;
  return {
    k8s,
    kc,
    apps: kc.makeApiClient(k8s.AppsV1Api),
    core: kc.makeApiClient(k8s.CoreV1Api),
    namespace,
    who: source.kind === 'in-cluster' ? "the pod's service account" : `kubeconfig user "${user}"`,
    server,
    kubectl,
  };
}

/** The verbs the node needs, asked before anything is created: the first one refused is the error. */
async function checkAccess(cluster: Cluster, workload: Workload, configMaps: boolean, ms: number): Promise<void> {
  const { namespace } = cluster;
  const plural = workload.kind === 'Deployment' ? 'deployments' : 'statefulsets';
  const needs: { verb: string; group: string; resource: string; subresource?: string }[] = [
    { verb: 'get', group: 'apps', resource: plural },
    { verb: 'create', group: 'apps', resource: plural },
    { verb: 'delete', group: 'apps', resource: plural },
    { verb: 'list', group: '', resource: 'pods' },
    { verb: 'create', group: '', resource: 'pods', subresource: 'exec' },
    ...(configMaps ? ['create', 'delete'].map((verb) => ({ verb, group: '', resource: 'configmaps' })) : []),
  ];
  const authz = cluster.kc.makeApiClient(cluster.k8s.AuthorizationV1Api);
  const answers = await Promise.all(
    needs.map(async (need) => {
      const resource = `${need.resource}${need.subresource ? `/${need.subresource}` : ''}${need.group ? `.${need.group}` : ''}`;
      const review = await ask(cluster, { verb: 'create', resource: 'selfsubjectaccessreviews.authorization.k8s.io', namespace }, ms, () =>
        authz.createSelfSubjectAccessReview({
          body: {
            spec: {
              resourceAttributes: { namespace, verb: need.verb, group: need.group, resource: need.resource, subresource: need.subresource },
            },
          },
        }),
      );
      return { resource, verb: need.verb, allowed: review.status?.allowed === true, reason: review.status?.reason };
    }),
  );
  const refused = answers.find((a) => !a.allowed);
  if (refused)
    throw new UserError(
      explainRefusal(
        { code: 403, message: refused.reason || `${cluster.who} cannot ${refused.verb} ${refused.resource}` },
        { ...refused, namespace },
        cluster.who,
      )!,
    );
}

/** Creates the ConfigMaps, then the workload, each recorded as soon as it exists. */
async function create(cluster: Cluster, manifest: ReturnType<typeof buildManifest>, ctx: SetUpContext, ms: number): Promise<void> {
  const { namespace } = cluster;
  for (const cm of manifest.configMaps) {
    ctx.signal.throwIfAborted();
    await ask(cluster, { verb: 'create', resource: 'configmaps', namespace }, ms, () =>
      cluster.core.createNamespacedConfigMap({ namespace, body: cm as K8s.V1ConfigMap }),
    );
    ctx.record({ kind: 'configmap', name: `${namespace}/${cm.metadata.name}` });
  }
  ctx.signal.throwIfAborted();
  const { workload } = manifest;
  if (workload.kind === 'Deployment')
    await ask(cluster, { verb: 'create', resource: 'deployments.apps', namespace }, ms, () =>
      cluster.apps.createNamespacedDeployment({ namespace, body: workload as unknown as K8s.V1Deployment }),
    );
  else
    await ask(cluster, { verb: 'create', resource: 'statefulsets.apps', namespace }, ms, () =>
      cluster.apps.createNamespacedStatefulSet({ namespace, body: workload as unknown as K8s.V1StatefulSet }),
    );
  ctx.record({ kind: workload.kind.toLowerCase(), name: `${namespace}/${workload.metadata.name}` });
}

function readyReplicas(cluster: Cluster, workload: Workload, ms: number): Promise<number> {
  const { namespace } = cluster;
  const name = workload.metadata.name;
  const read =
    workload.kind === 'Deployment'
      ? () => cluster.apps.readNamespacedDeployment({ name, namespace })
      : () => cluster.apps.readNamespacedStatefulSet({ name, namespace });
  return ask(cluster, { verb: 'get', resource: `${workload.kind.toLowerCase()}s.apps`, namespace }, ms, read).then(
    (w) => w.status?.readyReplicas ?? 0,
  );
}

async function podsOf(cluster: Cluster, workload: Workload, ms: number): Promise<K8s.V1Pod[]> {
  const { namespace } = cluster;
  const labelSelector = Object.entries(workload.spec.selector.matchLabels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const list = await ask(cluster, { verb: 'list', resource: 'pods', namespace }, ms, () =>
    cluster.core.listNamespacedPod({ namespace, labelSelector }),
  );
  return list.items.filter((p) => !p.metadata?.deletionTimestamp);
}

/** Why the replicas are not ready, from the pods and the namespace's events (events may be unreadable: then the pods alone). */
async function whyNotReady(cluster: Cluster, workload: Workload, ready: number, ms: number): Promise<string> {
  const pods = await podsOf(cluster, workload, ms).catch(() => []);
  const events = await cluster.core
    .listNamespacedEvent({ namespace: cluster.namespace })
    .then((l) => l.items)
    .catch(() => []);
  return notReadyReason(workload.kind, workload.metadata.name, workload.spec.replicas, ready, pods as PodFacts[], events as EventFacts[]);
}

/** A reason the pods will never get past, or undefined. */
function hopeless(pods: K8s.V1Pod[]): boolean {
  return pods.some((p) =>
    [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])].some((c) =>
      HOPELESS.has(c.state?.waiting?.reason ?? ''),
    ),
  );
}

/** Runs a command in the pod's BuildKit container through pods/exec; its stdout, or an error with its stderr. */
async function execIn(cluster: Cluster, pod: string, command: string[], ms: number): Promise<string> {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const sink = (to: Buffer[]) =>
    new Writable({
      write(chunk: Buffer, _enc, done) {
        to.push(chunk);
        done();
      },
    });
  const exec = new cluster.k8s.Exec(cluster.kc);
  // The status arrives before the last output: the exec is over when its socket closes.
  let result: K8s.V1Status | undefined;
  const done = new Promise<K8s.V1Status | undefined>((resolve, reject) => {
    exec
      .exec(cluster.namespace, pod, 'buildkitd', command, sink(out), sink(err), null, false, (status) => (result = status))
      .then((ws) => {
        ws.on('close', () => resolve(result));
        ws.on('error', (e: unknown) => reject(new Error(describe(e))));
      })
      .catch((e: unknown) => reject(apiStatus(e) ? e : new Error(describe(e))));
  });
  const status = await bounded(`kubernetes: exec in pod ${pod}`, ms, done).catch((e: unknown) => {
    const s = apiStatus(e);
    throw s
      ? new UserError(
          explainRefusal(s, { verb: 'create', resource: 'pods/exec', namespace: cluster.namespace }, cluster.who) ?? s.message ?? String(e),
        )
      : e;
  });
  if (status && status.status !== 'Success') throw new Error(Buffer.concat(err).toString().trim() || status.message || 'exec failed');
  return Buffer.concat(out).toString();
}

/** What `buildctl debug workers --format '{{json .}}'` prints for each worker. */
interface WorkerInfo {
  labels?: Record<string, string>;
  platforms?: { os: string; architecture: string; variant?: string }[];
  buildkitVersion?: { version?: string };
  gcPolicy?: GcRule[] | null;
}

function workersStatus(json: string): NodeStatus {
  const workers = JSON.parse(json) as WorkerInfo[];
  const labels = workers[0]?.labels ?? {};
  return {
    platforms: [...new Set(workers.flatMap((w) => w.platforms ?? []).map(formatPlatform))],
    snapshotter: labels['org.mobyproject.buildkit.worker.snapshotter'] ?? 'unknown',
    buildkitVersion: workers[0]?.buildkitVersion?.version ?? 'unknown',
    labels,
    gcPolicy: workers[0]?.gcPolicy ?? [],
  };
}

/** The replicas ready, then BuildKit answering in one of the pods: its status. */
async function waitReady(
  cluster: Cluster,
  workload: Workload,
  timeoutMs: number,
  ctx: SetUpContext,
  requestMs: number,
): Promise<NodeStatus> {
  const deadline = Date.now() + timeoutMs;
  const want = workload.spec.replicas;
  let ready: number;
  let lastProbe = '';
  ctx.progress.note(`waiting for ${want} pods to be ready, timeout: ${timeoutMs / 1000} s`);
  for (let polls = 1; ; polls++) {
    ctx.signal.throwIfAborted();
    ready = await readyReplicas(cluster, workload, requestMs);
    if (ready >= want) {
      const pods = (await podsOf(cluster, workload, requestMs)).filter((p) => p.status?.phase === 'Running');
      if (pods.length > 0) {
        try {
          return workersStatus(
            await execIn(cluster, pods[0].metadata!.name!, ['buildctl', 'debug', 'workers', '--format', '{{json .}}'], requestMs),
          );
        } catch (err) {
          lastProbe = describe(err);
        }
      }
    } else if (polls % 8 === 0 && hopeless(await podsOf(cluster, workload, requestMs))) break;
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  const why =
    ready >= want ? `BuildKit did not answer through pods/exec (${lastProbe})` : await whyNotReady(cluster, workload, ready, requestMs);
  throw new UserError(`kubernetes node not ready within ${timeoutMs / 1000} s: ${why}`);
}

async function connectNode(plan: NodePlan, owner: RunOwner, bound: RequestBound): Promise<Connection> {
  const opts = optsOf(plan);
  const cluster = await reach(opts.namespace);
  const name = deploymentName(plan.names.node);
  const manifest = buildManifest({
    name,
    namespace: cluster.namespace,
    opts,
    flags: plan.flags,
    files: plan.files,
    platforms: plan.platforms,
    owner: ownerLabels(owner),
  });
  const { workload } = manifest;
  await bounded(`kubernetes API at ${cluster.server}`, bound.connectMs, cluster.kc.makeApiClient(cluster.k8s.VersionApi).getCode()).catch(
    (err: unknown) => {
      throw new UserError(`kubernetes API at ${cluster.server} did not answer: ${describe(err)}`);
    },
  );
  await checkAccess(cluster, workload, manifest.configMaps.length > 0, bound.requestMs);
  // A workload of this name already there is not ours to replace (buildx would reuse it, whatever it runs).
  const existing = await readyReplicas(cluster, workload, bound.requestMs).then(
    () => true,
    (err: unknown) => {
      if (isNotFound(err)) return false;
      throw err;
    },
  );
  if (existing)
    throw new UserError(
      `${workload.kind} ${name} already exists in namespace "${cluster.namespace}" (another builder, or one a cancelled run left): ` +
        `remove it (${cluster.kubectl} -n ${cluster.namespace} delete ${workload.kind.toLowerCase()} ${name}) or choose another builder name`,
    );
  const record: NodeRecord = {
    name: plan.names.node,
    driver: 'kubernetes',
    endpoint: kubernetesEndpoint(plan.names.builder, plan.names.node, process.env.KUBECONFIG ?? ''),
    host: cluster.server,
    run: owner,
    created: [],
  };
  const setUp = async (ctx: SetUpContext): Promise<NodeStatus> => {
    // The summary's timeline: the objects' creation, then the wait for ready replicas and BuildKit's answer.
    await ctx.phases.time(`${workload.kind} create`, () => create(cluster, manifest, ctx, bound.requestMs));
    const timeoutMs = 'timeout' in plan.opts.given ? opts.timeoutMs : plan.bootTimeoutMs;
    return ctx.phases.time('readiness', () => waitReady(cluster, workload, timeoutMs, ctx, bound.requestMs));
  };
  return { record, setUp };
}

/** `namespace/name` of a recorded resource. */
function split(name: string): { namespace: string; name: string } {
  const i = name.indexOf('/');
  return { namespace: name.slice(0, i), name: name.slice(i + 1) };
}

async function tearDown(record: NodeRecord, ctx: TearDownContext): Promise<TearDownReport> {
  const report: TearDownReport = { name: record.name, endpoint: record.endpoint, removed: [], kept: [], problems: [] };
  if (record.created.length === 0) return report;
  const namespaces = [...new Set(record.created.map((r) => split(r.name).namespace))];
  const selector = `${RUN_LABEL}=${record.run.run}`;
  let finish = `kubectl -n ${namespaces[0]} delete deployments,statefulsets,configmaps -l ${selector}`;
  try {
    const cluster = await reach(namespaces[0], endpointKubeconfig(record.endpoint));
    finish = `${cluster.kubectl} -n ${namespaces[0]} delete deployments,statefulsets,configmaps -l ${selector}`;
    const ms = ctx.timeoutMs;
    const gone = (err: unknown) => {
      if (!isNotFound(err)) throw err;
    };
    const byName = record.created.map(async (r) => {
      const { namespace, name } = split(r.name);
      const req = { verb: 'delete', resource: r.kind === 'configmap' ? 'configmaps' : `${r.kind}s.apps`, namespace };
      // Background: the API deletes the pods after answering; post does not wait for them.
      const propagationPolicy = 'Background';
      const del =
        r.kind === 'configmap'
          ? () => cluster.core.deleteNamespacedConfigMap({ name, namespace })
          : r.kind === 'deployment'
            ? () => cluster.apps.deleteNamespacedDeployment({ name, namespace, propagationPolicy })
            : () => cluster.apps.deleteNamespacedStatefulSet({ name, namespace, propagationPolicy });
      await ask(cluster, req, ms, del).catch(gone);
      report.removed.push(`${r.kind} ${name}`);
    });
    // What a creation in flight made before it was recorded carries the run's label.
    const byLabel = namespaces.map(async (namespace) => {
      await Promise.all([
        ask(cluster, { verb: 'delete', resource: 'deployments.apps', namespace }, ms, () =>
          cluster.apps.deleteCollectionNamespacedDeployment({ namespace, labelSelector: selector, propagationPolicy: 'Background' }),
        ),
        ask(cluster, { verb: 'delete', resource: 'configmaps', namespace }, ms, () =>
          cluster.core.deleteCollectionNamespacedConfigMap({ namespace, labelSelector: selector }),
        ),
      ]).catch(() => undefined);
    });
    const results = await Promise.allSettled([...byName, ...byLabel]);
    for (const r of results) if (r.status === 'rejected') report.problems.push(`${errorLine(r.reason)}; finish with: ${finish}`);
  } catch (err) {
    report.unreachable = `${describe(err)}; finish with: ${finish}`;
  }
  return report;
}

function storeEntry(plan: NodePlan): NodeStoreFields {
  return {
    name: plan.names.node,
    endpoint: kubernetesEndpoint(plan.names.builder, plan.names.node, process.env.KUBECONFIG ?? ''),
    platforms: plan.platforms,
    driverOpts: plan.opts.given,
    flags: plan.flags,
    files: plan.files,
  };
}

export const kubernetes: NodeDriver = { name: 'kubernetes', connect: connectNode, storeEntry, tearDown };
