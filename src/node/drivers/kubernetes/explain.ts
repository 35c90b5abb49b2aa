/**
 * The one line a user reads when the cluster says no (pure): which verb RBAC forbids on which resource
 * in which namespace, a namespace that does not exist, or why the replicas are not ready (from the
 * pods' conditions, container states and warning events).
 */

/** A Kubernetes Status object (the body of an API error). */
export interface ApiStatus {
  reason?: string;
  message?: string;
  code?: number;
  details?: { name?: string; group?: string; kind?: string };
}

/** What was asked when the API said no. */
export interface Request {
  verb: string;
  /** Plural, with the group as the API names it: `deployments.apps`, `configmaps`. */
  resource: string;
  namespace: string;
}

/** A refusal as one line, or undefined when the status is not one of the refusals users hit. */
export function explainRefusal(status: ApiStatus, req: Request, who: string): string | undefined {
  if (status.code === 403 || status.reason === 'Forbidden')
    return (
      `RBAC forbids "${req.verb}" on ${req.resource} in namespace "${req.namespace}" for ${who}: ` +
      `grant it with a Role (verbs ${req.verb} on ${req.resource}) bound to that identity (API: ${status.message ?? 'forbidden'})`
    );
  if ((status.code === 404 || status.reason === 'NotFound') && status.details?.kind === 'namespaces')
    return `namespace "${status.details.name ?? req.namespace}" does not exist in the cluster: create it (kubectl create namespace ${status.details.name ?? req.namespace}) or set driver-opts namespace=<an existing namespace>`;
  return undefined;
}

/** The parts of a pod that say why it is not ready. */
export interface PodFacts {
  metadata?: { name?: string };
  status?: {
    phase?: string;
    conditions?: { type?: string; status?: string; reason?: string; message?: string }[];
    initContainerStatuses?: ContainerFacts[];
    containerStatuses?: ContainerFacts[];
  };
}
interface ContainerFacts {
  name?: string;
  ready?: boolean;
  state?: { waiting?: { reason?: string; message?: string }; terminated?: { reason?: string; exitCode?: number; message?: string } };
  lastState?: { terminated?: { reason?: string; exitCode?: number; message?: string } };
}
export interface EventFacts {
  type?: string;
  reason?: string;
  message?: string;
  involvedObject?: { name?: string };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Why one pod is not ready, most telling first: scheduling, a waiting or failed container, its latest warning, the readiness probe. */
export function podNotReadyReason(pod: PodFacts, events: EventFacts[]): string {
  const conditions = pod.status?.conditions ?? [];
  const scheduled = conditions.find((c) => c.type === 'PodScheduled');
  if (scheduled?.status === 'False') return oneLine(`${scheduled.reason ?? 'not scheduled'}: ${scheduled.message ?? ''}`);
  for (const c of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
    const waiting = c.state?.waiting;
    if (waiting?.reason && waiting.reason !== 'ContainerCreating' && waiting.reason !== 'PodInitializing')
      return oneLine(`container ${c.name}: ${waiting.reason}${waiting.message ? `: ${waiting.message}` : ''}`);
    const terminated = c.state?.terminated ?? c.lastState?.terminated;
    if (terminated && terminated.exitCode !== 0)
      return oneLine(
        `container ${c.name}: ${terminated.reason ?? 'exited'} with code ${terminated.exitCode}${terminated.message ? `: ${terminated.message}` : ''}`,
      );
  }
  const warning = events.filter((e) => e.type === 'Warning' && e.involvedObject?.name === pod.metadata?.name).at(-1);
  if (warning) return oneLine(`${warning.reason ?? 'Warning'}: ${warning.message ?? ''}`);
  const ready = conditions.find((c) => c.type === 'Ready');
  if (ready?.status === 'False')
    return oneLine(
      `${ready.reason ?? 'not ready'}${ready.message ? `: ${ready.message}` : ''} (BuildKit not answering its readiness probe yet)`,
    );
  return `phase ${pod.status?.phase ?? 'unknown'}`;
}

/** Why the workload is not ready, one line: each pod's reason, or the workload's own when no pod exists. */
export function notReadyReason(kind: string, name: string, want: number, ready: number, pods: PodFacts[], events: EventFacts[]): string {
  const head = `${kind} ${name}: ${ready} of ${want} replicas ready`;
  if (pods.length === 0) {
    const warning = events.filter((e) => e.type === 'Warning').at(-1);
    return `${head}; no pod was created${warning ? ` (${oneLine(`${warning.reason ?? 'Warning'}: ${warning.message ?? ''}`)})` : ''}`;
  }
  return `${head}; ${pods.map((p) => `pod ${p.metadata?.name}: ${podNotReadyReason(p, events)}`).join('; ')}`;
}
