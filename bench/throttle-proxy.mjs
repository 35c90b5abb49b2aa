// A TCP proxy that caps the bandwidth from an upstream server to all its clients together, like one
// network link: `node bench/throttle-proxy.mjs LISTEN_PORT UPSTREAM_PORT MB_PER_SECOND`. The QEMU
// benchmark puts it in front of the loopback registry, so that image pulls are bound by the network,
// as on a runner pulling from Docker Hub, instead of by unpacking on a 2-core machine.
import net from 'node:net';
import { Transform } from 'node:stream';

const [listenPort, upstreamPort, mbPerSecond] = process.argv.slice(2).map(Number);
const bytesPerMs = (mbPerSecond * 1e6) / 1000;
// When the shared link is free again: each chunk books its transfer time after the previous one.
let linkFreeAt = 0;

function throttle() {
  return new Transform({
    transform(chunk, _encoding, done) {
      const start = Math.max(Date.now(), linkFreeAt);
      linkFreeAt = start + chunk.length / bytesPerMs;
      setTimeout(() => done(null, chunk), Math.max(0, linkFreeAt - Date.now()));
    },
  });
}

net
  .createServer((client) => {
    const upstream = net.connect(upstreamPort, '127.0.0.1');
    client.pipe(upstream);
    upstream.pipe(throttle()).pipe(client);
    for (const s of [client, upstream]) s.on('error', () => (client.destroy(), upstream.destroy()));
  })
  .listen(listenPort, '127.0.0.1', () => console.log(`listening on 127.0.0.1:${listenPort}`));
