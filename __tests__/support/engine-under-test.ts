/**
 * The engines every end-to-end test runs against, one jest project each (jest.config.js): Debian's
 * Docker Engine 20.10 at the default socket, and the harness's Docker Engine 29 with the containerd
 * image store (__tests__/harness/engine29.sh), as GitHub's hosted runners have it. A test file learns
 * which one it runs on from DOCKER_HOST, which the e2e-docker29 project sets (on-docker29.ts) and every
 * child process inherits. Where the right behaviour differs by engine, the facts to assert are here.
 */
import * as path from 'node:path';

/** engine29.sh's fixed address (also in __tests__/harness/lib.sh and docs/engines.md). */
export const DOCKER29_HOST = 'unix:///run/setup-buildkit/docker-29.sock';
const DEFAULT_HOST = 'unix:///var/run/docker.sock';

export interface EngineUnderTest {
  /** What the test names print: '20.10' or '29'. */
  name: string;
  /** The address the action and the docker CLI are pointed at. */
  host: string;
  /** The unix socket of that address, for test proxies in front of the engine. */
  socket: string;
  /** dockerd's pidfile: a test that stops the engine stops this one only. */
  pidfile: string;
  /** The harness script that (re)starts it. */
  startScript: string;
  /**
   * /info's Driver, which the action puts in keep-state's key: the graph driver of the classic image
   * store, or the snapshotter of the containerd image store.
   */
  storageDriver: 'overlay2' | 'overlayfs';
  /** The containerd image store: `docker save` writes the image index with every platform's manifest. */
  containerdStore: boolean;
  /** CDI spec directories it reads devices from (Docker 28+ has them by default; 20.10 has no CDI). */
  cdiSpecDir?: string;
  /** What its archive endpoint (PUT /containers/{id}/archive) says of a tar stream cut short. */
  truncatedTar: RegExp;
}

const HARNESS = path.resolve('__tests__/harness');

const ENGINES: EngineUnderTest[] = [
  {
    name: '20.10',
    host: DEFAULT_HOST,
    socket: '/var/run/docker.sock',
    pidfile: '/var/run/docker.pid',
    startScript: path.join(HARNESS, 'engine.sh'),
    storageDriver: 'overlay2',
    containerdStore: false,
    truncatedTar: /tar/,
  },
  {
    name: '29',
    host: DOCKER29_HOST,
    socket: '/run/setup-buildkit/docker-29.sock',
    pidfile: '/run/setup-buildkit/docker-29.pid',
    startScript: path.join(HARNESS, 'engine29.sh'),
    storageDriver: 'overlayfs',
    containerdStore: true,
    cdiSpecDir: '/etc/cdi',
    truncatedTar: /unexpected EOF/,
  },
];

export function engineUnderTest(env: NodeJS.ProcessEnv = process.env): EngineUnderTest {
  const host = env.DOCKER_HOST || DEFAULT_HOST;
  const engine = ENGINES.find((e) => e.host === host);
  if (!engine) throw new Error(`DOCKER_HOST=${host} is none of the harness's engines (${ENGINES.map((e) => e.host).join(', ')})`);
  return engine;
}
