/**
 * Statically linked busybox binaries per architecture, for FROM-scratch test images whose RUN steps
 * show which architecture (natively or through QEMU) ran them.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { HARNESS_BIN, sh } from './engine.js';

const DEBS = path.join(path.dirname(HARNESS_BIN), 'debs');

/** A static busybox for each architecture, from Debian's busybox-static (cached; apt-get works offline here). */
export function staticBusybox(arch: 'amd64' | 'arm64' | 's390x', dir: string): void {
  fs.mkdirSync(DEBS, { recursive: true });
  let deb = fs.readdirSync(DEBS).find((f) => f.startsWith('busybox-static_') && f.endsWith(`_${arch}.deb`));
  if (!deb) {
    if (arch !== 'amd64' && !sh('dpkg', ['--print-foreign-architectures']).includes(arch)) {
      sh('dpkg', ['--add-architecture', arch]);
      sh('apt-get', ['update', '-qq']);
    }
    runIn(DEBS, 'apt-get', ['download', '-q', `busybox-static:${arch}`]);
    deb = fs.readdirSync(DEBS).find((f) => f.startsWith('busybox-static_') && f.endsWith(`_${arch}.deb`))!;
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'busybox-'));
  sh('dpkg-deb', ['-x', path.join(DEBS, deb), root]);
  fs.copyFileSync(path.join(root, 'bin', 'busybox'), path.join(dir, `busybox-${arch}`));
  fs.chmodSync(path.join(dir, `busybox-${arch}`), 0o755);
  fs.rmSync(root, { recursive: true, force: true });
}

function runIn(cwd: string, cmd: string, args: string[]): void {
  sh('sh', ['-c', `cd "$1" && shift && exec "$@"`, 'sh', cwd, cmd, ...args]);
}
