/**
 * cache-image end to end, against act's real cache server (v1) and the real @actions/cache: run 1's
 * post step saves the BuildKit image (every test starts from it); on a runner whose engine lacks the
 * image and whose pull fails (no registry has it), run 2 without cache-image fails and run 3 with it
 * loads the cached copy, boots, and does not upload the same image again. Against a rate-limited v2
 * service, each step gives one warning of ours and none of @actions/cache.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { ActionJob, type StepResult } from '../support/action.js';
import { cacheEnvVars, type CacheProtocol } from '../support/cache-env.js';
import { type CacheV1Server, startCacheV1Server } from '../support/cache-v1-server.js';
import { type CacheV2Server, startCacheV2Server } from '../support/cache-v2-server.js';
import { expectGone, sh, tryRun, uniqueName } from '../support/engine.js';

/** A name no registry serves: only the engine, or the cache, can provide it. */
const IMAGE = `setup-buildkit-test/cached-buildkit:${process.pid}`;

/** A describe's runner directories under a new temporary root, and the environment of a run against the cache server at `url()`. */
function runnerSuite(label: string, protocol: CacheProtocol, url: () => string) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `image-cache-${label}`));
  const dirs = { workspace: path.join(root, 'ws'), runnerTemp: path.join(root, 'tmp') };
  const env = (runId: string): NodeJS.ProcessEnv => ({
    ...cacheEnvVars(protocol, url(), dirs),
    GITHUB_RUN_ID: runId,
    GITHUB_RUN_ATTEMPT: '1',
  });
  return { root, dirs, env };
}

function inputs(name: string, image: string, cache: boolean) {
  return { name, use: 'false', 'driver-opts': `image=${image}`, 'cache-image': String(cache) };
}

describe('cache-image through the real @actions/cache (v1 service)', () => {
  let server: CacheV1Server;
  const { root, dirs, env } = runnerSuite('', 'v1', () => server.url);

  async function runJob(name: string, runEnv: NodeJS.ProcessEnv, cache: boolean): Promise<{ main: StepResult; post: StepResult }> {
    const job = new ActionJob(runEnv);
    try {
      const main = await job.main(inputs(name, IMAGE, cache));
      const post = await job.post();
      return { main, post };
    } finally {
      job.dispose();
    }
  }

  /** Run 1, which every test starts from (each passes alone with -t): its steps, then the image is taken off the engine. */
  let run1: { name: string; main: StepResult; post: StepResult };

  beforeAll(async () => {
    for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
    server = await startCacheV1Server();
    sh('docker', ['tag', 'moby/buildkit:buildx-stable-1', IMAGE]);
    const name = uniqueName('imgc1');
    run1 = { name, ...(await runJob(name, env('301'), true)) };
    sh('docker', ['rmi', IMAGE]);
  });
  afterAll(async () => {
    tryRun('docker', ['rmi', IMAGE]);
    await server?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('run 1 (image on the engine) boots, and its post step saves the image', () => {
    const { name, main, post } = run1;
    expect(main.errors).toEqual([]);
    expect(main.stdout).not.toMatch(/cache-image: loaded/);
    expect(post.warnings).toEqual([]);
    expect(post.stdout).toMatch(
      new RegExp(`cache-image: saved ${IMAGE} under setup-buildkit-image-x86_64-[0-9a-f]{16}-[0-9a-f]{16} \\([\\d.]+ MB`),
    );
    expectGone(name);
  });

  test('run 2 without cache-image, on an engine without the image: the pull fails and so does the step', async () => {
    expect(tryRun('docker', ['image', 'inspect', IMAGE]).status).not.toBe(0);
    const name = uniqueName('imgc2');
    const { main } = await runJob(name, env('302'), false);
    expect(main.exitCode).toBe(1);
    expect(main.errors).toEqual([expect.stringMatching(new RegExp(`pulling image ${IMAGE} failed and there is no local copy`))]);
    expectGone(name);
  });

  test('run 3 with cache-image loads the cached copy before the failing pull, boots, and uploads nothing again', async () => {
    const name = uniqueName('imgc3');
    const { main, post } = await runJob(name, env('303'), true);
    expect(main.errors).toEqual([]);
    expect(main.exitCode).toBe(0);
    expect(main.stdout).toMatch(new RegExp(`cache-image: loaded ${IMAGE} from the cache \\([\\d.]+ MB, [\\d.]+ s\\)`));
    expect(main.stdout).toMatch(new RegExp(`pulling failed \\(.*\\), using local image ${IMAGE}`));
    expect(main.outputs['buildkit-version']).toMatch(/^v\d+/);
    expect(post.warnings).toEqual([]);
    expect(post.stdout).toMatch(new RegExp(`cache-image: ${IMAGE} is cached already \\(setup-buildkit-image-`));
    expect(post.stdout).not.toMatch(/cache-image: saved/);
    expectGone(name);
  });
});

describe('cache-image against a rate-limited cache service (v2 double)', () => {
  let server: CacheV2Server;
  const image = `${IMAGE}-429`;
  const { root, dirs, env } = runnerSuite('429-', 'v2', () => server.url);
  /** @actions/cache's own warnings (rate limit, failed restore or save) would be these. */
  const libraryWords = /rate limit|Failed to (restore|save)/i;

  beforeAll(async () => {
    for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
    server = await startCacheV2Server();
    server.rateLimitAfter(0, 1);
  });
  afterAll(async () => {
    tryRun('docker', ['rmi', image]);
    await server?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('post: the refused lookup is one warning of ours, nothing archived or uploaded', async () => {
    sh('docker', ['tag', 'moby/buildkit:buildx-stable-1', image]);
    const name = uniqueName('imgc429');
    const job = new ActionJob(env('311'));
    try {
      const main = await job.main(inputs(name, image, true));
      expect(main.errors).toEqual([]);
      const post = await job.post();
      expect(post.warnings).toEqual([expect.stringMatching(new RegExp(`^cache-image: ${image} was not saved: .*rate limit`, 'i'))]);
      expect(post.stdout).toMatch(/^::debug::.*rate limit/im);
      expect(server.entries()).toEqual([]);
    } finally {
      job.dispose();
    }
    expectGone(name);
  });

  test('main: the refused lookup is one warning of ours; the pull that fails then fails the step', async () => {
    tryRun('docker', ['rmi', image]);
    const name = uniqueName('imgc429m');
    const job = new ActionJob(env('312'));
    try {
      const main = await job.main(inputs(name, image, true));
      expect(main.warnings).toEqual([
        expect.stringMatching(
          new RegExp(
            `^cache-image: the cache service refused the lookup of ${image} \\(.*rate limit.*\\): it is pulled without a cached copy`,
            'i',
          ),
        ),
      ]);
      expect(main.warnings.filter((w) => libraryWords.test(w) && !w.startsWith('cache-image:'))).toEqual([]);
      expect(main.errors).toEqual([expect.stringMatching(new RegExp(`pulling image ${image} failed and there is no local copy`))]);
      await job.post();
    } finally {
      job.dispose();
    }
    expectGone(name);
  });
});
