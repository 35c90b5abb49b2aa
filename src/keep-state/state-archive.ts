/**
 * The state volume's pieces as zstd-compressed tars, faithful to what overlayfs snapshots need: whiteout
 * devices (char 0:0), `trusted.overlay.*` extended attributes (opaque directories), ownership,
 * modes and sparse bolt files.
 *
 * Reading: the engine's GET archive keeps only `security.capability`, and an unprivileged reader
 * cannot see `trusted.*` at all, so the volume is read by GNU tar as root on the engine's host, on
 * its Mountpoint (root, or passwordless sudo). Writing: PUT archive into the created, never started
 * container keeps the devices and applies the `SCHILY.xattr.*` records GNU tar writes, so a restore
 * needs nothing but the API (and works for a remote engine too).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Readable } from 'node:stream';

import type Docker from 'dockerode';

import { isLocalEngine } from '../engine/docker.js';
import { type DockerClient, engineMessage } from '../engine/docker-client.js';
import { OWNER_LABEL } from '../node/owner.js';
import { UserError } from '../util/errors.js';
import { PieceCheck } from './piece-check.js';
import { type ListedEntry, parseListing, type PieceDigest } from './state-pieces.js';

/** Where the volume can be read faithfully from this process. */
export interface VolumeAccess {
  dir: string;
  /** Run tar through `sudo -n` (not root, passwordless sudo). */
  sudo: boolean;
}

/** GNU tar's flags for a faithful copy: pax headers carry the xattrs of every namespace. */
const FAITHFUL = ['--format=posix', '--xattrs', '--xattrs-include=*', '--numeric-owner'];
/** The meta part: bolt databases are sparse. */
const TAR_FLAGS = [...FAITHFUL, '-S'];
/**
 * A piece's archive, the same bytes for the same content every time (its sha256 is the piece's
 * name, state-pieces.ts): no access or change times (reading a file changes the one, restoring it
 * the other), pax header names without the process id, 512-byte records (the archive ends with
 * exactly TAR_END zero bytes). Without -S: whether a file has holes on disk is not content (the
 * engine writes them out on restore), so a sparse file is archived as its bytes.
 */
const PIECE_TAR = [...FAITHFUL, '--pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime', '-b1'];

/**
 * One archive per piece, as root in the volume (bash, for pipefail): `hash` prints each archive's
 * sha256 and length, one line per piece; `cat` writes the archives one after the other. Each piece's
 * paths are a NUL-separated list file in $3, taken in the order of the files' names. openssl's sha256
 * is about three times coreutils' where the CPU has SHA instructions (1.0 against 0.28 GB/s here).
 */
const PIECES_SCRIPT = `set -euo pipefail
mode=$1 lists=$3
cd "$2"
shift 3
if command -v openssl >/dev/null; then sha() { openssl dgst -sha256 -r; }; else sha() { sha256sum; }; fi
err=$(mktemp)
trap 'rm -f "$err"' EXIT
written='Total bytes written: ([0-9]+)'
for list in "$lists"/*; do
  if [ "$mode" = cat ]; then
    tar "$@" --null --no-recursion -T "$list" -cf -
  elif digest=$(tar --totals "$@" --null --no-recursion -T "$list" -cf - 2>"$err" | sha); then
    [[ $(<"$err") =~ $written ]]
    echo "\${digest:0:64} \${BASH_REMATCH[1]}"
  else
    cat "$err" >&2
    exit 1
  fi
done`;

/**
 * The volume's directory when this process can read it as root, else why not (a warning's text).
 * Only a local engine's volumes are on this filesystem.
 */
export async function volumeAccess(docker: DockerClient, volume: string): Promise<VolumeAccess | string> {
  if (!isLocalEngine(docker)) return 'the engine is not on this machine';
  let dir: string;
  try {
    dir = (await docker.getVolume(volume).inspect()).Mountpoint;
  } catch (err) {
    return `volume ${volume}: ${engineMessage(err)}`;
  }
  const root = process.getuid?.() === 0;
  const sudo = !root && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  if (!root && !sudo) return 'reading trusted.* extended attributes needs root or passwordless sudo';
  const exists = root ? fs.existsSync(dir) : spawnSync('sudo', ['-n', 'test', '-d', dir], { stdio: 'ignore' }).status === 0;
  return exists ? { dir, sudo } : `${dir} is not on this machine (an engine in a VM or another mount namespace)`;
}

