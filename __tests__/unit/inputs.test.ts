import { readInputs } from '../../src/inputs/read.js';
import type { Host } from '../../src/step/host.js';
import { InputError } from '../../src/util/errors.js';

function host(inputs: Record<string, string>): Host {
  return { input: (n: string) => inputs[n] ?? '' } as Host;
}

test('defaults', () => {
  const i = readInputs(host({}));
  expect(i.name).toMatch(/^builder-[0-9a-f]{12}$/);
  expect(i).toMatchObject({
    driver: 'docker-container',
    buildkitdFlags: ['--allow-insecure-entitlement', 'security.insecure', '--allow-insecure-entitlement', 'network.host'],
    platforms: [],
    use: true,
    cleanup: true,
    bootstrapTimeoutMs: 120000,
    pullPolicy: 'always',
  });
});

test('two default names differ', () => expect(readInputs(host({})).name).not.toBe(readInputs(host({})).name));

test('values', () => {
  const i = readInputs(
    host({
      name: 'ci',
      platforms: 'linux/amd64,\narm64',
      use: 'false',
      cleanup: 'False',
      'bootstrap-timeout': '30s',
      'pull-policy': 'never',
    }),
  );
  expect(i).toMatchObject({
    name: 'ci',
    platforms: [
      { os: 'linux', architecture: 'amd64' },
      { os: 'linux', architecture: 'arm64' },
    ],
    use: false,
    cleanup: false,
    bootstrapTimeoutMs: 30000,
    pullPolicy: 'never',
  });
});

test.each([
  ['name', '9lives'],
  ['name', 'has space'],
  ['name', 'default'],
  ['name', 'a/b'],
  ['driver', 'podman'],
  ['platforms', 'linux/sparc'],
  ['use', 'yes'],
  ['cleanup', '1'],
  ['bootstrap-timeout', 'soon'],
  ['bootstrap-timeout', '0'],
  ['pull-policy', 'sometimes'],
  ['buildkitd-flags', '--debug "open'],
])('%s=%s is one line naming the input and the value', (input, value) => {
  let err: unknown;
  try {
    readInputs(host({ [input]: value }));
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(InputError);
  expect((err as Error).message).toContain(`input "${input}"`);
  expect((err as Error).message).toContain(JSON.stringify(value).slice(1, -1).split(' ')[0]);
  expect((err as Error).message).not.toContain('\n');
});

describe('driver: kubernetes', () => {
  test('its driver-opts are parsed as the kubernetes driver parses them', () => {
    const parsed = readInputs(host({ driver: 'kubernetes', 'driver-opts': 'replicas=2\nnamespace=ci' }));
    expect(parsed.driver).toBe('kubernetes');
    expect(parsed.driverOpts.kubernetes).toMatchObject({ replicas: 2, namespace: 'ci' });
    expect(parsed.driverOpts.given).toEqual({ replicas: '2', namespace: 'ci' });
  });
  test('appended nodes are kubernetes nodes: their driver-opts parsed as the kubernetes driver parses them', () => {
    const parsed = readInputs(
      host({
        driver: 'kubernetes',
        platforms: 'linux/amd64',
        append: '- platforms: linux/arm64\n  driver-opts: [qemu.install=true, namespace=ci]\n- name: zed\n  platforms: linux/s390x',
      }),
    );
    expect(parsed.append.map((n) => [n.name, n.platforms.map((p) => p.architecture), n.driverOpts.kubernetes?.qemu.install])).toEqual([
      [`${parsed.name}1`, ['arm64'], true],
      ['zed', ['s390x'], false],
    ]);
    expect(parsed.append[0].driverOpts.kubernetes?.namespace).toBe('ci');
  });
  test.each([
    [{ endpoint: 'unix:///var/run/docker.sock' }, 'endpoint', 'kubernetes driver does not support endpoint args'],
    [{ 'keep-state': 'true' }, 'keep-state', 'persistent-volume-claim.requests.storage'],
    [{ append: '- endpoint: unix:///var/run/docker.sock\n  platforms: linux/arm64' }, 'append', 'no endpoint with driver kubernetes'],
    [{ 'driver-opts': 'network=host' }, 'driver-opts', 'invalid driver option network for driver kubernetes'],
  ])('%j is refused naming %s', (more, input, words) => {
    let err: unknown;
    try {
      readInputs(host({ driver: 'kubernetes', ...more }));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toContain(`input "${input}"`);
    expect((err as Error).message).toContain(words);
  });
});
