import * as net from 'node:net';

import { cacheServiceDown, cacheWriteRefusal } from '../../src/actions-cache/service.js';

/** A TCP port on loopback that takes connections, and one that refuses them (its listener closed). */
let open: net.Server;
let openUrl: string;
let closedUrl: string;

async function listen(): Promise<net.Server> {
  const server = net.createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

const port = (server: net.Server) => (server.address() as net.AddressInfo).port;

beforeAll(async () => {
  open = await listen();
  openUrl = `http://127.0.0.1:${port(open)}/`;
  const closed = await listen();
  closedUrl = `http://127.0.0.1:${port(closed)}/_apis/artifactcache/`;
  await new Promise((resolve) => closed.close(resolve));
});
afterAll(() => open.close());

describe('cacheServiceDown', () => {
  test('a service whose address takes connections is not down (protocol 1 and 2 addresses)', async () => {
    await expect(cacheServiceDown({ ACTIONS_CACHE_URL: openUrl })).resolves.toBeUndefined();
    await expect(cacheServiceDown({ ACTIONS_RESULTS_URL: openUrl })).resolves.toBeUndefined();
  });

  test('an address that refuses: down, naming the origin and the error, never the path', async () => {
    const down = await cacheServiceDown({ ACTIONS_CACHE_URL: closedUrl });
    expect(down).toBe(`the cache service does not take connections (${new URL(closedUrl).origin}: ECONNREFUSED)`);
  });

  test('down only when every address the runner gave refuses', async () => {
    await expect(cacheServiceDown({ ACTIONS_CACHE_URL: closedUrl, ACTIONS_RESULTS_URL: openUrl })).resolves.toBeUndefined();
    await expect(cacheServiceDown({ ACTIONS_CACHE_URL: closedUrl, ACTIONS_RESULTS_URL: closedUrl })).resolves.toMatch(
      /ECONNREFUSED, .*ECONNREFUSED\)$/,
    );
  });

  test('behind a proxy nothing is dialled: never down', async () => {
    for (const proxy of ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY']) {
      await expect(cacheServiceDown({ ACTIONS_CACHE_URL: closedUrl, [proxy]: 'http://proxy.internal:3128' })).resolves.toBeUndefined();
    }
  });

  test('no address, or one that is not a URL: left to @actions/cache', async () => {
    await expect(cacheServiceDown({})).resolves.toBeUndefined();
    await expect(cacheServiceDown({ ACTIONS_CACHE_URL: 'not a url' })).resolves.toBeUndefined();
  });

  test('an unknown host is down with its resolver error (or the timeout, where the resolver does not answer)', async () => {
    await expect(cacheServiceDown({ ACTIONS_CACHE_URL: 'https://cache.invalid/' })).resolves.toMatch(
      /^the cache service does not take connections \(https:\/\/cache\.invalid: (ENOTFOUND|EAI_AGAIN|no connection in 5 s)\)$/,
    );
  });
});

describe('cacheWriteRefusal', () => {
  test.each(['read', 'none', ' READ '])('cache mode %j forbids saving, with the mode named', (mode) => {
    expect(cacheWriteRefusal({ ACTIONS_CACHE_MODE: mode })).toBe(
      `the runner's cache mode is '${mode.trim().toLowerCase()}', which does not permit saving`,
    );
  });

  test.each([undefined, '', 'write', 'write-only', 'something-new'])('cache mode %j permits saving', (mode) => {
    expect(cacheWriteRefusal(mode === undefined ? {} : { ACTIONS_CACHE_MODE: mode })).toBeUndefined();
  });
});
