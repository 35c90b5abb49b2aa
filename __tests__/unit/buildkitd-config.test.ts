import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import TOML from '@iarna/toml';

import { CONFIG_LIMIT, loadBuildkitdConfig, sanitizeRegistryHost } from '../../src/inputs/buildkitd-config.js';
import { InputError, UserError } from '../../src/util/errors.js';

let cwd: string;

beforeAll(() => {
  cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'bkconf-'));
  const write = (rel: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(cwd, rel)), { recursive: true });
    fs.writeFileSync(path.join(cwd, rel), text);
  };
  write('certs/ca.pem', 'CA-1\n');
  write('certs/client.crt', 'CERT-1\n');
  write('certs/client.key', '-----BEGIN PRIVATE KEY-----\nSECRET-KEY-1\n-----END PRIVATE KEY-----\n');
  write('other/ca2.pem', 'CA-2\n');
  write('other/ca.pem', 'A DIFFERENT CA\n');
  write('conf/buildkitd.toml', 'debug = true\n[registry."docker.io"]\nmirrors = ["mirror.gcr.io"]\n');
  write('conf/bad.toml', 'debug = true\n[worker.oci\n');
  write('big.toml', `# ${'x'.repeat(CONFIG_LIMIT)}\n`);
  fs.mkdirSync(path.join(cwd, 'adir'));
});

afterAll(() => {
  fs.rmSync(cwd, { recursive: true, force: true });
});

const inline = (text: string) => loadBuildkitdConfig({ inline: text, cwd });
const toml = (files: Record<string, Buffer>) => TOML.parse(files['buildkitd.toml']!.toString('utf8')) as Record<string, any>;

/** Runs fn, expects a UserError, checks it is one line, returns the message. */
function userError(fn: () => unknown): string {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(UserError);
  const message = (caught as Error).message;
  expect(message).not.toMatch(/[\r\n]/);
  expect(message).not.toMatch(/\bat .*\.(ts|js):\d+/);
  return message;
}

describe('sanitizeRegistryHost', () => {
  it.each([
    ['myregistry.io:5000', 'myregistry.io_5000'],
    ['docker.io', 'docker.io'],
    ['my-reg.example.com', 'my-reg.example.com'],
    ['[::1]:5000', '_1_5000'],
    ['a/b c', 'a_b_c'],
  ])('%s → %s', (host, want) => {
    expect(sanitizeRegistryHost(host)).toBe(want);
  });
});

