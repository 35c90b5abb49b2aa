/**
 * A docker/buildx release page on a loopback port, laid out as github.com/docker/buildx/releases
 * and so usable as `buildx-mirror`: `/download/<tag>/<asset>` under the release's own asset names
 * (the buildx binary the harness built, as `buildx-<tag>.linux-amd64`), `/download/<tag>/checksums.txt`
 * in sha256sum's format, and `/latest` with the GitHub API's JSON for the release (or, with
 * `latest: 'redirect'`, a 302 to `/tag/<tag>` as github.com answers). Faults on demand: a wrong
 * checksum, or a binary download cut half-way through its declared length.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

import { HARNESS_BIN, sh } from './engine.js';

export const BUILDX_BINARY = path.join(HARNESS_BIN, 'docker-buildx');

/** The release the harness built (its version stamp). */
export function harnessBuildxTag(): string {
  return (JSON.parse(sh(BUILDX_BINARY, ['docker-cli-plugin-metadata'])) as { Version: string }).Version;
}

export interface ReleaseServer {
  url: string;
  tag: string;
  asset: string;
  sha256: string;
  /** Request paths, in order. */
  requests: string[];
  /** Faults for the requests to come. */
  faults: { wrongChecksum?: boolean; cutDownloads?: number; latest?: 'json' | 'redirect' };
  close(): Promise<void>;
}

export async function startReleaseServer(): Promise<ReleaseServer> {
  const tag = harnessBuildxTag();
  const asset = `buildx-${tag}.linux-amd64`;
  const binary = fs.readFileSync(BUILDX_BINARY);
  const sha256 = createHash('sha256').update(binary).digest('hex');
  const requests: string[] = [];
  const faults: ReleaseServer['faults'] = {};
  const server = http.createServer((req, res) => {
    const url = req.url ?? '';
    requests.push(url);
    if (url === '/latest') {
      if (faults.latest === 'redirect') {
        res.writeHead(302, { location: `/tag/${tag}` }).end();
      } else {
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ tag_name: tag, name: tag, draft: false, prerelease: false }));
      }
    } else if (url === `/download/${tag}/checksums.txt`) {
      const sum = faults.wrongChecksum ? createHash('sha256').update('not the binary').digest('hex') : sha256;
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`${'0'.repeat(64)}  buildx-${tag}.darwin-arm64\n${sum}  ${asset}\n`);
    } else if (url === `/download/${tag}/${asset}`) {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': binary.length });
      if (faults.cutDownloads && faults.cutDownloads > 0) {
        faults.cutDownloads--;
        // Half of the declared length, then the connection drops.
        res.write(binary.subarray(0, binary.length >> 1), () => res.socket?.destroy());
      } else {
        res.end(binary);
      }
    } else {
      res.writeHead(404).end('Not Found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    tag,
    asset,
    sha256,
    requests,
    faults,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
