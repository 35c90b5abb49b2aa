/**
 * QEMU emulators in the same step as the builder, on the real engine's kernel: from no emulator
 * registered, one step gives a builder that runs linux/arm64, and a multi-platform build runs its RUN
 * step under each architecture. A bad qemu-platforms creates nothing; a second run finds the emulator
 * registered and installs nothing; a BuildKit that started before the registration landed is
 * restarted. Against the installer's own behaviour (the harness's images stand for two releases, each
 * with its architectures): an image that has no emulator for an architecture is said to refuse it, the
 * installer's multi-line error is read, linux/386 on amd64 is left to the kernel when it runs it
 * natively, and `qemu: auto` on a native platform never runs the installer. arm64 stays registered at
 * the end.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

import * as tar from 'tar-stream';

import { nodeNames } from '../../src/inputs/names.js';
import { ActionJob, type StepResult } from '../support/action.js';
import { staticBusybox } from '../support/busybox.js';
import { expectGone, sh, tryRun, uniqueName } from '../support/engine.js';
import { EngineProxy, forceRemove, waitFor } from '../support/faults.js';

/** The action's default installer image, and the previous one, which has no loong64 emulator. */
const BINFMT = 'tonistiigi/binfmt:qemu-v10.2.3-68';
const BINFMT_V7 = 'tonistiigi/binfmt:qemu-v7.0.0-28';
const BINFMT_MISC = '/proc/sys/fs/binfmt_misc';

/** Runs the installer as the peers do and returns its JSON report. */
function binfmt(...args: string[]): { supported: string[]; emulators: string[] | null } {
  return JSON.parse(sh('docker', ['run', '--rm', '--privileged', BINFMT, ...args]));
}

/** The kernel's entry for an emulator: its interpreter and flags lines, as binfmt_misc shows them. */
function entry(name: string): string {
  return fs.readFileSync(path.join(BINFMT_MISC, name), 'utf8');
}

/** The files of a gzipped (or plain) tar layer, by path. */
async function layerFiles(blob: Buffer): Promise<Record<string, Buffer>> {
  const files: Record<string, Buffer> = {};
  const extract = tar.extract();
  const gz = blob[0] === 0x1f && blob[1] === 0x8b;
  const done = new Promise<void>((resolve, reject) => {
    extract.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c) => chunks.push(c as Buffer));
      stream.on('end', () => {
        files[header.name.replace(/^\.?\//, '')] = Buffer.concat(chunks);
        next();
      });
    });
    extract.on('finish', resolve);
    extract.on('error', reject);
  });
  (gz ? Readable.from([blob]).pipe(createGunzip()) : Readable.from([blob])).pipe(extract);
  await done;
  return files;
}

interface Descriptor {
  mediaType: string;
  digest: string;
  platform?: { os: string; architecture: string; variant?: string };
  annotations?: Record<string, string>;
}

/** The image manifests of an OCI layout, with their platform, following nested indexes. */
function manifests(layout: string): { platform: string; layers: string[] }[] {
  const blob = (digest: string) => fs.readFileSync(path.join(layout, 'blobs', ...digest.split(':')));
  const out: { platform: string; layers: string[] }[] = [];
  const walk = (descs: Descriptor[]) => {
    for (const d of descs) {
      const doc = JSON.parse(blob(d.digest).toString());
      if (doc.manifests) walk(doc.manifests);
      // BuildKit's provenance attestations are manifests too, of platform unknown/unknown.
      else if (d.platform && d.annotations?.['vnd.docker.reference.type'] !== 'attestation-manifest')
        out.push({ platform: `${d.platform.os}/${d.platform.architecture}`, layers: doc.layers.map((l: { digest: string }) => l.digest) });
    }
  };
  walk(JSON.parse(fs.readFileSync(path.join(layout, 'index.json'), 'utf8')).manifests);
  return out;
}

const inputs = (name: string) => ({ name, platforms: 'linux/amd64,linux/arm64', qemu: 'true', use: 'false' });

beforeAll(() => {
  binfmt('--uninstall', 'qemu-*');
  const report = binfmt();
  expect(report.emulators ?? []).toEqual([]);
  expect(report.supported).not.toContain('linux/arm64');
});

