import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { onPath, PINNED_BUILDX, planBuildx } from '../../src/buildx/buildx-plan.js';
import type { BuildxInputs } from '../../src/inputs/read.js';
import { refuseUnsupportedRunner } from '../../src/inputs/read.js';
import { InputError, UserError } from '../../src/util/errors.js';

/** A runner's files: bin/ (PATH), a docker config, and which of docker, buildx and the plugin it has. */
function runner(has: { docker?: boolean; buildx?: boolean; plugin?: boolean }) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sbk-plan-'));
  const bin = path.join(root, 'bin');
  const config = path.join(root, 'docker');
  fs.mkdirSync(bin);
  fs.mkdirSync(path.join(config, 'cli-plugins'), { recursive: true });
  const exe = (file: string) => fs.writeFileSync(file, '#!/bin/sh\n', { mode: 0o755 });
  if (has.docker) exe(path.join(bin, 'docker'));
  if (has.buildx) exe(path.join(bin, 'buildx'));
  if (has.plugin) exe(path.join(config, 'cli-plugins', 'docker-buildx'));
  return { root, bin, config, env: { PATH: bin, DOCKER_CONFIG: config } as NodeJS.ProcessEnv };
}

const inputs = (over: Partial<BuildxInputs> = {}): BuildxInputs => ({
  version: '',
  mirror: '',
  cacheBinary: true,
  install: false,
  ...over,
});

describe('planBuildx: decided from the runner before anything is created', () => {
  const made: string[] = [];
  const at = (has: Parameters<typeof runner>[0]) => {
    const r = runner(has);
    made.push(r.root);
    return r;
  };
  afterAll(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  test('the plugin is used where the docker CLI is', () => {
    const r = at({ docker: true, plugin: true });
    expect(planBuildx(inputs(), r.env)).toEqual({ dockerCli: true, found: path.join(r.config, 'cli-plugins', 'docker-buildx') });
  });

  test('no buildx: the pinned release, or buildx-version when given', () => {
    const r = at({ docker: true, buildx: true });
    // A standalone buildx is not what `docker buildx` runs.
    expect(planBuildx(inputs(), r.env)).toEqual({ dockerCli: true, install: PINNED_BUILDX });
    expect(planBuildx(inputs({ version: 'latest' }), r.env)).toEqual({ dockerCli: true, install: 'latest' });
  });

  test('no docker CLI: a standalone buildx on PATH, else the plugin, else the pinned release', () => {
    expect(planBuildx(inputs(), at({ buildx: true, plugin: true }).env)).toMatchObject({
      dockerCli: false,
      found: expect.stringMatching(/bin\/buildx$/),
    });
    expect(planBuildx(inputs(), at({ plugin: true }).env)).toMatchObject({
      dockerCli: false,
      found: expect.stringMatching(/docker-buildx$/),
    });
    expect(planBuildx(inputs(), at({}).env)).toEqual({ dockerCli: false, install: PINNED_BUILDX });
  });

  test('install without the docker CLI is refused up front, naming the input', () => {
    const refused = () => planBuildx(inputs({ install: true }), at({}).env);
    expect(refused).toThrow(InputError);
    expect(refused).toThrow(/^input "install": invalid value "true": false on a runner without the docker CLI/);
    expect(planBuildx(inputs({ install: true }), at({ docker: true }).env)).toEqual({ dockerCli: true, install: PINNED_BUILDX });
  });

  test('onPath finds executables only', () => {
    const r = at({ docker: true });
    fs.writeFileSync(path.join(r.bin, 'buildx'), 'not executable', { mode: 0o644 });
    expect(onPath('docker', r.env)).toBe(path.join(r.bin, 'docker'));
    expect(onPath('buildx', r.env)).toBeUndefined();
    expect(onPath('docker', { PATH: '' })).toBeUndefined();
  });
});

describe('refuseUnsupportedRunner: one error naming what is supported', () => {
  test.each([
    [{ RUNNER_OS: 'Windows' }, 'win32', 'RUNNER_OS=Windows, process.platform=win32'],
    [{ RUNNER_OS: 'macOS' }, 'darwin', 'RUNNER_OS=macOS, process.platform=darwin'],
    [{}, 'darwin', 'process.platform=darwin'],
    [{ RUNNER_OS: 'Windows' }, 'linux', 'RUNNER_OS=Windows, process.platform=linux'],
  ] as const)('%j on %s', (env, platform, seen) => {
    expect(() => refuseUnsupportedRunner(env, platform)).toThrow(UserError);
    expect(() => refuseUnsupportedRunner(env, platform)).toThrow(`setup-buildkit supports Linux runners only`);
    expect(() => refuseUnsupportedRunner(env, platform)).toThrow(`(${seen})`);
  });

  test('Linux, in a job or on the command line', () => {
    expect(() => refuseUnsupportedRunner({ RUNNER_OS: 'Linux' }, 'linux')).not.toThrow();
    expect(() => refuseUnsupportedRunner({}, 'linux')).not.toThrow();
  });
});