describe('which input', () => {
  it('returns undefined when neither input is set', () => {
    expect(loadBuildkitdConfig({ cwd })).toBeUndefined();
    expect(loadBuildkitdConfig({ path: '', inline: '', cwd })).toBeUndefined();
    expect(loadBuildkitdConfig({ inline: '  \n', cwd })).toBeUndefined();
  });

  it('refuses both inputs, naming both', () => {
    let caught: unknown;
    try {
      loadBuildkitdConfig({ path: 'conf/buildkitd.toml', inline: 'debug = true', cwd });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(InputError);
    const message = (caught as Error).message;
    expect(message).toContain('"buildkitd-config"');
    expect(message).toContain('"buildkitd-config-inline"');
    expect(message).toContain('conf/buildkitd.toml');
    expect(message).not.toMatch(/\n/);
  });

  it('reads a relative path against cwd', () => {
    const cfg = loadBuildkitdConfig({ path: 'conf/buildkitd.toml', cwd })!;
    expect(cfg.debug).toBe(true);
    expect(cfg.dockerHubMirrors).toEqual(['mirror.gcr.io']);
  });

  it('reads an absolute path', () => {
    const cfg = loadBuildkitdConfig({ path: path.join(cwd, 'conf/buildkitd.toml'), cwd: '/' })!;
    expect(cfg.debug).toBe(true);
  });

  it('names the input and path when the file is missing', () => {
    const message = userError(() => loadBuildkitdConfig({ path: 'conf/nope.toml', cwd }));
    expect(message).toContain('"buildkitd-config"');
    expect(message).toContain('"conf/nope.toml"');
    expect(message).toContain(path.join(cwd, 'conf/nope.toml'));
    expect(message).toContain('no such file');
  });

  it('refuses a directory', () => {
    const message = userError(() => loadBuildkitdConfig({ path: 'adir', cwd }));
    expect(message).toContain('"buildkitd-config"');
    expect(message).toContain('directory');
  });

  it('refuses a device rather than reading forever', () => {
    const message = userError(() => loadBuildkitdConfig({ path: '/dev/zero', cwd }));
    expect(message).toContain('not a regular file');
  });

  it('refuses a file over 1 MiB instead of cutting it like buildx', () => {
    const message = userError(() => loadBuildkitdConfig({ path: 'big.toml', cwd }));
    expect(message).toContain('"buildkitd-config"');
    expect(message).toContain('1 MiB');
  });

  it('refuses an inline config over 1 MiB', () => {
    const message = userError(() => inline(`# ${'x'.repeat(CONFIG_LIMIT)}\n`));
    expect(message).toContain('"buildkitd-config-inline"');
    expect(message).toContain('1 MiB');
  });
});

describe('syntax errors', () => {
  it('gives the input, line and column (1-based) for inline TOML', () => {
    const message = userError(() => inline('debug = true\nx = [1,\n'));
    expect(message).toMatch(/^input "buildkitd-config-inline": TOML syntax error at line \d+, column \d+: /);
  });

  it('counts lines and columns from 1', () => {
    // "Can't redefine existing key" points at the second `a` (line 2, column 1).
    const message = userError(() => inline('a = 1\na = 2\n'));
    expect(message).toContain('at line 2, column');
    const col = Number(/column (\d+)/.exec(message)![1]);
    expect(col).toBeGreaterThanOrEqual(1);
    const unterminated = userError(() => inline('[worker.oci\n'));
    expect(unterminated).toContain('line 1, column');
  });

  it('names the file for a path input', () => {
    const message = userError(() => loadBuildkitdConfig({ path: 'conf/bad.toml', cwd }));
    expect(message).toContain('"buildkitd-config"');
    expect(message).toContain(path.join(cwd, 'conf/bad.toml'));
    expect(message).toMatch(/line 2, column \d+/);
  });
});

describe('keys that would trip the TOML parser', () => {
  // @iarna/toml resolves such keys through the prototype chain and writes into built-ins.
  it.each([
    ['[constructor]\nplatforms = "x"', '"constructor"'],
    ['[hasOwnProperty]\ncall = 1', '"hasOwnProperty"'],
    ['debug = true\ntoString.x = 1', '"toString"'],
    ['[worker.oci]\nvalueOf = { a = 1 }', '"valueOf"'],
    ['[registry."docker.io"]\nmirrors = ["m"]\n[registry."constructor"]\nhttp = true', '"constructor"'],
    ["[registry.'toString']\nhttp = true", '"toString"'],
    ['x = { y = { toString = 1 } }', '"toString"'],
    ['x = [ { a = 1 }, { constructor = 2 } ]', '"constructor"'],
    ['[[worker.oci.gcpolicy]]\n  isPrototypeOf = true', '"isPrototypeOf"'],
    ['a . constructor . b = 1', '"constructor"'],
  ])('refuses the key in %j', (text, name) => {
    const message = userError(() => inline(text));
    expect(message).toContain(`the key ${name} cannot be used`);
    expect(message).toMatch(/: line \d+: /);
  });

  it('refuses a key spelled with escapes, as the parser decodes it', () => {
    const message = userError(() => inline('debug = true\n["\\u0063onstructor"]\nx = 1'));
    expect(message).toContain('line 2: the key "constructor"');
  });

  it.each([
    '# the constructor runs first\ndebug = true',
    'debug = true # toString, __proto__ and constructor in a comment',
    '[registry."docker.io"]\nmirrors = ["mirror.example/toString", "constructor.example"]',
    "[registry.'docker.io']\nmirrors = ['a/__proto__']",
    'x = """\n[constructor]\ntoString = 1\n"""',
    "x = '''\n[hasOwnProperty]\ncall = 1\n'''",
    'x = "say \\"constructor = 1\\""',
    'x = [\n  "toString", # constructor\n  { ok = "constructor" },\n]',
    'when = 1979-05-27 07:32:00Z # toString',
  ])('accepts the words in comments and values: %j', (text) => {
    expect(inline(text)).toBeDefined();
    expect(Object.hasOwn(Object, 'call') || Object.hasOwn(Object, 'toString')).toBe(false);
  });

  it('keeps a key named __proto__ an own key at every depth, the prototype untouched', () => {
    const cfg = inline('[__proto__]\nx = 1\n[a]\n__proto__.polluted = 1\n[b]\nc = { __proto__ = { polluted = 2 } }')!;
    const doc = toml(cfg.files);
    expect(Object.keys(doc).sort()).toEqual(['__proto__', 'a', 'b']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('past what the key reader follows, the names are refused anywhere, as before', () => {
    const message = userError(() => inline('debug = true\nnot toml at all\n# constructor'));
    expect(message).toContain('line 3: the key "constructor"');
    // An escape there could spell a name.
    expect(userError(() => inline('x = 1\n= 2\n"\\u0063" = 2'))).toContain('write "c" as itself');
    // Nothing before the unreadable line is refused for a word in a comment.
    expect(userError(() => inline('# constructor\nnot toml'))).toContain('TOML syntax error');
  });

  it('leaves built-ins untouched and later parses working', () => {
    for (const text of ['[constructor]\nplatforms = "x"', '[hasOwnProperty]\ncall = 1']) {
      expect(() => inline(text)).toThrow(UserError);
    }
    expect((Object as unknown as Record<string, unknown>).platforms).toBeUndefined();
    expect(inline('debug = true')!.debug).toBe(true);
  });

  it('allows the names inside longer words, and non-ASCII escapes', () => {
    const cfg = inline('[registry."myconstructor.io"]\nmirrors = ["valueOfThings.example.com", "\\u00e9.example"]')!;
    expect(toml(cfg.files).registry['myconstructor.io'].mirrors).toEqual(['valueOfThings.example.com', '\u00e9.example']);
  });
});

describe('numbers the TOML writer cannot write back', () => {
  it.each([
    ['extra = 1e-7', 'extra'],
    ['[worker.oci]\nsomeFloat = 3e-323', 'worker.oci.someFloat'],
    ['x = [1.5, 1e300]', 'x[1]'],
    ['big = 1e20', 'big'],
  ])('refuses %j', (text, key) => {
    expect(userError(() => inline(text))).toContain(`: ${key}: the number `);
  });

  it('keeps ordinary floats, nan and inf under unknown keys', () => {
    const cfg = inline('a = 1.5\nb = -0.25\nc = nan\nd = -inf\ne = 1_000')!;
    const doc = toml(cfg.files);
    expect(doc).toMatchObject({ a: 1.5, b: -0.25, d: -Infinity, e: 1000 });
    expect(doc.c).toBeNaN();
  });
});

describe('type validation', () => {
  it.each([
    ['debug = "yes"', 'debug', 'a boolean'],
    ['trace = 1', 'trace', 'a boolean'],
    ['root = 1', 'root', 'a string'],
    ['insecure-entitlements = "network.host"', 'insecure-entitlements', 'an array of strings'],
    ['insecure-entitlements = ["network.host", 1]', 'insecure-entitlements[1]', 'a string'],
    ['[grpc]\naddress = "tcp://0.0.0.0:1234"', 'grpc.address', 'an array of strings'],
    ['grpc = 1', 'grpc', 'a table'],
    ['[worker.oci]\nenabled = "true"', 'worker.oci.enabled', 'a boolean'],
    ['[worker.oci]\ngc = 1', 'worker.oci.gc', 'a boolean'],
    ['[worker.oci]\nrootless = "no"', 'worker.oci.rootless', 'a boolean'],
    ['[worker.oci]\nnoProcessSandbox = 0', 'worker.oci.noProcessSandbox', 'a boolean'],
    ['[worker.oci]\nmax-parallelism = "4"', 'worker.oci.max-parallelism', 'an integer'],
    ['[worker.oci]\nmax-parallelism = 4.5', 'worker.oci.max-parallelism', 'an integer'],
    ['[worker.oci]\nplatforms = "linux/amd64"', 'worker.oci.platforms', 'an array of strings'],
    ['[worker.oci]\nsnapshotter = true', 'worker.oci.snapshotter', 'a string'],
    ['[worker.oci]\ngckeepstorage = true', 'worker.oci.gckeepstorage', 'an integer (bytes) or a string'],
    ['[worker.oci]\nreservedSpace = [1]', 'worker.oci.reservedSpace', 'an integer (bytes) or a string'],
    ['[worker.oci]\nmaxUsedSpace = 1.5', 'worker.oci.maxUsedSpace', 'an integer (bytes) or a string'],
    ['[worker.oci]\nminFreeSpace = false', 'worker.oci.minFreeSpace', 'an integer (bytes) or a string'],
    ['[worker.oci]\ngcpolicy = 1', 'worker.oci.gcpolicy', 'an array of tables'],
    ['[worker.oci]\ngcpolicy = [1]', 'worker.oci.gcpolicy[0]', 'a table'],
    ['[[worker.oci.gcpolicy]]\nkeepBytes = true', 'worker.oci.gcpolicy[0].keepBytes', 'an integer (bytes) or a string'],
    [
      '[[worker.oci.gcpolicy]]\nall = true\n[[worker.oci.gcpolicy]]\nfilters = "x"',
      'worker.oci.gcpolicy[1].filters',
      'an array of strings',
    ],
    ['[worker.containerd]\nenabled = 1', 'worker.containerd.enabled', 'a boolean'],
    ['[worker.containerd]\nmax-parallelism = "4"', 'worker.containerd.max-parallelism', 'an integer'],
    [
      '[[worker.containerd.gcpolicy]]\nkeepDuration = true',
      'worker.containerd.gcpolicy[0].keepDuration',
      'an integer (seconds) or a string',
    ],
    ['registry = 1', 'registry', 'a table'],
    ['registry = { "docker.io" = 1 }', 'registry."docker.io"', 'a table'],
    ['[registry."docker.io"]\nmirrors = "x"', 'registry."docker.io".mirrors', 'an array of strings'],
    ['[registry."docker.io"]\nhttp = "true"', 'registry."docker.io".http', 'a boolean'],
    ['[registry."docker.io"]\ninsecure = 1', 'registry."docker.io".insecure', 'a boolean'],
    ['[registry."r.io:5000"]\nca = "ca.pem"', 'registry."r.io:5000".ca', 'an array of strings'],
    ['[registry."r.io"]\nkeypair = { key = "k", cert = "c" }', 'registry."r.io".keypair', 'an array of tables'],
    ['[[registry."r.io".keypair]]\nkey = 1\ncert = "c"', 'registry."r.io".keypair[0].key', 'a string'],
    ['[[registry."r.io".keypair]]\ncert = ["c"]', 'registry."r.io".keypair[0].cert', 'a string'],
    ['[dns]\nnameservers = "1.1.1.1"', 'dns.nameservers', 'an array of strings'],
    ['[dns]\noptions = [1]', 'dns.options[0]', 'a string'],
    ['[dns]\nsearchDomains = "a"', 'dns.searchDomains', 'an array of strings'],
    ['[history]\nmaxAge = true', 'history.maxAge', 'an integer (seconds) or a string'],
    ['[history]\nmaxEntries = "50"', 'history.maxEntries', 'an integer'],
  ])('%j → %s', (text, key, expected) => {
    const message = userError(() => inline(text));
    expect(message).toContain(`input "buildkitd-config-inline": ${key}: expected ${expected}`);
    expect(message).toContain(', got ');
  });

  it('shows the bad value for mirrors = "x"', () => {
    const message = userError(() => inline('[registry."docker.io"]\nmirrors = "x"'));
    expect(message).toBe('input "buildkitd-config-inline": registry."docker.io".mirrors: expected an array of strings, got a string "x"');
  });

  it('shows the bad value for max-parallelism = "4"', () => {
    const message = userError(() => inline('[worker.oci]\nmax-parallelism = "4"'));
    expect(message).toBe('input "buildkitd-config-inline": worker.oci.max-parallelism: expected an integer, got a string "4"');
  });

  it('accepts the right types and ignores unknown keys', () => {
    const cfg = inline(`
debug = true
trace = false
root = "/var/lib/buildkit"
insecure-entitlements = ["network.host", "security.insecure"]
somethingNew = { a = 1 }
[grpc]
address = ["tcp://0.0.0.0:1234"]
[worker.oci]
enabled = true
gc = true
rootless = false
noProcessSandbox = false
max-parallelism = 4
platforms = ["linux/amd64", "linux/arm64"]
snapshotter = "overlayfs"
gckeepstorage = 9000
reservedSpace = "10%"
maxUsedSpace = "20GB"
minFreeSpace = 1000000
unknownWorkerKey = "fine"
[[worker.oci.gcpolicy]]
keepBytes = "512MB"
keepDuration = "48h"
filters = ["type==source.local"]
[[worker.oci.gcpolicy]]
all = true
keepBytes = 1024
keepDuration = 3600
[worker.containerd]
enabled = false
[dns]
nameservers = ["1.1.1.1"]
options = ["edns0"]
searchDomains = ["example.com"]
[history]
maxAge = "48h"
maxEntries = 50
`)!;
    expect(cfg.debug).toBe(true);
    expect(cfg.insecureEntitlements).toEqual(['network.host', 'security.insecure']);
    const doc = toml(cfg.files);
    expect(doc.worker.oci['max-parallelism']).toBe(4);
    expect(doc.worker.oci.gcpolicy).toHaveLength(2);
    expect(doc.somethingNew).toEqual({ a: 1 });
    expect(cfg.secrets).toEqual([]);
    expect(Object.keys(cfg.files)).toEqual(['buildkitd.toml']);
  });

  it('takes the spec example as is', () => {
    const cfg = inline('debug = true\n[registry."docker.io"]\n  mirrors = ["mirror.gcr.io"]\n')!;
    expect(cfg.debug).toBe(true);
    expect(cfg.dockerHubMirrors).toEqual(['mirror.gcr.io']);
    expect(cfg.insecureEntitlements).toEqual([]);
    expect(toml(cfg.files)).toEqual({ debug: true, registry: { 'docker.io': { mirrors: ['mirror.gcr.io'] } } });
  });
});

describe('registry certificate files', () => {
  it('rewrites ca and keypair paths for a host with a port, reading relative paths against cwd', () => {
    const cfg = inline(`
debug = true
[registry."myregistry.io:5000"]
  ca = ["certs/ca.pem"]
  [[registry."myregistry.io:5000".keypair]]
    key = "certs/client.key"
    cert = "${path.join(cwd, 'certs/client.crt')}"
`)!;
    const dir = 'certs/myregistry.io_5000';
    expect(Object.keys(cfg.files).sort()).toEqual(['buildkitd.toml', `${dir}/ca.pem`, `${dir}/client.crt`, `${dir}/client.key`]);
    expect(cfg.files[`${dir}/ca.pem`]!.toString()).toBe('CA-1\n');
    expect(cfg.files[`${dir}/client.crt`]!.toString()).toBe('CERT-1\n');
    expect(cfg.files[`${dir}/client.key`]!.toString()).toContain('SECRET-KEY-1');
    const doc = toml(cfg.files);
    expect(doc.debug).toBe(true);
    expect(doc.registry['myregistry.io:5000']).toEqual({
      ca: [`/etc/buildkit/${dir}/ca.pem`],
      keypair: [{ key: `/etc/buildkit/${dir}/client.key`, cert: `/etc/buildkit/${dir}/client.crt` }],
    });
  });

  it('puts the key file contents, and only those, in secrets', () => {
    const cfg = inline(
      '[[registry."r.io".keypair]]\nkey = "certs/client.key"\ncert = "certs/client.crt"\n[registry."s.io"]\nca = ["certs/ca.pem"]',
    )!;
    expect(cfg.secrets).toEqual([fs.readFileSync(path.join(cwd, 'certs/client.key'), 'utf8')]);
  });

  it('handles several registries, each under its own directory', () => {
    const cfg = inline(`
[registry."docker.io"]
mirrors = ["https://mirror.gcr.io/", "mirror.example.com:5000/dockerhub"]
[registry."a.example.com"]
ca = ["certs/ca.pem", "other/ca2.pem"]
http = true
[registry."b.example.com:443"]
ca = ["other/ca.pem"]
insecure = true
`)!;
    expect(Object.keys(cfg.files).sort()).toEqual([
      'buildkitd.toml',
      'certs/a.example.com/ca.pem',
      'certs/a.example.com/ca2.pem',
      'certs/b.example.com_443/ca.pem',
    ]);
    expect(cfg.files['certs/b.example.com_443/ca.pem']!.toString()).toBe('A DIFFERENT CA\n');
    const doc = toml(cfg.files);
    expect(doc.registry['a.example.com']).toEqual({
      ca: ['/etc/buildkit/certs/a.example.com/ca.pem', '/etc/buildkit/certs/a.example.com/ca2.pem'],
      http: true,
    });
    expect(doc.registry['b.example.com:443']).toEqual({ ca: ['/etc/buildkit/certs/b.example.com_443/ca.pem'], insecure: true });
    // Mirrors stay as written in the TOML; the summary is host[:port][/path].
    expect(doc.registry['docker.io'].mirrors).toEqual(['https://mirror.gcr.io/', 'mirror.example.com:5000/dockerhub']);
    expect(cfg.dockerHubMirrors).toEqual(['mirror.gcr.io', 'mirror.example.com:5000/dockerhub']);
  });

  it('leaves empty keypair fields alone, as buildx does', () => {
    const cfg = inline('[[registry."r.io".keypair]]\nkey = ""\ncert = "certs/client.crt"')!;
    expect(toml(cfg.files).registry['r.io'].keypair).toEqual([{ key: '', cert: '/etc/buildkit/certs/r.io/client.crt' }]);
    expect(cfg.secrets).toEqual([]);
  });

  it('refuses two different files with the same name for one registry', () => {
    const message = userError(() => inline('[registry."r.io"]\nca = ["certs/ca.pem", "other/ca.pem"]'));
    expect(message).toContain('registry "r.io" ca[1]');
    expect(message).toContain('same file name');
  });

  it.each([
    ['[registry."myregistry.io:5000"]\nca = ["certs/missing-ca.pem"]', 'registry "myregistry.io:5000" ca[0]', 'certs/missing-ca.pem'],
    ['[registry."r.io"]\nca = ["certs/ca.pem", "nope/ca3.pem"]', 'registry "r.io" ca[1]', 'nope/ca3.pem'],
    [
      '[[registry."r.io".keypair]]\nkey = "certs/missing.key"\ncert = "certs/client.crt"',
      'registry "r.io" keypair[0].key',
      'certs/missing.key',
    ],
    [
      '[[registry."r.io".keypair]]\nkey = "certs/client.key"\ncert = "certs/missing.crt"',
      'registry "r.io" keypair[0].cert',
      'certs/missing.crt',
    ],
  ])('names the registry, field and file when a file is missing: %j', (text, where, file) => {
    const message = userError(() => inline(text));
    expect(message).toContain('input "buildkitd-config-inline"');
    expect(message).toContain(where);
    expect(message).toContain(`"${file}"`);
    expect(message).toContain(path.join(cwd, file));
    expect(message).toContain('no such file');
  });

  it('names the path input too when a cert file is missing', () => {
    fs.writeFileSync(path.join(cwd, 'conf/missing-ca.toml'), '[registry."r.io"]\nca = ["/nonexistent/ca.pem"]\n');
    const message = userError(() => loadBuildkitdConfig({ path: 'conf/missing-ca.toml', cwd }));
    expect(message).toContain('input "buildkitd-config"');
    expect(message).toContain('registry "r.io" ca[0]');
    expect(message).toContain('"/nonexistent/ca.pem"');
  });

  it('refuses an empty ca path and a directory', () => {
    expect(userError(() => inline('[registry."r.io"]\nca = [""]'))).toContain('registry "r.io" ca[0]: the path is empty');
    expect(userError(() => inline('[registry."r.io"]\nca = ["adir"]'))).toContain('directory');
  });

  it('keeps a path with a newline on one line in the error', () => {
    const message = userError(() => inline('[registry."r.io"]\nca = ["a\\nb.pem"]'));
    expect(message).toContain('"a\\nb.pem"');
  });
});

describe('output', () => {
  it('digest is the sha256 of buildkitd.toml and changes with the content', () => {
    const a = inline('debug = true')!;
    const b = inline('debug = false')!;
    const a2 = inline('# a comment\ndebug   =   true\n')!;
    expect(a.digest).toBe(createHash('sha256').update(a.files['buildkitd.toml']!).digest('hex'));
    expect(a.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(b.digest).not.toBe(a.digest);
    // Formatting and comments are lost in the rewrite, so they don't change the digest.
    expect(a2.digest).toBe(a.digest);
  });

  it('gives the same result for the same config from a file and inline', () => {
    const fromFile = loadBuildkitdConfig({ path: 'conf/buildkitd.toml', cwd })!;
    const fromInline = inline(fs.readFileSync(path.join(cwd, 'conf/buildkitd.toml'), 'utf8'))!;
    expect(fromFile.digest).toBe(fromInline.digest);
    expect(fromFile.files['buildkitd.toml']!.equals(fromInline.files['buildkitd.toml']!)).toBe(true);
  });

  it('reports debug only when it is true', () => {
    expect(inline('trace = true')!.debug).toBe(false);
    expect(inline('debug = false')!.debug).toBe(false);
  });

  it('an empty (comment-only) inline config is a config', () => {
    const cfg = inline('# nothing\n')!;
    expect(cfg.files['buildkitd.toml']!.length).toBe(0);
    expect(cfg.dockerHubMirrors).toEqual([]);
  });

  it('re-serializes keys that need quoting and a registry named __proto__', () => {
    const cfg = inline('[registry."__proto__"]\nmirrors = ["m"]\n[registry."x y"]\nhttp = true')!;
    const doc = toml(cfg.files);
    expect(Object.keys(doc.registry).sort()).toEqual(['__proto__', 'x y']);
    expect(doc.registry['x y']).toEqual({ http: true });
  });
});
