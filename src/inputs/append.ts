/**
 * The `append` input: more nodes for the builder, as a YAML list in setup-buildx-action's format
 * (name, endpoint, platforms, driver-opts, buildkitd-flags) plus a buildkitd config per node. Read and
 * checked before any engine is contacted: every problem is one InputError naming the item.
 */
import { parse } from 'yaml';

import { currentEndpoint, type EngineAddress, resolveEndpoint } from '../engine/endpoint.js';
import { InputError, UserError } from '../util/errors.js';
import { formatPlatform, type Platform } from '../util/platforms.js';
import { type BuildkitdConfig, loadBuildkitdConfig } from './buildkitd-config.js';
import { type DriverOpts, parseDriverOpts } from './driver-opts.js';
import { type Driver, parseRemoteOpts, remoteEndpoint } from './drivers.js';
import { MAX_NODE_NAME } from './names.js';
import { parseBuildkitdFlags, parsePlatforms } from './values.js';

const INPUT = 'append';
const KEYS = ['name', 'endpoint', 'platforms', 'driver-opts', 'buildkitd-flags', 'buildkitd-config', 'buildkitd-config-inline'] as const;
/** buildx's node-name rule (`ValidateName`); the name is then lowercased, as buildx stores it. */
const NODE_NAME = /^[a-zA-Z][a-zA-Z0-9._-]*$/;

export interface AppendedNode {
  name: string;
  engine: EngineAddress;
  platforms: Platform[];
  driverOpts: DriverOpts;
  /** buildkitd's arguments as given, before the entitlement rule. */
  buildkitdFlags: string[];
  config?: BuildkitdConfig;
}

/** What the appended nodes are checked against: node 0, and the top-level config they default to. */
export interface Node0 {
  name: string;
  endpoint: string;
  platforms: Platform[];
  config?: BuildkitdConfig;
}

function itemError(index: number, value: string, accepted: string): InputError {
  return new InputError(INPUT, value, `node ${index + 1}: ${accepted}`);
}

/** A scalar or a list of scalars, as one text of lines (platforms and driver-opts take both). */
function lines(index: number, key: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.join('\n');
  throw itemError(index, JSON.stringify(value), `${key} is a string or a list of strings`);
}

function text(index: number, key: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  throw itemError(index, JSON.stringify(value), `${key} is a string`);
}

/** Reads an input's error again as the node's: the item's number in front of what is accepted. */
function asNodeError<T>(index: number, read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof InputError) throw itemError(index, err.value, `${err.input}: ${err.accepted}`);
    if (err instanceof UserError) throw new UserError(`input "${INPUT}": node ${index + 1}: ${err.message}`, { cause: err });
    throw err;
  }
}

/** Where the nodes are read: relative config paths resolve against cwd; remote nodes' certificates go to certsDir. */
export interface AppendContext {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** The builder's driver: buildx appends only nodes of it. docker-container unless said. */
  driver?: Exclude<Driver, 'docker'>;
  /** buildx's certificate directory, where BUILDER_NODE_<i>_AUTH_TLS_* are written for remote nodes. */
  certsDir?: string;
}

/**
 * The nodes, as buildx's `create --append` makes them for the builder's driver. A docker-container
 * node lives on a Docker engine, one node per endpoint. A kubernetes node is a Deployment of its own
 * (named after the node) in the cluster the kubeconfig names: no endpoint (buildx: "kubernetes driver
 * does not support endpoint args"), the pod options in its driver-opts, its emulators its pods' own
 * (qemu.install). A remote node is a BuildKit daemon at its endpoint, one node per address, its TLS
 * from its driver-opts or from BUILDER_NODE_<i>_AUTH_TLS_* (i: its place in the builder, node 0 first),
 * and no flags or config (the daemon is configured where it runs).
 */
