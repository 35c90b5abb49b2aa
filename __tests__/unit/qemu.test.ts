import {
  decidable,
  DEFAULT_QEMU_IMAGE,
  emulatedPlatforms,
  installerError,
  installLog,
  missingArchs,
  noReport,
  parseQemuInputs,
  parseReport,
  runFailure,
  unseenEmulators,
} from '../../src/node/qemu.js';
import { InputError } from '../../src/util/errors.js';
import { parsePlatform, type Platform } from '../../src/util/platforms.js';

const declared = (...ps: string[]): Platform[] => ps.map((p) => parsePlatform(p)!);
const parse = (values: Partial<{ qemu: string; platforms: string; image: string }>, platforms: Platform[] = []) =>
  parseQemuInputs({ qemu: '', platforms: '', image: '', ...values }, platforms);

function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('did not throw');
}

describe('qemu inputs', () => {
  test('off by default, whatever else is set', () => {
    expect(parse({})).toBeUndefined();
    expect(parse({ qemu: 'false', platforms: 'arm64' })).toBeUndefined();
  });

  test('on: the pinned image, and all when nothing says what to emulate', () => {
    expect(parse({ qemu: 'true' })).toEqual({ image: DEFAULT_QEMU_IMAGE, targets: 'all' });
    expect(DEFAULT_QEMU_IMAGE).toBe('tonistiigi/binfmt:qemu-v10.2.3-68');
    expect(parse({ qemu: 'true', image: 'mirror.gcr.io/tonistiigi/binfmt:qemu-v8.1.5' })?.image).toBe(
      'mirror.gcr.io/tonistiigi/binfmt:qemu-v8.1.5',
    );
  });

  test('default targets: the declared linux platforms the installer can emulate (native ones are dropped at install time)', () => {
    expect(
      parse({ qemu: 'true' }, declared('linux/amd64', 'linux/arm64', 'linux/arm/v7', 'linux/arm/v6', 'windows/amd64', 'linux/ppc64')),
    ).toEqual({
      image: DEFAULT_QEMU_IMAGE,
      targets: ['amd64', 'arm64', 'arm'],
    });
  });

  test('qemu-platforms: architectures or platforms, aliases normalised, deduplicated; it wins over platforms', () => {
    expect(
      parse({ qemu: 'true', platforms: 'arm64, linux/riscv64\nlinux/arm64/v8,aarch64,i386,linux/arm/v6' }, declared('linux/s390x'))
        ?.targets,
    ).toEqual(['arm64', 'riscv64', '386', 'arm']);
    expect(parse({ qemu: 'true', platforms: 'all' }, declared('linux/arm64'))?.targets).toBe('all');
  });

  test.each(['sparc', 'linux/ppc64', 'windows/arm64', 'linux/', 'arm64/v8/x/y', 'mips'])(
    'qemu-platforms %j: one line naming the input and what is accepted',
    (value) => {
      const err = thrown(() => parse({ qemu: 'true', platforms: `arm64,${value}` }));
      expect(err).toBeInstanceOf(InputError);
      expect(err.message).toContain('input "qemu-platforms"');
      expect(err.message).toContain(JSON.stringify(value));
      expect(err.message).toContain('386, amd64, arm64, arm, riscv64, ppc64le, s390x, mips64le, mips64, loong64');
      expect(err.message).not.toContain('\n');
    },
  );

  test('a bad qemu-platforms fails even with qemu off; a bad qemu fails', () => {
    expect(() => parse({ platforms: 'sparc' })).toThrow(InputError);
    expect(() => parse({ qemu: 'yes' })).toThrow(/^input "qemu": invalid value "yes": true, false or auto$/);
    expect(() => parse({ qemu: 'Auto' })).toThrow(/^input "qemu": invalid value "Auto": true, false or auto$/);
  });

  test('auto: the declared platforms, as true; nothing declared is nothing to emulate (true emulates all)', () => {
    expect(parse({ qemu: 'auto' }, declared('linux/amd64', 'linux/arm64', 'windows/arm64'))).toEqual({
      image: DEFAULT_QEMU_IMAGE,
      targets: ['amd64', 'arm64'],
    });
    expect(parse({ qemu: 'auto' }, declared('linux/arm64'))).toEqual(parse({ qemu: 'true' }, declared('linux/arm64')));
    expect(parse({ qemu: 'auto' })).toBeUndefined();
    expect(parse({ qemu: 'auto', platforms: 'riscv64' })).toEqual({ image: DEFAULT_QEMU_IMAGE, targets: ['riscv64'] });
  });
});

