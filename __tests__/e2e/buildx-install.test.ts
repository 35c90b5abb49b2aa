/**
 * buildx-version end to end, through the bundled action on the real engine: a local copy of the
 * docker/buildx release page (the binary the harness built, checksums.txt, the API's JSON) reached
 * through buildx-mirror, act's real cache server behind @actions/cache, and a DOCKER_CONFIG of its
 * own for each run, so that the buildx installed for the other tests is not found: the self-hosted
 * runner without buildx.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { PINNED_BUILDX } from '../../src/buildx/buildx-plan.js';
import { nodeNames } from '../../src/inputs/names.js';
import { ActionJob, type StepResult } from '../support/action.js';
import { cacheEnvVars } from '../support/cache-env.js';
import { type CacheV1Server, startCacheV1Server } from '../support/cache-v1-server.js';
import { inspectContainer, makeContext, tryRun, uniqueName, volumeExists } from '../support/engine.js';
import { type ReleaseServer, startReleaseServer } from '../support/release-server.js';

describe('buildx-version through buildx-mirror', () => {
  let release: ReleaseServer;
  let cache: CacheV1Server;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'buildx-install-'));
  const dirs = { workspace: path.join(root, 'ws'), runnerTemp: path.join(root, 'tmp') };
  const context = makeContext();
  const builders: { name: string; dockerConfig: string }[] = [];

  /** A runner: its own docker config (no buildx in it) and tool cache, the shared Actions cache. */
  function runner(id: string, toolCache = path.join(root, `tools-${id}`)) {
    const dockerConfig = path.join(root, `docker-${id}`);
    fs.mkdirSync(dockerConfig, { recursive: true });
    const env = {
      ...cacheEnvVars('v1', cache.url, dirs),
      DOCKER_CONFIG: dockerConfig,
      RUNNER_TOOL_CACHE: toolCache,
      GITHUB_RUN_ID: id,
      GITHUB_RUN_ATTEMPT: '1',
    };
    const cli = (args: string[]) => tryRun('docker', args, { ...process.env, DOCKER_CONFIG: dockerConfig, BUILDX_BUILDER: '' });
    return { dockerConfig, toolCache, env, cli, plugin: path.join(dockerConfig, 'cli-plugins', 'docker-buildx') };
  }

  async function up(
    r: ReturnType<typeof runner>,
    inputs: Record<string, string>,
    env: NodeJS.ProcessEnv = {},
  ): Promise<{ job: ActionJob; main: StepResult; name: string }> {
    const name = uniqueName('ux-bx');
    builders.push({ name, dockerConfig: r.dockerConfig });
    const job = new ActionJob({ ...r.env, ...env });
    const main = await job.main({ name, 'driver-opts': 'network=host', ...inputs });
    return { job, main, name };
  }

  function expectNothingLeft(name: string, dockerConfig: string): void {
    const { container, volume } = nodeNames(name);
    expect(inspectContainer(container)).toBeUndefined();
    expect(volumeExists(volume)).toBe(false);
    expect(fs.existsSync(path.join(dockerConfig, 'buildx', 'instances', name.toLowerCase()))).toBe(false);
  }

  const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

  beforeAll(async () => {
    for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
    [release, cache] = await Promise.all([startReleaseServer(), startCacheV1Server()]);
  });
  afterAll(async () => {
    for (const b of builders) {
      tryRun('docker', ['rm', '-f', '-v', nodeNames(b.name).container]);
      tryRun('docker', ['volume', 'rm', nodeNames(b.name).volume]);
    }
    await Promise.all([release?.close(), cache?.close()]);
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(context, { recursive: true, force: true });
  });

  test('a runner without buildx: one step installs latest, docker buildx works, and docker build runs on the builder until post', async () => {
    const r = runner('1');
    expect(r.cli(['buildx', 'version']).status).not.toBe(0);
    const { job, main, name } = await up(r, { 'buildx-version': 'latest', 'buildx-mirror': release.url, install: 'true' });
    try {
      expect(main.errors).toEqual([]);
      expect(main.warnings).toEqual([]);
      expect(main.exitCode).toBe(0);
      expect(main.stdout).toContain(`buildx: latest is ${release.tag}`);
      expect(main.stdout).toMatch(
        new RegExp(`buildx: downloaded ${release.asset} \\([\\d.]+ MB, [\\d.]+ s\\), sha256 as checksums.txt says`),
      );
      expect(main.stdout).toContain(`buildx: ${release.tag} installed as ${r.plugin} (from the release)`);
      expect(release.requests).toEqual(['/latest', `/download/${release.tag}/checksums.txt`, `/download/${release.tag}/${release.asset}`]);
      expect(sha256(r.plugin)).toBe(release.sha256);
      expect(fs.statSync(r.plugin).mode & 0o777).toBe(0o755);
      expect(r.cli(['buildx', 'version']).stdout).toContain(release.tag);
      expect(job.summary()).toContain(`| buildx | ${release.tag} from the release; \`docker build\` runs \`docker buildx build\` |`);

      const out = path.join(root, 'out-1');
      const built = r.cli(['buildx', 'build', '--builder', name, '--output', `type=local,dest=${out}`, context]);
      expect(built.stderr).toContain(`building with "${name}" instance using docker-container driver`);
      expect(fs.readFileSync(path.join(out, 'built.txt'), 'utf8')).toBe('hello from the context\nx86_64\n');
      // `docker build`, no --builder and no BUILDX_BUILDER: the alias sends it to the current builder.
      const plain = r.cli(['build', '--progress', 'plain', context]);
      expect(plain.stderr).toContain(`building with "${name}" instance using docker-container driver`);
      expect(JSON.parse(fs.readFileSync(path.join(r.dockerConfig, 'config.json'), 'utf8')).aliases).toEqual({ builder: 'buildx' });
    } finally {
      const post = await job.post();
      job.dispose();
      expect(post.warnings).toEqual([]);
      expect(post.stdout).toContain('install: docker build is the docker CLI builder again');
      expect(post.stdout).toContain(`buildx: saved to the Actions cache under setup-buildkit-buildx-${release.tag}-${release.asset}`);
    }
    expect(JSON.parse(fs.readFileSync(path.join(r.dockerConfig, 'config.json'), 'utf8'))).toEqual({});
    // The plugin stays, as setup-buildx-action leaves it.
    expect(r.cli(['buildx', 'version']).stdout).toContain(release.tag);
    expectNothingLeft(name, r.dockerConfig);
  });

  test('a second run on that runner needs no download: the tool cache has it', async () => {
    const r = runner('2', path.join(root, 'tools-1'));
    const before = release.requests.length;
    const { job, main, name } = await up(r, { 'buildx-version': release.tag, 'buildx-mirror': release.url });
    const post = await job.post();
    job.dispose();
    expect(main.exitCode).toBe(0);
    expect(main.stdout).toContain(`buildx: ${release.tag} installed as ${r.plugin} (from the tool cache)`);
    expect(release.requests.length).toBe(before);
    expect(r.cli(['buildx', 'version']).stdout).toContain(release.tag);
    expect(post.warnings).toEqual([]);
    expect(post.stdout).not.toContain('buildx: saved');
    expectNothingLeft(name, r.dockerConfig);
  });

  test('an offline runner with an empty tool cache: the Actions cache has it', async () => {
    const r = runner('3');
    // Nothing listens on the discard port: no release page, no mirror.
    const { job, main, name } = await up(r, { 'buildx-version': release.tag, 'buildx-mirror': 'http://127.0.0.1:9' });
    const post = await job.post();
    job.dispose();
    expect(main.errors).toEqual([]);
    expect(main.exitCode).toBe(0);
    expect(main.stdout).toContain(`buildx: ${release.tag} installed as ${r.plugin} (from the Actions cache)`);
    expect(sha256(r.plugin)).toBe(release.sha256);
    expect(fs.existsSync(path.join(r.toolCache, 'docker-buildx'))).toBe(true);
    expect(post.warnings).toEqual([]);
    expectNothingLeft(name, r.dockerConfig);
  });

  test('a checksum mismatch: one error naming the asset and both digests; nothing installed, nothing left', async () => {
    const r = runner('4');
    release.faults.wrongChecksum = true;
    try {
      const { job, main, name } = await up(r, { 'buildx-version': release.tag, 'buildx-mirror': release.url, 'cache-binary': 'false' });
      await job.post();
      job.dispose();
      expect(main.exitCode).toBe(1);
      expect(main.errors).toHaveLength(1);
      const wrong = createHash('sha256').update('not the binary').digest('hex');
      expect(main.errors[0]).toBe(
        `buildx-version: ${release.asset} does not match checksums.txt: expected sha256 ${wrong}, downloaded ${release.sha256} (from ${release.url})`,
      );
      expect(fs.existsSync(r.plugin)).toBe(false);
      expect(fs.existsSync(path.join(r.toolCache, 'docker-buildx'))).toBe(false);
      expectNothingLeft(name, r.dockerConfig);
    } finally {
      release.faults.wrongChecksum = false;
    }
  });

  test('a download cut half-way is fetched again, and only the whole binary is kept', async () => {
    const r = runner('5');
    release.faults.cutDownloads = 1;
    const before = release.requests.length;
    const { job, main, name } = await up(r, { 'buildx-version': release.tag, 'buildx-mirror': release.url, 'cache-binary': 'false' });
    await job.post();
    job.dispose();
    expect(main.errors).toEqual([]);
    expect(main.exitCode).toBe(0);
    expect(release.requests.slice(before)).toEqual([
      `/download/${release.tag}/checksums.txt`,
      `/download/${release.tag}/${release.asset}`,
      `/download/${release.tag}/${release.asset}`,
    ]);
    expect(sha256(r.plugin)).toBe(release.sha256);
    expectNothingLeft(name, r.dockerConfig);
  });

  test('a download cut every time: one error naming the asset and the mirror; nothing installed, nothing left', async () => {
    const r = runner('6');
    release.faults.cutDownloads = 3;
    const { job, main, name } = await up(r, { 'buildx-version': release.tag, 'buildx-mirror': release.url, 'cache-binary': 'false' });
    await job.post();
    job.dispose();
    release.faults.cutDownloads = 0;
    expect(main.exitCode).toBe(1);
    expect(main.errors).toHaveLength(1);
    expect(main.errors[0]).toMatch(
      new RegExp(
        `^buildx-version: downloading ${release.asset} from ${release.url}/download/${release.tag}/${release.asset} failed: aborted \\(ECONNRESET\\)$`,
      ),
    );
    expect(fs.existsSync(r.plugin)).toBe(false);
    expect(fs.existsSync(path.join(r.toolCache, 'docker-buildx'))).toBe(false);
    expectNothingLeft(name, r.dockerConfig);
  });
  test('no buildx-version on a runner without buildx: the release the action pins, through the same tool-cache path', async () => {
    expect(release.tag).toBe(PINNED_BUILDX);
    const r = runner('7');
    const { job, main, name } = await up(r, { 'buildx-mirror': release.url, install: 'true' });
    try {
      expect(main.errors).toEqual([]);
      expect(main.exitCode).toBe(0);
      expect(main.stdout).toContain(`buildx: none on this runner; installing ${PINNED_BUILDX}, the release this action pins`);
      // From the release, or from the Actions cache the first test filled.
      expect(main.stdout).toMatch(new RegExp(`buildx: ${PINNED_BUILDX} installed as ${r.plugin} \\(from the (release|Actions cache)\\)`));
      expect(sha256(r.plugin)).toBe(release.sha256);
      // The docker CLI is there: no standalone copy on PATH.
      expect(job.paths()).toEqual([]);
      expect(r.cli(['buildx', 'version']).stdout).toContain(PINNED_BUILDX);
      expect(JSON.parse(fs.readFileSync(path.join(r.dockerConfig, 'config.json'), 'utf8')).aliases).toEqual({ builder: 'buildx' });
    } finally {
      await job.post();
      job.dispose();
    }
    expectNothingLeft(name, r.dockerConfig);
  });

  test('a runner without the docker CLI and without buildx: after one step, a standalone buildx on PATH builds on the builder', async () => {
    const r = runner('8');
    // Nothing on PATH: no docker CLI, no buildx.
    const bare = fs.mkdtempSync(path.join(root, 'path-'));
    // No tar either, which @actions/cache needs: the binary comes from the release, and stays out of the cache.
    const { job, main, name } = await up(r, { 'buildx-mirror': release.url, 'cache-binary': 'false' }, { PATH: bare });
    try {
      expect(main.errors).toEqual([]);
      expect(main.warnings).toEqual([]);
      expect(main.exitCode).toBe(0);
      const [dir] = job.paths();
      expect(job.paths()).toHaveLength(1);
      const standalone = path.join(dir!, 'buildx');
      expect(main.stdout).toContain(`buildx: no docker CLI on this runner; ${standalone} is on PATH for the later steps`);
      expect(sha256(standalone)).toBe(release.sha256);
      // A later step: PATH as the runner makes it, BUILDX_BUILDER from the step's env, still no docker CLI.
      const env = { PATH: `${dir}:${bare}`, DOCKER_CONFIG: r.dockerConfig, HOME: root, ...main.env };
      expect(tryRun('docker', ['version'], env).status).not.toBe(0);
      expect(tryRun('buildx', ['version'], env).stdout).toContain(PINNED_BUILDX);
      const out = path.join(root, 'out-8');
      const built = tryRun('buildx', ['build', '--output', `type=local,dest=${out}`, context], env);
      expect(built.stderr).toContain(`building with "${name}" instance using docker-container driver`);
      expect(fs.readFileSync(path.join(out, 'built.txt'), 'utf8')).toBe('hello from the context\nx86_64\n');
    } finally {
      expect((await job.post()).warnings).toEqual([]);
      job.dispose();
    }
    expectNothingLeft(name, r.dockerConfig);
  });

  // docker/build-push-action's own dist (dist/index.cjs of its repository), which is on no registry:
  // given by path, the case runs; without it, it is skipped.
  const buildPushAction = process.env.BUILD_PUSH_ACTION_DIST;
  (buildPushAction ? test : test.skip)(
    'without the docker CLI, docker/build-push-action finds the standalone buildx and builds on the builder',
    async () => {
      const r = runner('10');
      const bare = fs.mkdtempSync(path.join(root, 'path-'));
      const { job, main, name } = await up(r, { 'buildx-mirror': release.url, 'cache-binary': 'false' }, { PATH: bare });
      try {
        expect(main.errors).toEqual([]);
        const out = path.join(root, 'out-10');
        // The later step as the runner starts it: PATH with the step's additions, the step's env, the action's inputs.
        const step = new ActionJob({
          ...r.env,
          ...main.env,
          PATH: [...job.paths(), bare].join(':'),
          HOME: root,
          DOCKER_BUILD_SUMMARY: 'false',
          DOCKER_BUILD_RECORD_UPLOAD: 'false',
          // The runner's context, which the toolkit reads.
          GITHUB_SERVER_URL: 'https://github.com',
          GITHUB_API_URL: 'https://api.github.com',
          GITHUB_REPOSITORY: 'setup-buildkit/e2e',
          GITHUB_REF: 'refs/heads/main',
          GITHUB_SHA: '0'.repeat(40),
          GITHUB_WORKSPACE: root,
          RUNNER_TEMP: dirs.runnerTemp,
        });
        const built = await step.run(buildPushAction!, {
          context,
          outputs: `type=local,dest=${out}`,
          pull: 'false',
          push: 'false',
          load: 'false',
          // action.yml's defaults, which the runner would give.
          'no-cache': 'false',
        });
        step.dispose();
        expect(built.stdout).toContain('::debug::Buildx.isStandalone: true');
        expect(built.stdout).toContain('::debug::Buildx.isAvailable: true');
        expect(built.exitCode).toBe(0);
        expect(built.stdout).toContain(`building with "${name}" instance using docker-container driver`);
        expect(fs.readFileSync(path.join(out, 'built.txt'), 'utf8')).toBe('hello from the context\nx86_64\n');
      } finally {
        await job.post();
        job.dispose();
      }
      expectNothingLeft(name, r.dockerConfig);
    },
  );

  test('install on a runner without the docker CLI: one error naming the input, before anything is created', async () => {
    const r = runner('9');
    const bare = fs.mkdtempSync(path.join(root, 'path-'));
    const { job, main, name } = await up(r, { 'buildx-mirror': release.url, install: 'true' }, { PATH: bare });
    await job.post();
    const paths = job.paths();
    job.dispose();
    expect(main.exitCode).toBe(1);
    expect(main.errors).toEqual([
      'input "install": invalid value "true": false on a runner without the docker CLI (docker is not on PATH): install makes `docker build` run buildx, which needs the docker CLI; buildx is put on PATH as a standalone binary anyway',
    ]);
    expect(fs.readdirSync(r.dockerConfig)).toEqual([]);
    expect(paths).toEqual([]);
    expectNothingLeft(name, r.dockerConfig);
  });
});