export function parseAppend(value: string, node0: Node0, context: AppendContext): AppendedNode[] {
  const { cwd, env = process.env, driver = 'docker-container', certsDir = '' } = context;
  if (value.trim() === '') return [];
  let items: unknown;
  try {
    items = parse(value);
  } catch (err) {
    throw new InputError(INPUT, value.split('\n')[0], `YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  if (!Array.isArray(items))
    throw new InputError(INPUT, value.split('\n')[0], 'a YAML list of nodes (- name: …, endpoint: …, platforms: …)');
  const names = new Set([node0.name]);
  const endpoints = new Map([[node0.endpoint, 'node 0']]);
  const declared = new Map(node0.platforms.map((p) => [formatPlatform(p), 'node 0']));
  const nodes: AppendedNode[] = [];
  items.forEach((item: unknown, index) => {
    if (!item || typeof item !== 'object' || Array.isArray(item))
      throw itemError(index, JSON.stringify(item), 'each node is a mapping of name, endpoint, platforms, …');
    const fields = item as Record<string, unknown>;
    for (const key of Object.keys(fields)) {
      if (!(KEYS as readonly string[]).includes(key)) throw itemError(index, key, `unknown key; the keys are ${KEYS.join(', ')}`);
    }
    const given = text(index, 'name', fields.name);
    if (given !== '' && !NODE_NAME.test(given))
      throw itemError(index, given, 'a node name starts with a letter and holds only letters, digits, ".", "-" and "_"');
    if (given.length > MAX_NODE_NAME)
      throw itemError(index, given, `a node name has at most ${MAX_NODE_NAME} characters (the engine refuses longer volume names)`);
    const name = given !== '' ? given.toLowerCase() : nextNodeName(node0.name, names);
    if (names.has(name)) throw itemError(index, name, 'a second node of that name; node names are unique in a builder');
    names.add(name);

    const endpointText = text(index, 'endpoint', fields.endpoint);
    if (driver === 'kubernetes' && endpointText !== '')
      throw itemError(
        index,
        endpointText,
        'no endpoint with driver kubernetes (buildx: "kubernetes driver does not support endpoint args"); each node is a Deployment in the cluster the kubeconfig names',
      );
    if (driver === 'remote' && endpointText === '')
      throw itemError(index, '', "a remote node needs its endpoint: the BuildKit daemon's address, tcp://HOST:PORT or unix:///PATH");
    const engine = asNodeError(index, () => nodeEngine(driver, endpointText, env));
    if (engine.tlsFromEnv)
      throw itemError(index, endpointText, 'TLS from DOCKER_TLS_VERIFY/DOCKER_CERT_PATH is for node 0 only; name a docker context');
    if (driver !== 'kubernetes') {
      const seen = endpoints.get(engine.endpoint);
      if (seen)
        throw itemError(
          index,
          engine.endpoint,
          `the endpoint of ${seen} too; buildx allows one node per endpoint (a second context to one engine is another endpoint)`,
        );
      endpoints.set(engine.endpoint, `node ${index + 1}`);
    }

    const platforms = asNodeError(index, () =>
      parsePlatforms('platforms', fields.platforms === undefined ? '' : lines(index, 'platforms', fields.platforms)),
    );
    for (const p of platforms) {
      const key = formatPlatform(p);
      const other = declared.get(key);
      // buildx would silently keep it on the last node that declares it.
      if (other) throw itemError(index, key, `declared by ${other} too; each platform goes to one node`);
      declared.set(key, `node ${index + 1}`);
    }
    const optsText = fields['driver-opts'] === undefined ? '' : lines(index, 'driver-opts', fields['driver-opts']);
    const driverOpts = asNodeError(index, () =>
      driver === 'remote' ? parseRemoteOpts(optsText, engine.endpoint, index + 1, certsDir, env) : parseDriverOpts(optsText, driver),
    );
    const flagsText = text(index, 'buildkitd-flags', fields['buildkitd-flags']);
    const path = text(index, 'buildkitd-config', fields['buildkitd-config']);
    const inline = text(index, 'buildkitd-config-inline', fields['buildkitd-config-inline']);
    if (driver === 'remote') {
      const given = flagsText ? 'buildkitd-flags' : path ? 'buildkitd-config' : inline ? 'buildkitd-config-inline' : '';
      if (given)
        throw itemError(
          index,
          given,
          'no buildkitd flags or config for a remote node: the daemon is configured where it runs (buildx refuses them)',
        );
      nodes.push({ name, engine, platforms, driverOpts, buildkitdFlags: [] });
      return;
    }
    const buildkitdFlags = asNodeError(index, () => parseBuildkitdFlags(flagsText));
    const config = path || inline ? asNodeError(index, () => loadBuildkitdConfig({ path, inline, cwd })) : node0.config;
    nodes.push({ name, engine, platforms, driverOpts, buildkitdFlags, config });
  });
  return nodes;
}

/** A node's address: a Docker engine (the endpoint, else the current one), or a remote daemon's own. */
function nodeEngine(driver: AppendContext['driver'], endpoint: string, env: NodeJS.ProcessEnv): EngineAddress {
  if (driver !== 'remote') return endpoint !== '' ? resolveEndpoint(endpoint, INPUT, env) : currentEndpoint(env);
  const address = remoteEndpoint(endpoint, env);
  return { endpoint: address, host: address, source: 'the append input' };
}

/**
 * buildx's `nextNodeName`: the builder's name and the first unused index. The nodes named further
 * down the list are not known yet when buildx names one, nor are they here: a later duplicate is an error.
 */
function nextNodeName(node0: string, taken: Set<string>): string {
  const base = node0.slice(0, -1);
  let i = 0;
  while (taken.has(`${base}${i}`)) i++;
  return `${base}${i}`;
}