describe("the installer's output", () => {
  const report = {
    supported: ['linux/amd64', 'linux/arm64', 'linux/riscv64', 'linux/386', 'linux/arm/v7', 'linux/arm/v6'],
    emulators: ['qemu-aarch64', 'qemu-riscv64', 'qemu-arm', 'WSLInterop'],
  };

  test('the JSON report; emulators null when none is enabled; anything else is no report', () => {
    expect(parseReport('{\n  "supported": ["linux/amd64", "linux/386"],\n  "emulators": null\n}\n')).toEqual({
      supported: ['linux/amd64', 'linux/386'],
      emulators: [],
    });
    expect(parseReport(JSON.stringify(report))).toEqual(report);
    expect(parseReport('')).toBeUndefined();
    expect(parseReport('{"emulators":[]}')).toBeUndefined();
  });

  test('what is missing is compared by architecture: natively runnable and emulated ones are not missing', () => {
    expect(missingArchs(['amd64', '386', 'arm64', 'arm', 's390x', 'loong64'], report)).toEqual(['s390x', 'loong64']);
    expect(missingArchs(['arm64'], { supported: ['linux/amd64', 'linux/386'], emulators: [] })).toEqual(['arm64']);
  });

  test('emulated platforms: those served by an enabled qemu entry, with or without a prefix, not the native ones', () => {
    expect(emulatedPlatforms(report)).toEqual(['linux/arm64', 'linux/riscv64', 'linux/arm/v7', 'linux/arm/v6']);
    expect(
      emulatedPlatforms({ supported: ['linux/amd64', 'linux/mips64le', 'linux/mips64'], emulators: ['buildkit-qemu-mips64el'] }),
    ).toEqual(['linux/mips64le']);
    expect(emulatedPlatforms({ supported: ['linux/amd64', 'linux/386'], emulators: [] })).toEqual([]);
  });

  test('the per-architecture verdicts of the log', () => {
    const log = installLog(
      'installing: arm64 OK\ninstalling: riscv64 cannot register "/usr/bin/qemu-riscv64" to /proc/sys/fs/binfmt_misc/register: write: no such file or directory\nuninstalling: qemu-arm OK\n',
    );
    expect([...log]).toEqual([
      ['arm64', 'OK'],
      ['riscv64', 'cannot register "/usr/bin/qemu-riscv64" to /proc/sys/fs/binfmt_misc/register: write: no such file or directory'],
    ]);
  });

  // As the installer logs it: `error: %+v` of pkg/errors' Wrapf, the cause, the message, the stack.
  const noMount = [
    'error: no such device',
    'cannot mount binfmt_misc filesystem at /proc/sys/fs/binfmt_misc',
    'main.run',
    '\t/src/cmd/binfmt/main.go:210',
    'main.main',
    '\t/src/cmd/binfmt/main.go:186',
    'runtime.main',
    '\t/usr/local/go/src/runtime/proc.go:283',
    'runtime.goexit',
    '\t/usr/local/go/src/runtime/asm_amd64.s:1700',
    '',
  ].join('\n');

  test("the installer's error: its messages, outermost first, without the stack trace", () => {
    expect(installerError(noMount)).toBe('cannot mount binfmt_misc filesystem at /proc/sys/fs/binfmt_misc: no such device');
    // errors.Errorf: the message, then the stack.
    expect(installerError('uninstalling: qemu-arm OK\nerror: not found\nmain.run\n\t/src/cmd/binfmt/main.go:99\n')).toBe('not found');
    // An error without a stack (an *os.PathError), the last entry when there are several.
    expect(installerError('error: invalid platform\ninstalling: arm64 OK\nerror: open /proc/sys/fs/binfmt_misc: permission denied\n')).toBe(
      'open /proc/sys/fs/binfmt_misc: permission denied',
    );
    expect(installerError('installing: arm64 OK\n')).toBeUndefined();
  });

  test('no binfmt_misc on the host is said plainly, from anywhere in the log', () => {
    expect(noReport('img', ['--install', 'arm64'], noMount)).toBe(
      "the Docker engine's kernel has no binfmt_misc (needed to register QEMU emulators); load the binfmt_misc module on the engine's host, or use a native builder (cannot mount binfmt_misc filesystem at /proc/sys/fs/binfmt_misc: no such device)",
    );
    expect(
      noReport('img', ['--install', 'arm64'], 'error: cannot mount binfmt_misc filesystem at /proc/sys/fs/binfmt_misc: no such device\n'),
    ).toMatch(/^the Docker engine's kernel has no binfmt_misc/);
    expect(noReport('img', [], 'something else\n')).toBe('img  printed no report of the registered emulators: something else');
    expect(noReport('img', [], 'error: exec format error\nmain.main\n\t/src/main.go:1\n')).toBe(
      'img  printed no report of the registered emulators: exec format error',
    );
  });

  test('binfmt_misc alone decides, unless the 32-bit architecture the kernel may run natively is wanted and not emulated', () => {
    const amd64 = { supported: ['linux/amd64', 'linux/arm64'], emulators: ['qemu-aarch64'] };
    expect(decidable(amd64, ['amd64', 'arm64', 'riscv64'])).toBe(true);
    expect(decidable(amd64, ['amd64', '386'])).toBe(false);
    expect(decidable({ supported: ['linux/amd64', 'linux/386'], emulators: ['qemu-i386'] }, ['386'])).toBe(true);
    expect(decidable({ supported: ['linux/arm64'], emulators: [] }, ['arm64', 'amd64'])).toBe(true);
    expect(decidable({ supported: ['linux/arm64'], emulators: [] }, ['arm'])).toBe(false);
    expect(decidable({ supported: ['linux/arm64', 'linux/arm/v7', 'linux/arm/v6'], emulators: ['qemu-arm'] }, ['arm'])).toBe(true);
    expect(decidable({ supported: ['linux/riscv64'], emulators: [] }, ['386', 'arm'])).toBe(true);
  });

  test('an engine refusing privileged containers is said plainly', () => {
    const refused = {
      statusCode: 500,
      json: {
        message:
          'privileged mode is incompatible with user namespaces.  You must run the container in the host namespace when running privileged mode',
      },
    };
    expect(runFailure('img', refused).message).toMatch(
      /^the Docker engine refuses privileged containers, which registering QEMU emulators needs/,
    );
    expect(runFailure('img', { statusCode: 404, json: { message: 'No such image: img' } }).message).toBe(
      'running img failed: No such image: img',
    );
  });
});

describe('hostReport', () => {
  test('reads enabled qemu entries from a binfmt_misc directory, the native platform first', async () => {
    const { hostReport } = await import('../../src/node/qemu.js');
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'binfmt-'));
    fs.writeFileSync(path.join(dir, 'status'), 'enabled\n');
    fs.writeFileSync(path.join(dir, 'register'), '');
    fs.writeFileSync(path.join(dir, 'qemu-aarch64'), 'enabled\ninterpreter /usr/bin/qemu-aarch64\nflags: OCF\n');
    fs.writeFileSync(path.join(dir, 'qemu-riscv64'), 'disabled\n');
    try {
      const report = hostReport(true, dir);
      if (process.arch === 'x64') expect(report).toEqual({ supported: ['linux/amd64', 'linux/arm64'], emulators: ['qemu-aarch64'] });
      expect(hostReport(false, dir)).toBeUndefined();
      expect(hostReport(true, path.join(dir, 'missing'))).toBeUndefined();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('unseenEmulators', () => {
  const workers = ['linux/amd64', 'linux/amd64/v2', 'linux/arm64', 'linux/386'];

  test('nothing is unseen when BuildKit reports every architecture registered now', () => {
    expect(unseenEmulators(workers, ['arm64'])).toEqual([]);
    expect(unseenEmulators(workers, [])).toEqual([]);
  });

  test('an architecture registered now that BuildKit does not report is unseen, by architecture whatever the variant', () => {
    expect(unseenEmulators(['linux/amd64', 'linux/amd64/v2'], ['arm64', 'riscv64'])).toEqual(['arm64', 'riscv64']);
    expect(unseenEmulators(['linux/amd64', 'linux/arm/v7', 'linux/arm/v6'], ['arm', 's390x'])).toEqual(['s390x']);
  });
});