test('a bad qemu-platforms fails before anything is created or registered', async () => {
  const name = uniqueName('qemubad');
  const job = new ActionJob();
  try {
    const main = await job.main({ ...inputs(name), 'qemu-platforms': 'linux/arm64,linux/sparc' });
    expect(main.exitCode).toBe(1);
    expect(main.errors).toHaveLength(1);
    expect(main.errors[0]).toMatch(/^input "qemu-platforms": invalid value "linux\/sparc": .*arm64.*riscv64/);
    expect(main.stdout).not.toMatch(/booting buildkit|installing emulators/);
    expect((await job.post()).exitCode).toBe(0);
  } finally {
    job.dispose();
  }
  expectGone(name);
  expect(binfmt().emulators ?? []).toEqual([]);
});

describe('qemu: true with platforms linux/amd64,linux/arm64, from no emulator registered', () => {
  const name = uniqueName('qemu');
  const job = new ActionJob();
  const context = fs.mkdtempSync(path.join(os.tmpdir(), 'setup-buildkit-qemu-'));
  let main: StepResult;

  beforeAll(async () => {
    staticBusybox('amd64', context);
    staticBusybox('arm64', context);
    // Self-contained: no base image, a static busybox of the target architecture runs the RUN step.
    fs.writeFileSync(
      path.join(context, 'Dockerfile'),
      'FROM scratch\nARG TARGETARCH\nCOPY busybox-${TARGETARCH} /bin/busybox\nRUN ["/bin/busybox", "sh", "-c", "/bin/busybox uname -m > /arch.txt"]\n',
    );
    main = await job.main(inputs(name));
  });
  afterAll(async () => {
    await job.post();
    job.dispose();
    fs.rmSync(context, { recursive: true, force: true });
  });

  test('one step installs arm64 alongside BuildKit, and the builder reports linux/arm64', () => {
    expect(main.errors).toEqual([]);
    expect(main.exitCode).toBe(0);
    expect(main.stdout).toMatch(/#2 \[internal\] installing emulators/);
    expect(main.stdout).toMatch(/#2 installing arm64 \d+\.\ds done/);
    // BuildKit detects emulated platforms when it starts: it is started once the installer's start is asked for.
    const lines = main.stdout.split('\n');
    const installing = lines.findIndex((l) => /^#2 installing arm64$/.test(l));
    const started = lines.findIndex((l) => new RegExp(`^#1 creating container ${nodeNames(name).container} .*done`).test(l));
    expect(installing).toBeGreaterThan(-1);
    expect(started).toBeGreaterThan(installing);
    expect(main.outputs.platforms.split(',')).toEqual(expect.arrayContaining(['linux/amd64', 'linux/arm64']));
    expect(main.outputs['qemu-platforms']).toBe('linux/arm64');
    expect(main.outputs['platform-pair']).toBe('linux-amd64_linux-arm64');
    expect(binfmt().emulators).toContain('qemu-aarch64');
    // The image sets QEMU_PRESERVE_ARGV0=1, as the release images do: the entry preserves argv[0].
    expect(entry('qemu-aarch64')).toMatch(/^flags: POCF$/m);
  });

  test('a multi-platform build gives an index of both images, each RUN under its own architecture', async () => {
    const out = path.join(context, 'oci');
    sh('docker', [
      'buildx',
      'build',
      '--builder',
      name,
      '--platform',
      'linux/amd64,linux/arm64',
      '--output',
      `type=oci,dest=${out},tar=false`,
      context,
    ]);
    const images = manifests(out);
    expect(images.map((m) => m.platform).sort()).toEqual(['linux/amd64', 'linux/arm64']);
    for (const image of images) {
      const arch = await Promise.all(
        image.layers.map(async (d) => (await layerFiles(fs.readFileSync(path.join(out, 'blobs', ...d.split(':')))))['arch.txt']),
      );
      const recorded = arch.filter(Boolean).map((b) => b!.toString().trim());
      expect([image.platform, recorded]).toEqual([image.platform, [image.platform === 'linux/arm64' ? 'aarch64' : 'x86_64']]);
    }
  });

  test('the post step removes the builder; the emulator stays registered', async () => {
    const post = await job.post();
    expect(post.exitCode).toBe(0);
    expectGone(name);
    expect(binfmt().emulators).toContain('qemu-aarch64');
  });
});

test('a second run finds arm64 registered and installs nothing', async () => {
  const name = uniqueName('qemu2');
  const job = new ActionJob();
  try {
    const main = await job.main(inputs(name));
    expect(main.errors).toEqual([]);
    expect(main.stdout).toMatch(/#2 nothing to install: amd64, arm64 already runnable \(emulated: linux\/arm64\)/);
    expect(main.stdout).not.toMatch(/#2 installing /);
    expect(main.outputs.platforms.split(',')).toContain('linux/arm64');
    expect(main.outputs['qemu-platforms']).toBe('linux/arm64');
    expect((await job.post()).exitCode).toBe(0);
  } finally {
    job.dispose();
  }
  expectGone(name);
  expect(binfmt().emulators).toContain('qemu-aarch64');
});

test('a BuildKit that detected its platforms before the registration landed is restarted, and reports linux/arm64', async () => {
  binfmt('--uninstall', 'qemu-aarch64');
  const name = uniqueName('qemurace');
  const node = nodeNames(name).container;
  const job = new ActionJob();
  // The installer's start (the only start of a container other than the node: what is registered
  // is read from binfmt_misc, not by a first installer run) is held until BuildKit, started
  // alongside it, has answered without arm64, which is the race lost.
  const proxy = new EngineProxy((r) => {
    const id = /^\/containers\/([^/]+)\/start/.exec(r.path)?.[1];
    return (
      r.method === 'POST' && id !== undefined && tryRun('docker', ['inspect', '--format', '{{.Name}}', id]).stdout.trim() !== `/${node}`
    );
  });
  await proxy.listen();
  try {
    const step = job.start('main', inputs(name), { DOCKER_HOST: proxy.dockerHost });
    await Promise.race([proxy.held, step.done.then((r) => Promise.reject(new Error(`main ended first: ${r.stdout}${r.stderr}`)))]);
    let workers = '';
    await waitFor(
      () => ((workers = tryRun('docker', ['exec', node, 'buildctl', 'debug', 'workers']).stdout), workers.includes('linux/amd64')),
      60000,
      'BuildKit to answer',
    );
    expect(workers).not.toContain('linux/arm64');
    proxy.release();
    const main = await step.done;
    expect(main.errors).toEqual([]);
    expect(main.exitCode).toBe(0);
    expect(main.stdout).toMatch(/#1 BuildKit started before the arm64 emulators were registered/);
    expect(main.stdout).toMatch(new RegExp(`#1 restarting container ${node} \\d+\\.\\ds done`));
    expect(main.outputs.platforms.split(',')).toContain('linux/arm64');
    expect(sh('docker', ['exec', node, 'buildctl', 'debug', 'workers'])).toContain('linux/arm64');
    expect((await job.post()).exitCode).toBe(0);
    expectGone(name);
  } finally {
    proxy.release();
    await proxy.close();
    job.dispose();
    // A failure above must not leave the builder to the next test or the leak check.
    forceRemove(name);
  }
  expect(binfmt().emulators).toContain('qemu-aarch64');
});

describe("the installer's own behaviour", () => {
  const images: string[] = [];
  afterAll(() => {
    for (const image of images) tryRun('docker', ['rmi', image]);
    binfmt('--uninstall', 'qemu-loongarch64');
  });

  test('an image without an emulator for an architecture is said to refuse it, and nothing is left', async () => {
    const name = uniqueName('qemuloong');
    const job = new ActionJob();
    try {
      const main = await job.main({ ...inputs(name), 'qemu-platforms': 'loong64', 'qemu-image': BINFMT_V7 });
      expect(main.exitCode).toBe(1);
      expect(main.errors).toEqual([
        `qemu-image ${BINFMT_V7} cannot install loong64: it answered "unsupported architecture: loong64" (${BINFMT}, the default, installs 386, amd64, arm64, arm, riscv64, ppc64le, s390x, mips64le, mips64, loong64)`,
      ]);
      expect((await job.post()).exitCode).toBe(0);
    } finally {
      job.dispose();
    }
    expectGone(name);
    expect(binfmt().emulators ?? []).not.toContain('qemu-loongarch64');
  });

  test('the default image installs loong64', async () => {
    const name = uniqueName('qemuloong2');
    const job = new ActionJob();
    try {
      const main = await job.main({ ...inputs(name), 'qemu-platforms': 'loong64' });
      expect(main.errors).toEqual([]);
      expect(main.outputs['qemu-platforms'].split(',')).toContain('linux/loong64');
      expect((await job.post()).exitCode).toBe(0);
    } finally {
      job.dispose();
    }
    expectGone(name);
    expect(entry('qemu-loongarch64')).toMatch(/^flags: POCF$/m);
  });

  test("the installer's multi-line error (cause, message, stack trace) gives the binfmt_misc hint", async () => {
    // The default image, with binfmt_misc to be mounted where it cannot be: the installer's own failure.
    const image = `setup-buildkit-test/binfmt-nomount:${process.pid}`;
    const container = sh('docker', ['create', BINFMT]).trim();
    try {
      sh('docker', ['commit', '--change', 'ENTRYPOINT ["/usr/bin/binfmt", "--mount", "/nonexistent"]', container, image]);
    } finally {
      sh('docker', ['rm', '-v', container]);
    }
    images.push(image);
    const stderr = sh('sh', ['-c', `docker run --rm --privileged ${image} 2>&1 >/dev/null`]);
    expect(stderr.split('\n').slice(0, 3)).toEqual([
      'error: no such file or directory',
      'cannot mount binfmt_misc filesystem at /nonexistent',
      'main.run',
    ]);
    expect(stderr).toMatch(/^\t\S+\.go:\d+$/m);

    const name = uniqueName('qemunomount');
    const job = new ActionJob();
    try {
      const main = await job.main({ ...inputs(name), 'qemu-platforms': 'all', 'qemu-image': image, 'pull-policy': 'missing' });
      expect(main.exitCode).toBe(1);
      expect(main.errors).toEqual([
        "the Docker engine's kernel has no binfmt_misc (needed to register QEMU emulators); load the binfmt_misc module on the engine's host, or use a native builder (cannot mount binfmt_misc filesystem at /nonexistent: no such file or directory)",
      ]);
      expect((await job.post()).exitCode).toBe(0);
    } finally {
      job.dispose();
    }
    expectGone(name);
  });

  test('linux/386 on amd64: the installer reports whether the kernel runs it natively, and only then is it left unemulated', async () => {
    if (process.arch !== 'x64') return;
    binfmt('--uninstall', 'qemu-i386');
    // The installer's report (BuildKit's probes) with no i386 emulator registered.
    const native386 = binfmt().supported.includes('linux/386');
    const name = uniqueName('qemu386');
    const job = new ActionJob();
    try {
      const main = await job.main({ ...inputs(name), platforms: 'linux/amd64,linux/386' });
      expect(main.errors).toEqual([]);
      expect(main.stdout).toMatch(/#2 reading registered emulators/);
      expect(main.outputs.platforms.split(',')).toContain('linux/386');
      if (native386) {
        expect(main.stdout).toMatch(/#2 nothing to install: amd64, 386 already runnable/);
        expect(binfmt().emulators ?? []).not.toContain('qemu-i386');
      } else {
        expect(main.stdout).toMatch(/#2 installing 386 \d+\.\ds done/);
        expect(binfmt().emulators).toContain('qemu-i386');
      }
      expect((await job.post()).exitCode).toBe(0);
    } finally {
      job.dispose();
      binfmt('--uninstall', 'qemu-i386');
    }
    expectGone(name);
  });

  test('qemu: auto on the native platform runs no installer (its image is never even pulled)', async () => {
    const name = uniqueName('qemuauto');
    const job = new ActionJob();
    const native = process.arch === 'x64' ? 'linux/amd64' : 'linux/arm64';
    try {
      const main = await job.main({
        ...inputs(name),
        qemu: 'auto',
        platforms: native,
        'qemu-image': 'setup-buildkit-test/no-such-binfmt:never',
      });
      expect(main.errors).toEqual([]);
      expect(main.exitCode).toBe(0);
      expect(main.stdout).toMatch(/#2 nothing to install: (amd64|arm64) already runnable/);
      expect(main.stdout).not.toMatch(/no-such-binfmt/);
      expect(main.outputs['platform-pair']).toBe(native.replace('/', '-'));
      expect((await job.post()).exitCode).toBe(0);
    } finally {
      job.dispose();
    }
    expectGone(name);
  });

  test('qemu: auto with no platforms declared emulates nothing', async () => {
    const name = uniqueName('qemuauto0');
    const job = new ActionJob();
    try {
      const main = await job.main({ name, qemu: 'auto', use: 'false' });
      expect(main.errors).toEqual([]);
      expect(main.stdout).not.toMatch(/installing emulators/);
      expect(main.outputs['qemu-platforms']).toBeUndefined();
      expect(main.outputs['platform-pair']).toBe(process.arch === 'x64' ? 'linux-amd64' : 'linux-arm64');
      expect((await job.post()).exitCode).toBe(0);
    } finally {
      job.dispose();
    }
    expectGone(name);
  });
});
