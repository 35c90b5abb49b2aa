/**
 * The remote driver: the node is an existing BuildKit daemon this action does not run (a shared build
 * farm, a service container), as buildx's driver/remote uses it. Nothing is created on it: setUp writes
 * the certificates given through BUILDER_NODE_<i>_AUTH_TLS_* (recorded as files, removed by tearDown)
 * and waits until BuildKit answers ListWorkers over the connection buildx will use (tcp with mutual
 * TLS, or a unix socket); the store entry is buildx's (`Endpoint` the daemon's address, the TLS
 * driver-opts as absolute paths, which buildx reads again at every connection). Readiness is the
 * control API itself (buildkit/control.ts over node:http2), so the runner needs neither buildctl nor
 * buildx for it.
 * Waiting: a refused or missing address is retried until bootstrap-timeout (the daemon may be starting
 * beside the job), a TLS refusal is final at once (no retry makes a wrong CA right). Hooks: none.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import type { Duplex } from 'node:stream';
import * as tls from 'node:tls';

import { REFUSED_CLIENT, UNTRUSTED_SERVER } from '../../engine/connect.js';
import type { RemoteTls } from '../../inputs/driver-opts.js';
import { errorLine, UserError } from '../../util/errors.js';
import type { Connection, NodeDriver, NodePlan, NodeRecord, SetUpContext, TearDownReport } from '../driver.js';
import type { NodeStatus } from '../status.js';
import { buildkitStatus } from './buildkit-status.js';

/** The daemon's answer to one dial, or why there was none, and whether waiting could change it. */
class DialProblem extends Error {
  constructor(
    message: string,
    readonly final: boolean,
  ) {
    super(message);
  }
}

/** Why a dial failed, on one line; TLS refusals say which side refused whom and name the driver-opt to fix. */
function dialProblem(err: unknown, remote: RemoteTls | undefined): DialProblem {
  const code = (err as { code?: string })?.code ?? '';
  const line = errorLine(err).split('\n')[0];
  if (UNTRUSTED_SERVER.has(code))
    return new DialProblem(`${line}: the daemon's certificate is not signed by the CA in cacert (${remote?.caCert})`, true);
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID')
    return new DialProblem(`${line}: set driver-opts servername to a name the daemon's certificate holds`, true);
  if (REFUSED_CLIENT.has(code))
    return new DialProblem(
      `the daemon refused the TLS handshake (${line.replace(/:.*$/, '')}): it asks for a client certificate signed by a CA it trusts (cert and key)`,
      true,
    );
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER')
    return new DialProblem(`${line}: the daemon does not speak TLS there; leave the TLS options out`, true);
  return new DialProblem(line, false);
}

/** Opens one connection to the daemon as buildx's remote driver does: the address, then TLS when configured. */
function dialer(endpoint: string, remote: RemoteTls | undefined): () => Promise<Duplex> {
  const url = new URL(endpoint);
  return () =>
    new Promise<Duplex>((resolve, reject) => {
      let socket: net.Socket;
      if (url.protocol === 'unix:') {
        socket = net.connect({ path: url.pathname });
        socket.once('connect', () => resolve(socket));
      } else {
        const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
        const port = Number(url.port);
        if (!remote) {
          socket = net.connect({ host, port });
          socket.once('connect', () => resolve(socket));
        } else {
          // Read at every connection, as buildx reads them: the files may be renewed between builds.
          const read = (file: string | undefined) => (file ? fs.readFileSync(file) : undefined);
          const serverName = remote.serverName || host;
          socket = tls.connect({
            host,
            port,
            // SNI carries names only; an address is checked against the certificate's IP entries.
            servername: net.isIP(serverName) ? undefined : serverName,
            checkServerIdentity: (_, cert) => tls.checkServerIdentity(serverName, cert),
            ca: read(remote.caCert),
            cert: read(remote.cert),
            key: read(remote.key),
            ALPNProtocols: ['h2'],
          });
          socket.once('secureConnect', () => resolve(socket));
        }
      }
      socket.once('error', reject);
    });
}

/** How long one attempt may take before it counts as no answer. */
const ATTEMPT_MS = 10000;

/** Waits until BuildKit answers, within the plan's bootstrap timeout. */
async function waitReady(plan: NodePlan, signal: AbortSignal): Promise<NodeStatus> {
  const endpoint = plan.engine.endpoint;
  const remote = plan.opts.remote;
  const dial = dialer(endpoint, remote);
  const url = new URL(endpoint);
  // The :authority a gRPC client sends, as buildx sets it: the server name, else the endpoint's host.
  const authority = remote?.serverName || url.host || 'localhost';
  const deadline = Date.now() + plan.bootTimeoutMs;
  let last: string;
  for (let attempt = 1; ; attempt++) {
    signal.throwIfAborted();
    const left = deadline - Date.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        buildkitStatus(dial, authority).catch((err: unknown) => {
          throw dialProblem(err, remote);
        }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new DialProblem(`no answer within ${Math.ceil(Math.min(left, ATTEMPT_MS) / 1000)} s`, false)),
            Math.min(left, ATTEMPT_MS),
          );
        }),
      ]);
    } catch (err) {
      if (!(err instanceof DialProblem)) throw err;
      if (err.final) throw new UserError(`remote BuildKit at ${endpoint}: ${err.message}`);
      last = err.message;
    } finally {
      clearTimeout(timer);
    }
    const pause = Math.min(attempt * 120, 1000);
    if (Date.now() + pause >= deadline)
      throw new UserError(
        `remote BuildKit at ${endpoint} did not answer within ${plan.bootTimeoutMs / 1000} s (bootstrap-timeout): ${last}`,
      );
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

async function connect(plan: NodePlan, owner: NodeRecord['run']): Promise<Connection> {
  const record: NodeRecord = {
    name: plan.names.node,
    driver: 'remote',
    endpoint: plan.engine.endpoint,
    host: plan.engine.host,
    run: owner,
    created: [],
  };
  const setUp = async (ctx: SetUpContext): Promise<NodeStatus> => {
    for (const [file, pem] of Object.entries(plan.opts.remote?.files ?? {})) {
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      ctx.record({ kind: 'file', name: file });
      fs.writeFileSync(file, pem, { mode: 0o600 });
    }
    return ctx.phases.time('readiness', () => ctx.progress.step('waiting for connection', () => waitReady(plan, ctx.signal)));
  };
  return { record, setUp };
}

/** Removes the certificate files this run wrote; the daemon is not this action's. Never throws. */
function tearDown(record: NodeRecord): Promise<TearDownReport> {
  const report: TearDownReport = { name: record.name, endpoint: record.endpoint, removed: [], kept: [], problems: [] };
  for (const resource of record.created) {
    if (resource.kind !== 'file') continue;
    try {
      fs.rmSync(resource.name, { force: true });
      report.removed.push(`certificate ${path.basename(resource.name)}`);
    } catch (err) {
      report.problems.push(`could not remove ${resource.name}: ${errorLine(err)}`);
    }
  }
  return Promise.resolve(report);
}

export const remote: NodeDriver = {
  name: 'remote',
  connect: (plan, owner) => connect(plan, owner),
  storeEntry: (plan) => ({
    name: plan.names.node,
    endpoint: plan.engine.endpoint,
    platforms: plan.platforms,
    driverOpts: plan.opts.given,
    flags: [],
    files: {},
  }),
  tearDown,
};
