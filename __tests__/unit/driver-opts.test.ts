import { parseDriverOpts, splitDriverOpts } from '../../src/inputs/driver-opts.js';
import { InputError } from '../../src/util/errors.js';

describe('splitDriverOpts', () => {
  test('lines and commas both separate options', () => {
    expect(splitDriverOpts('image=a,network=host\nmemory=4g\n\n  env.X=1 ')).toEqual(['image=a', 'network=host', 'memory=4g', 'env.X=1']);
  });
  test('a quoted field keeps its commas and doubled quotes', () => {
    expect(splitDriverOpts('"env.LIST=a,b",image=x')).toEqual(['env.LIST=a,b', 'image=x']);
    expect(splitDriverOpts('"env.Q=say ""hi"""')).toEqual(['env.Q=say "hi"']);
  });
  test.each(['"env.X=a', 'env.X="a"', '"env.X=a"b'])('bad quoting %s is an InputError', (text) => {
    expect(() => splitDriverOpts(text)).toThrow(InputError);
  });
});

describe('parseDriverOpts', () => {
  test('the seed example', () => {
    const o = parseDriverOpts('image=moby/buildkit:buildx-stable-1\nmemory=4g\nnetwork=foonet\nenv.BUILDKIT_STEP_LOG_MAX_SIZE=10485760');
    expect(o).toMatchObject({
      image: 'moby/buildkit:buildx-stable-1',
      memory: 4 * 1024 ** 3,
      network: 'foonet',
      env: { BUILDKIT_STEP_LOG_MAX_SIZE: '10485760' },
    });
    expect(o.given).toEqual({
      image: 'moby/buildkit:buildx-stable-1',
      memory: '4g',
      network: 'foonet',
      'env.BUILDKIT_STEP_LOG_MAX_SIZE': '10485760',
    });
  });
  test('every key of the table', () => {
    const o = parseDriverOpts(
      'memory-swap=-1,cpu-quota=50000,cpu-period=100000,cpu-shares=512,cpuset-cpus=0-1,cpuset-mems=0,cgroup-parent=/ci,restart-policy=on-failure:3,default-load=true,provenance-add-gha=false,allow-untrusted-image=1',
    );
    expect(o).toMatchObject({
      memorySwap: -1,
      cpuQuota: 50000,
      cpuPeriod: 100000,
      cpuShares: 512,
      cpusetCpus: '0-1',
      cpusetMems: '0',
      cgroupParent: '/ci',
      restartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 },
      defaultLoad: true,
      provenanceAddGha: false,
      allowUntrustedImage: true,
    });
  });
  test('restart policies', () => {
    expect(parseDriverOpts('restart-policy=always').restartPolicy).toEqual({ Name: 'always', MaximumRetryCount: 0 });
    expect(parseDriverOpts('restart-policy=').restartPolicy).toEqual({ Name: '', MaximumRetryCount: 0 });
  });
  test('an env value may hold = and be empty', () => {
    expect(parseDriverOpts('env.A=x=y,env.B=').env).toEqual({ A: 'x=y', B: '' });
  });
  test.each([
    ['memory=4x', 'memory'],
    ['memory=', 'memory'],
    ['memory-swap=lots', 'memory-swap'],
    ['cpu-quota=abc', 'cpu-quota'],
    ['cpu-shares=1.5', 'cpu-shares'],
    ['cpuset-cpus=a-b', 'cpuset-cpus'],
    ['restart-policy=sometimes:3', 'restart-policy'],
    ['restart-policy=always:3', 'restart-policy'],
    ['restart-policy=on-failure:x', 'restart-policy'],
    ['default-load=yes', 'default-load'],
    ['env.=x', 'env.'],
    ['colour=blue', 'colour'],
    ['image=', 'image'],
    ['justakey', 'justakey'],
  ])('%s fails with one line naming the input, the value and what is accepted', (text, needle) => {
    let err: unknown;
    try {
      parseDriverOpts(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    const message = (err as Error).message;
    expect(message).toContain('input "driver-opts"');
    expect(message).toContain(needle);
    expect(message).not.toContain('\n');
  });
  test('an env value never shows in the error: it may be a secret not yet masked', () => {
    expect(() => splitDriverOpts('"env.TOKEN=s3cret')).toThrow(/env\.TOKEN=\*\*\*/);
    expect(() => splitDriverOpts('"env.TOKEN=s3cret')).not.toThrow(/s3cret/);
    expect(() => parseDriverOpts('env.TOKEN=s3cret,memory=4x')).toThrow(/memory=4x/);
  });
  test('an unknown key lists the accepted ones', () => {
    expect(() => parseDriverOpts('colour=blue')).toThrow(/accepts image, network, cgroup-parent, memory/);
  });
});
