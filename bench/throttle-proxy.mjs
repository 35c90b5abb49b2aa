// A TCP proxy that caps the bandwidth between an upstream server and all its clients together, like
// one full-duplex network link: `node bench/throttle-proxy.mjs LISTEN_PORT UPSTREAM_PORT MB_PER_SECOND`.
// Each direction has the rate to itself, shared by every connection at once: one download alone gets
// the whole rate, four at once a quarter each, as on a runner whose downloads share its one link.
// MB_PER_SECOND 0 takes the link out of the way (the same hops, no limit). The QEMU benchmark puts it
// in front of the loopback registry, so that image pulls are bound by the network, as on a runner
// pulling from Docker Hub, instead of by unpacking on a 2-core machine; the state benchmarks put it in
// front of the cache server.
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { Transform } from 'node:stream';

const [listenPort, upstreamPort, mbPerSecond] = process.argv.slice(2).map(Number);
const bytesPerMs = (mbPerSecond * 1e6) / 1000;
// What the bucket holds when the link has been idle: a few milliseconds of the rate, so that a timer
// that fires late (1 ms at best, more on a busy machine) costs no rate, yet no burst is worth measuring.
const BURST_MS = 5;

/**
 * One direction of the link: one token bucket that every connection draws from, chunks served first
 * come first served (a connection waits with one chunk at a time, so connections take turns). A
 * chunk goes as soon as the bucket is not in debt and leaves it as much in debt as it is long, so the
 * rate over any stretch is the link's, whatever the chunks' sizes and the timers' precision. (Booking
 * each chunk its own timer, as this proxy did before, held one connection to a chunk per timer tick,
 * below the link's rate: a download alone could not fill the link.)
 */
function link() {
  const waiting = [];
  let tokens = 0;
  let filledAt = performance.now();
  let timer;
  let serving = false;
  const serve = () => {
    timer = undefined;
    serving = true;
    const now = performance.now();
    tokens = Math.min(bytesPerMs * BURST_MS, tokens + (now - filledAt) * bytesPerMs);
    filledAt = now;
    while (waiting.length > 0 && tokens >= 0) {
      const { chunk, done } = waiting.shift();
      tokens -= chunk.length;
      done(null, chunk);
    }
    serving = false;
    if (waiting.length > 0) timer = setTimeout(serve, -tokens / bytesPerMs);
  };
  return () =>
    new Transform({
      transform(chunk, _encoding, done) {
        waiting.push({ chunk, done });
        if (!timer && !serving) serve();
      },
    });
}

const down = mbPerSecond > 0 ? link() : () => new Transform({ transform: (chunk, _encoding, done) => done(null, chunk) });
const up = mbPerSecond > 0 ? link() : down;

net
  .createServer((client) => {
    const upstream = net.connect(upstreamPort, '127.0.0.1');
    client.pipe(up()).pipe(upstream);
    upstream.pipe(down()).pipe(client);
    for (const s of [client, upstream]) s.on('error', () => (client.destroy(), upstream.destroy()));
  })
  .listen(listenPort, '127.0.0.1', () => console.log(`listening on 127.0.0.1:${listenPort}`));
