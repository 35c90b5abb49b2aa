// The real Actions cache service v1 on loopback: nektos/act's pkg/artifactcache handler, the one
// `act` embeds, run standalone by __tests__/harness/cache-server (built on demand by
// cache-server.sh into $HARNESS_CACHE/bin). Its URL is what act puts in ACTIONS_CACHE_URL:
// http://127.0.0.1:P/<random token>/ (the token in the path is its only access control).
//
// Behaviour of the real server worth knowing in tests: keys are lowercased, matching is exact
// then prefix (newest first) with an equal version, and it does NOT reject a duplicate key: a
// second save of the same key and version succeeds with a new cache id.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface CacheV1Server {
  /** The value for ACTIONS_CACHE_URL, ending in '/'. */
  url: string;
  /** The server's process id. */
  pid: number;
  /** Its storage: one file per entry under cache/ (removing one evicts the entry: act then answers a miss). */
  dir: string;
  close(): Promise<void>;
}

const BUILD_SCRIPT = fileURLToPath(new URL('../harness/cache-server.sh', import.meta.url));

/** Builds the binary if its source changed (cache-server.sh keeps a stamp) and returns its path. */
export function buildCacheV1Server(): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('bash', [BUILD_SCRIPT], { timeout: 300_000, maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`cache-server.sh failed: ${err.message}\n${stderr}`));
      else resolve(stdout.trim().split('\n').pop() ?? '');
    });
  });
}

export async function startCacheV1Server(opts: { startTimeoutMs?: number } = {}): Promise<CacheV1Server> {
  const bin = await buildCacheV1Server();
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'cache-v1-'));
  const child = spawn(bin, ['-addr', '127.0.0.1', '-port', '0', '-dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  try {
    const url = await firstJsonUrl(child, opts.startTimeoutMs ?? 15_000, () => stderr);
    return {
      url,
      pid: child.pid!,
      dir,
      close: async () => {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
          await exited;
          clearTimeout(timer);
        }
        await fsp.rm(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    child.kill('SIGKILL');
    await exited;
    await fsp.rm(dir, { recursive: true, force: true });
    throw err;
  }
}

function firstJsonUrl(child: ChildProcess, timeoutMs: number, stderr: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    let buf = '';
    const fail = (why: string) => {
      cleanup();
      reject(new Error(`act-cache-server: ${why}\n${stderr()}`));
    };
    const onData = (d: string) => {
      buf += d;
      const nl = buf.indexOf('\n');
      if (nl < 0) return;
      cleanup();
      try {
        const { url } = JSON.parse(buf.slice(0, nl)) as { url?: unknown };
        if (typeof url !== 'string' || !url.endsWith('/')) throw new Error(`bad url ${String(url)}`);
        resolve(url);
      } catch (err) {
        reject(new Error(`act-cache-server: unexpected first line ${JSON.stringify(buf.slice(0, nl))}: ${err}`));
      }
    };
    const onExit = (code: number | null, sig: string | null) => fail(`exited (${code ?? sig}) before listening`);
    const onError = (err: Error) => fail(err.message);
    const timer = setTimeout(() => fail(`no URL within ${timeoutMs} ms`), timeoutMs);
    function cleanup() {
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.off('exit', onExit);
      child.off('error', onError);
    }
    child.stdout!.setEncoding('utf8').on('data', onData);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}