/** A child process's end: resolves on exit 0, rejects with the tail of its stderr otherwise. */
function finished(child: ChildProcess, what: string): Promise<void> {
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  return new Promise((resolve, reject) => {
    child.on('error', (err) => reject(new UserError(`${what}: ${err.message}`)));
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new UserError(`${what} failed (${signal ?? `exit ${code}`}): ${stderr.trim().split('\n').slice(-3).join('; ')}`));
    });
  });
}

/** Every process of a pipeline ended: resolves when all succeeded, else rejects with the first failure once all are done. */
async function allFinished(...ends: Promise<void>[]): Promise<void> {
  const failed = (await Promise.allSettled(ends)).find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}

function asRoot(access: VolumeAccess, argv: string[]): [string, string[]] {
  const [cmd, ...args] = access.sudo ? ['sudo', '-n', ...argv] : argv;
  return [cmd, args];
}

/**
 * Every path in the volume with what identifies a snapshot's content (see state-pieces.ts), read as
 * root by GNU find. The volume must be quiescent: BuildKit stopped.
 */
export async function listVolume(access: VolumeAccess): Promise<ListedEntry[]> {
  const find = spawn(...asRoot(access, ['find', access.dir, '-mindepth', '1', '-printf', '%y %m %U %G %s %T@ %C@ %i\\0%l\\0%P\\0']), {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: Buffer[] = [];
  find.stdout!.on('data', (d: Buffer) => chunks.push(d));
  await finished(find, 'listing the state volume');
  // latin1 keeps any byte of a file name as one character, and back (archivePaths).
  return parseListing(Buffer.concat(chunks).toString('latin1'));
}

/** tar of `paths` (relative to the volume's root, each named: a directory is an entry of its own, without what is below it). */
function tarOf(access: VolumeAccess, paths: string[]): ChildProcess {
  const tarArgs = ['tar', ...TAR_FLAGS, '-C', access.dir, '--null', '--no-recursion', '-T', '-', '-cf', '-'];
  const tar = spawn(...asRoot(access, tarArgs), { stdio: ['pipe', 'pipe', 'pipe'] });
  tar.stdin!.end(Buffer.from(paths.map((p) => `${p}\0`).join(''), 'latin1'));
  return tar;
}

/**
 * Starts `argv` reading `from`'s output. A process's output pipe becomes the next one's input as it
 * is: the bytes go from one process to the other without passing through this one (which costs
 * about a fifth more time on a few hundred MB).
 */
function piped(from: ChildProcess, argv: string[], stdout: 'ignore' | 'pipe'): ChildProcess {
  const child = spawn(argv[0], argv.slice(1), { stdio: [from.stdout!, stdout, 'pipe'] });
  // The child holds its own copy of the pipe; this process's copy would only keep the writer waiting.
  from.stdout!.destroy();
  return child;
}

const ZSTD = ['zstd', '-T0', '-3', '-q'];

/** tar | zstd -T0 of `paths` into `file` (the meta part). */
export async function archivePaths(access: VolumeAccess, paths: string[], file: string): Promise<void> {
  const tar = tarOf(access, paths);
  const zstd = piped(tar, [...ZSTD, '-f', '-o', file], 'ignore');
  await allFinished(finished(tar, 'tar'), finished(zstd, 'zstd'));
}

/**
 * A list file per piece (NUL-separated paths, latin1 as listVolume read them) in a new directory,
 * named by `order` (the piece's place among all, so the script takes them in that order).
 */
function writeLists(pieces: string[][], order: number[] = pieces.map((_, i) => i)): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'setup-buildkit-pieces-'));
  pieces.forEach((paths, i) =>
    fs.writeFileSync(path.join(dir, String(order[i]).padStart(6, '0')), Buffer.from(paths.map((p) => `${p}\0`).join(''), 'latin1')),
  );
  return dir;
}

