/**
 * Beyond the peers: when the BuildKit image cannot be pulled from Docker Hub, the builder's own
 * buildkitd.toml mirrors for docker.io are tried for it too. The harness's registry on loopback plays
 * the mirror and holds the BuildKit image under a tag that exists on no other registry and not on
 * the engine, so the builder can only start if the action pulled it through the mirror.
 */
import { ActionJob } from '../support/action.js';
import { expectGone, sh, TEST_REGISTRY, tryRun, uniqueName } from '../support/engine.js';

const MIRROR_ONLY_TAG = 'moby/buildkit:setup-buildkit-mirror-only';

beforeAll(() => {
  const inMirror =
    tryRun('curl', [
      '-sf',
      '-o',
      '/dev/null',
      '-H',
      'Accept: application/vnd.docker.distribution.manifest.v2+json',
      `http://${TEST_REGISTRY}/v2/moby/buildkit/manifests/setup-buildkit-mirror-only`,
    ]).status === 0;
  if (!inMirror) {
    sh('docker', ['tag', 'moby/buildkit:buildx-stable-1', `${TEST_REGISTRY}/${MIRROR_ONLY_TAG}`]);
    sh('docker', ['push', '-q', `${TEST_REGISTRY}/${MIRROR_ONLY_TAG}`]);
  }
  tryRun('docker', ['rmi', `${TEST_REGISTRY}/${MIRROR_ONLY_TAG}`, MIRROR_ONLY_TAG]);
}, 120000);

afterAll(() => {
  tryRun('docker', ['rmi', MIRROR_ONLY_TAG, `${TEST_REGISTRY}/${MIRROR_ONLY_TAG}`]);
});

test('the BuildKit image comes through the config’s docker.io mirror when Docker Hub has no such tag', async () => {
  const name = uniqueName('imgmirror');
  const job = new ActionJob();
  try {
    const main = await job.main({
      name,
      'driver-opts': `image=${MIRROR_ONLY_TAG}`,
      'buildkitd-config-inline': `[registry."docker.io"]\nmirrors = ["${TEST_REGISTRY}"]\n[registry."${TEST_REGISTRY}"]\nhttp = true\n`,
    });
    expect(main.errors).toEqual([]);
    expect(main.stdout).toContain(`#1 pulling image ${MIRROR_ONLY_TAG} through mirror ${TEST_REGISTRY}`);
    expect(main.outputs['buildkit-version']).toMatch(/^v\d/);
    expect(tryRun('docker', ['image', 'inspect', MIRROR_ONLY_TAG]).status).toBe(0);
  } finally {
    await job.post();
    job.dispose();
  }
  expectGone(name);
});
