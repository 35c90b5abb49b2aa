/**
 * The state volume as one zstd-compressed tar, faithful to what overlayfs snapshots need: whiteout
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
import type Docker from 'dockerode';
import { UserError } from './errors.js';
import { engineMessage, isLocalEngine } from './docker.js';
import type { DockerClient } from './docker-client.js';

/** Where the volume can be read faithfully from this process. */
export interface VolumeAccess {
  dir: string;
  /** Run tar through `sudo -n` (not root, passwordless sudo). */
  sudo: boolean;
}

/** GNU tar's flags for a faithful copy: pax headers carry the xattrs of every namespace. */
const TAR_FLAGS = ['--format=posix', '--xattrs', "--xattrs-include=*", '--numeric-owner', '-S'];

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

/** tar | zstd -T0 into `file`. The volume must be quiescent: BuildKit stopped. */
export async function archiveVolume(access: VolumeAccess, file: string): Promise<void> {
  const tarArgs = ['tar', ...TAR_FLAGS, '-C', access.dir, '-cf', '-', '.'];
  const [cmd, ...args] = access.sudo ? ['sudo', '-n', ...tarArgs] : tarArgs;
  const tar = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  // tar's output pipe becomes zstd's input as it is: the bytes go from one process to the other
  // without passing through this one (which costs about a fifth more time on a few hundred MB).
  const zstd = spawn('zstd', ['-T0', '-3', '-q', '-f', '-o', file], { stdio: [tar.stdout!, 'ignore', 'pipe'] });
  // zstd holds its own copy of the pipe; this process's copy would only keep tar's end waiting.
  tar.stdout!.destroy();
  await Promise.all([finished(tar, 'tar'), finished(zstd, 'zstd')]);
}

/**
 * Checks the archive end to end (zstd's frame checksum) before anything is written: a truncated or
 * corrupt download must not leave half a state in the volume, which could not be emptied again
 * through the API.
 */
export async function verifyArchive(file: string): Promise<void> {
  await finished(spawn('zstd', ['-t', '-q', file], { stdio: ['ignore', 'ignore', 'pipe'] }), 'checking the state archive');
}

/** Unpacks the archive into `dir` of a created (not started) container, streaming zstd -d into PUT archive. */
export async function unpackInto(container: Docker.Container, file: string, dir: string): Promise<void> {
  const zstd = spawn('zstd', ['-d', '-c', '-q', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  const done = finished(zstd, 'zstd -d');
  try {
    await container.putArchive(zstd.stdout!, { path: dir });
  } catch (err) {
    zstd.kill();
    await done.catch(() => undefined);
    throw new UserError(`unpacking the state into ${dir}: ${engineMessage(err)}`);
  }
  await done;
}

/** Whether zstd is on PATH (the runner images have it; @actions/cache uses it too). */
export function hasZstd(): boolean {
  return spawnSync('zstd', ['--version'], { stdio: 'ignore' }).status === 0;
}