function piecesScript(access: VolumeAccess, mode: 'hash' | 'cat', lists: string): ChildProcess {
  return spawn(...asRoot(access, ['bash', '-c', PIECES_SCRIPT, 'pieces', mode, access.dir, lists, ...PIECE_TAR]), {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

const HASH_LINE = /^([0-9a-f]{64}) (\d+)$/;

/**
 * How many hashing scripts run at once: one per core. Each is tar into openssl, about 1.3 cores
 * busy at best (tar's reads and headers, openssl's sha256), so one alone leaves a 2-core runner
 * partly idle.
 */
const HASH_JOBS = Math.max(1, Math.min(4, os.availableParallelism()));

/**
 * The pieces' indices split into `jobs` groups of about equal bytes (largest first, each to the
 * lightest group), each group in ascending order.
 */
export function hashGroups(sizes: number[], jobs: number): number[][] {
  const groups = Array.from({ length: Math.max(1, Math.min(jobs, sizes.length)) }, () => ({ bytes: 0, items: [] as number[] }));
  const bySize = sizes.map((_, i) => i).sort((a, b) => sizes[b] - sizes[a] || a - b);
  for (const i of bySize) {
    const lightest = groups.reduce((l, g) => (g.bytes < l.bytes ? g : l));
    lightest.items.push(i);
    lightest.bytes += sizes[i];
  }
  return groups.map((g) => g.items.sort((a, b) => a - b));
}

/** One hashing script over some of the pieces: their digests, in the order of `pieces`. */
async function hashGroup(access: VolumeAccess, pieces: string[][], order: number[]): Promise<PieceDigest[]> {
  const lists = writeLists(pieces, order);
  try {
    const script = piecesScript(access, 'hash', lists);
    let out = '';
    script.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    await finished(script, 'hashing the pieces');
    const lines = out.trim().split('\n');
    const digests = lines.map((line) => HASH_LINE.exec(line)).map((m) => m && { id: m[1], bytes: Number(m[2]) });
    if (digests.length !== pieces.length || digests.some((d) => !d))
      throw new UserError(`hashing the pieces gave ${JSON.stringify(out.slice(0, 200))}`);
    return digests as PieceDigest[];
  } finally {
    fs.rmSync(lists, { recursive: true, force: true });
  }
}

/**
 * Each piece's name (the sha256 of its archive) and its archive's length, computed as root next to
 * the volume, HASH_JOBS scripts at once over groups of about equal bytes: the bytes are read once,
 * from the disk into the hash, and only the names come back (the archive of a new piece reads them
 * again, from the page cache). `pieces` holds each piece's paths and size. The volume must be
 * quiescent: BuildKit stopped.
 */
export async function hashPieces(access: VolumeAccess, pieces: { paths: string[]; size: number }[]): Promise<PieceDigest[]> {
  if (pieces.length === 0) return [];
  const groups = hashGroups(
    pieces.map((p) => p.size),
    HASH_JOBS,
  );
  // Every script ended before a failure is reported: none is left reading the volume.
  const settled = await Promise.allSettled(
    groups.map((g) =>
      hashGroup(
        access,
        g.map((i) => pieces[i].paths),
        g,
      ),
    ),
  );
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  const hashed = settled.map((r) => (r as PromiseFulfilledResult<PieceDigest[]>).value);
  const digests: PieceDigest[] = new Array(pieces.length);
  groups.forEach((g, j) => g.forEach((i, k) => (digests[i] = hashed[j][k])));
  return digests;
}

/**
 * The pieces' archives one after the other (a bundle's archive, state-pieces.ts) | zstd -T0 | split
 * into parts of `partBytes` (state-pieces.ts PART_BYTES): files `<prefix>0000`, `<prefix>0001`, ...
 * whose concatenation is the compressed archive. `pieces` holds each member's paths, in the bundle's
 * order. Returns the parts in order; on a failure none is left.
 */
export async function archiveParts(access: VolumeAccess, pieces: string[][], prefix: string, partBytes: number): Promise<string[]> {
  const lists = writeLists(pieces);
  const tar = piecesScript(access, 'cat', lists);
  const zstd = piped(tar, [...ZSTD, '-c'], 'pipe');
  const split = piped(zstd, ['split', '-b', String(partBytes), '-d', '-a', '4', '-', prefix], 'ignore');
  const dir = path.dirname(prefix);
  const made = () =>
    fs
      .readdirSync(dir)
      .filter((f) => f.startsWith(path.basename(prefix)) && /^\d{4}$/.test(f.slice(path.basename(prefix).length)))
      .sort()
      .map((f) => path.join(dir, f));
  try {
    // All three ended: none writes a part after those made are removed.
    await allFinished(finished(tar, 'archiving the pieces'), finished(zstd, 'zstd'), finished(split, 'split'));
  } catch (err) {
    for (const f of made()) fs.rmSync(f, { force: true });
    throw err;
  } finally {
    fs.rmSync(lists, { recursive: true, force: true });
  }
  return made();
}

/**
 * Unpacks a tar.zst stream into `dir` of a created (not started) container: zstd -d into PUT archive.
 * zstd checks the frame's checksum at its end, so a corrupt or cut piece fails here. A bundle's
 * stream is checked against the names of its `members` on its way (PieceCheck), so a piece whose
 * bytes are not what the manifest names fails too, even when its entry arrived as it was uploaded.
 * What the engine wrote before a failure is for the caller to remove (see emptyVolume).
 */
export async function unpackInto(container: Docker.Container, source: Readable, dir: string, members?: PieceDigest[]): Promise<void> {
  const zstd = spawn('zstd', ['-d', '-c', '-q'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const done = finished(zstd, 'zstd -d');
  // zstd may fail while the engine still reads: awaited below, not an unhandled rejection meanwhile.
  done.catch(() => undefined);
  source.on('error', (err) => zstd.stdin!.destroy(err));
  zstd.stdin!.on('error', () => undefined);
  source.pipe(zstd.stdin!);
  const check = members && zstd.stdout!.pipe(new PieceCheck(members));
  try {
    await container.putArchive(check ?? zstd.stdout!, { path: dir });
  } catch (err) {
    zstd.kill();
    // The engine may refuse the archive before reading it all: what is left in zstd's output pipe is
    // read by nobody, and the process's close would never come while that end is open.
    zstd.stdout!.destroy();
    check?.destroy();
    await done.catch(() => undefined);
    throw new UserError(`unpacking the state into ${dir}: ${engineMessage(err)}`);
  }
  await done;
  if (check?.failure) throw new UserError(check.failure);
}

/**
 * Empties the created container's state volume after a restore that failed half-way: a throwaway
 * container of the same (BuildKit) image, with the volume, removes everything in it. Only the
 * engine can do it for every kind of engine (a remote one too).
 */
export async function emptyVolume(docker: DockerClient, container: Docker.Container, dir: string): Promise<void> {
  const info = await container.inspect();
  const volume = info.Mounts.find((m) => m.Destination === dir)?.Name;
  if (!volume) throw new UserError(`no volume at ${dir} in ${info.Name}`);
  const wiper = await docker.createContainer({
    Image: info.Image,
    Entrypoint: ['/bin/sh', '-c', 'find /state -mindepth 1 -maxdepth 1 -exec rm -rf {} +'],
    Cmd: [],
    Labels: { [OWNER_LABEL]: 'state-wiper' },
    HostConfig: { Binds: [`${volume}:/state`], NetworkMode: 'none' },
  });
  try {
    await wiper.start();
    const { StatusCode } = (await wiper.wait()) as { StatusCode: number };
    if (StatusCode !== 0) throw new UserError(`emptying volume ${volume} failed (exit ${StatusCode})`);
  } finally {
    // v: the image declares a volume at /var/lib/buildkit, which the wiper gets anonymously.
    await wiper.remove({ force: true, v: true }).catch(() => undefined);
  }
}

/** Whether zstd is on PATH (the runner images have it; @actions/cache uses it too). */
export function hasZstd(): boolean {
  return spawnSync('zstd', ['--version'], { stdio: 'ignore' }).status === 0;
}
