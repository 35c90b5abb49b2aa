// A TCP proxy that caps the bandwidth between an upstream server and all its clients together, like
// one full-duplex network link: `node bench/throttle-proxy.mjs LISTEN_PORT UPSTREAM_PORT MB_PER_SECOND`.
// Each direction has the rate to itself. The QEMU benchmark puts it in front of the loopback registry,
// so that image pulls are bound by the network, as on a runner pulling from Docker Hub, instead of by
// unpacking on a 2-core machine; the state benchmarks put it in front of the cache server.
import net from 'node:net';
import { Transform } from 'node:stream';

const [listenPort, upstreamPort, mbPerSecond] = process.argv.slice(2).map(Number);
const bytesPerMs = (mbPerSecond * 1e6) / 1000;

/** One direction of the link: each chunk books its transfer time after the previous one's. */
function link() {
  let freeAt = 0;
  return () =>
    new Transform({
      transform(chunk, _encoding, done) {
        const start = Math.max(Date.now(), freeAt);
        freeAt = start + chunk.length / bytesPerMs;
        setTimeout(() => done(null, chunk), Math.max(0, freeAt - Date.now()));
      },
    });
}
const down = link();
const up = link();

net
  .createServer((client) => {
    const upstream = net.connect(upstreamPort, '127.0.0.1');
    client.pipe(up()).pipe(upstream);
    upstream.pipe(down()).pipe(client);
    for (const s of [client, upstream]) s.on('error', () => (client.destroy(), upstream.destroy()));
  })
  .listen(listenPort, '127.0.0.1', () => console.log(`listening on 127.0.0.1:${listenPort}`));
