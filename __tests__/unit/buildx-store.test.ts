import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { removeBuilder, storeEntry, writeBuilder } from '../../src/buildx/buildx-store.js';
import { optsForBuildx, versionAtLeast } from '../../src/buildx/store-options.js';
import { buildxDir } from '../../src/engine/credentials.js';
import { nodeNames } from '../../src/inputs/names.js';

test('the store lives where buildx looks', () => {
  expect(buildxDir({ BUILDX_CONFIG: '/x' })).toBe('/x');
  expect(buildxDir({ DOCKER_CONFIG: '/d' })).toBe('/d/buildx');
});

test('a plain builder entry is byte for byte what `docker buildx create` stores', () => {
  const entry = storeEntry({
    names: nodeNames('b'),
    endpoint: 'unix:///var/run/docker.sock',
    platforms: [],
    driverOpts: {},
    flags: ['--allow-insecure-entitlement=network.host'],
    files: {},
  });
  expect(JSON.stringify(entry)).toBe(
    '{"Name":"b","Driver":"docker-container","Nodes":[{"Name":"b0","Endpoint":"unix:///var/run/docker.sock","Platforms":null,"DriverOpts":null,"Flags":["--allow-insecure-entitlement=network.host"],"Files":null}],"Dynamic":false}',
  );
});

test('platforms, options and files', () => {
  const entry = storeEntry({
    names: nodeNames('mybuilder'),
    endpoint: 'unix:///var/run/docker.sock',
    platforms: [{ os: 'linux', architecture: 'amd64' }],
    driverOpts: { memory: '4g' },
    flags: ['--debug'],
    files: { 'buildkitd.toml': Buffer.from('debug = true\n') },
  });
  expect(entry.Nodes[0]).toMatchObject({
    Platforms: [{ architecture: 'amd64', os: 'linux' }],
    DriverOpts: { memory: '4g' },
    Files: { 'buildkitd.toml': 'ZGVidWcgPSB0cnVlCg==' },
  });
});

test('options newer than the installed buildx are left out of its entry', () => {
  const given = { image: 'x', 'default-load': 'true', 'restart-policy': 'always', 'env.A': '1', 'provenance-add-gha': 'false' };
  expect(optsForBuildx(given, 'v0.13.1')).toEqual({ image: 'x', 'restart-policy': 'always', 'env.A': '1' });
  expect(optsForBuildx(given, 'v0.38.2')).toEqual(given);
  expect(optsForBuildx(given, undefined)).toEqual(given);
  expect(versionAtLeast('v0.0.0+unknown', '0.30.0')).toBe(true);
  expect(versionAtLeast('0.14.0', '0.14.0')).toBe(true);
  expect(versionAtLeast('v0.9.9', '0.14.0')).toBe(false);
});

describe('writeBuilder / removeBuilder', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buildx-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const entry = storeEntry({
    names: nodeNames('Ci'),
    endpoint: 'unix:///var/run/docker.sock',
    platforms: [],
    driverOpts: {},
    flags: [],
    files: {},
  });

  test('writes instance (0600, lowercased file name), activity and current; removal restores current', () => {
    fs.writeFileSync(path.join(dir, 'current'), '{"Key":"unix:///var/run/docker.sock","Name":"other","Global":false}');
    // "other" is a builder that still exists when Ci goes (one that is gone is not restored: buildx-current.test.ts).
    fs.mkdirSync(path.join(dir, 'instances'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'instances', 'other'), '{}');
    const { previousCurrent } = writeBuilder(dir, entry, { key: 'unix:///var/run/docker.sock' });
    expect(fs.statSync(path.join(dir, 'instances', 'ci')).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'current'), 'utf8'))).toEqual({
      Key: 'unix:///var/run/docker.sock',
      Name: 'Ci',
      Global: false,
    });
    expect(fs.readFileSync(path.join(dir, 'activity', 'ci'), 'utf8')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    removeBuilder(dir, 'Ci', previousCurrent);
    expect(fs.existsSync(path.join(dir, 'instances', 'ci'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'activity', 'ci'))).toBe(false);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'current'), 'utf8')).Name).toBe('other');
  });
  test('without use, current is untouched; a current naming another builder is kept on removal', () => {
    expect(writeBuilder(dir, entry, undefined)).toEqual({});
    expect(fs.existsSync(path.join(dir, 'current'))).toBe(false);
    fs.writeFileSync(path.join(dir, 'current'), '{"Name":"later"}');
    removeBuilder(dir, 'Ci', undefined);
    expect(fs.readFileSync(path.join(dir, 'current'), 'utf8')).toBe('{"Name":"later"}');
  });
});
