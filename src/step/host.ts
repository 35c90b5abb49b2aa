/**
 * Where the action runs: a GitHub Actions step, or the command line (`setup-buildkit up|down`).
 * The step's own I/O goes through this (inputs, outputs, state, exported variables, PATH, log,
 * summary), so main and post run unchanged in either place. What describes the machine rather than
 * the step (DOCKER_HOST, DOCKER_CONFIG, the runner's GITHUB_* context, the cache service's URLs) is
 * read by the module that needs it, through an `env` parameter defaulting to process.env, so that a
 * test hands it its own environment.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import * as core from '@actions/core';

import { errorLine } from '../util/errors.js';

export interface Host {
  /** The input's value, trimmed; '' when it is not set. */
  input(name: string): string;
  setOutput(name: string, value: string): void;
  /** Makes a variable visible to the later steps of the job. */
  exportVariable(name: string, value: string): void;
  /** Puts a directory first on PATH for the later steps of the job. */
  addPath(dir: string): void;
  /** Masks a value in everything logged from now on. */
  setSecret(value: string): void;
  info(line: string): void;
  warning(line: string): void;
  debug(line: string): void;
  isDebug(): boolean;
  /** The one JSON document main hands to post. */
  saveState(json: string): void;
  loadState(): string | undefined;
  /**
   * Appends markdown to the job summary, where there is one. A summary that cannot be written is a
   * warning: it never fails the step.
   */
  summary(markdown: string): Promise<void>;
  /** A titled block of lines, collapsible on GitHub (`::group::`), indented under its title in a terminal. */
  group(title: string, lines: string[]): void;
}

const STATE_KEY = 'setup-buildkit';
/** stdout as it was before routeLibraryOutput: the command line's outputs go there. */
const writeStdout = process.stdout.write.bind(process.stdout);

export class ActionHost implements Host {
  input(name: string): string {
    return core.getInput(name);
  }
  setOutput(name: string, value: string): void {
    core.setOutput(name, value);
  }
  exportVariable(name: string, value: string): void {
    core.exportVariable(name, value);
  }
  addPath(dir: string): void {
    core.addPath(dir);
  }
  setSecret(value: string): void {
    core.setSecret(value);
    // The runner masks line by line: a multi-line secret (a key) is masked only through its lines.
    if (/[\r\n]/.test(value)) for (const line of value.split(/\r?\n/)) if (line.trim().length >= 8) core.setSecret(line.trim());
  }
  info(line: string): void {
    core.info(line);
  }
  warning(line: string): void {
    core.warning(line);
  }
  debug(line: string): void {
    core.debug(line);
  }
  isDebug(): boolean {
    return core.isDebug();
  }
  saveState(json: string): void {
    core.saveState(STATE_KEY, json);
  }
  loadState(): string | undefined {
    return core.getState(STATE_KEY) || undefined;
  }
  async summary(markdown: string): Promise<void> {
    try {
      await core.summary.addRaw(markdown, true).write();
    } catch (err) {
      // What was not written must not reach the next section.
      core.summary.emptyBuffer();
      core.warning(`the job summary was not written: ${errorLine(err)}`);
    }
  }
  group(title: string, lines: string[]): void {
    core.startGroup(title);
    for (const line of lines) core.info(line);
    core.endGroup();
  }
}

/**
 * The command line: inputs come from `--input value` flags (falling back to INPUT_* variables, as in a
 * step), outputs are printed as `name=value` lines on stdout, logs go to stderr, and the state lives in a
 * file named after the builder so that `down --name X` finds what `up --name X` made.
 */
export class CliHost implements Host {
  private secrets: string[] = [];
  /**
   * `down --name X` reads X's file; `up` writes the file of the builder its state names, once it has
   * one (a name main generates is as good as a given one, and keep-state can still tell them apart).
   */
  private stateFile?: string;
  constructor(private readonly inputs: Record<string, string>) {
    if (inputs.name) this.stateFile = CliHost.stateFileFor(inputs.name);
  }

  static stateFileFor(name: string, env = process.env): string {
    const base = env.XDG_STATE_HOME || path.join(os.homedir(), '.local', 'state');
    return path.join(base, 'setup-buildkit', `${name}.json`);
  }

  input(name: string): string {
    const env = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`];
    return (this.inputs[name] ?? env ?? '').trim();
  }
  setOutput(name: string, value: string): void {
    writeStdout(`${name}=${value}\n`);
  }
  exportVariable(): void {
    // A shell cannot receive variables from its child; the README shows `--builder NAME` instead.
  }
  addPath(dir: string): void {
    this.info(`add ${dir} to PATH to run buildx from this shell`);
  }
  setSecret(value: string): void {
    if (value) this.secrets.push(value);
  }
  private mask(line: string): string {
    return this.secrets.reduce((l, s) => l.split(s).join('***'), line);
  }
  info(line: string): void {
    process.stderr.write(`${this.mask(line)}\n`);
  }
  warning(line: string): void {
    process.stderr.write(`warning: ${this.mask(line)}\n`);
  }
  debug(line: string): void {
    if (this.isDebug()) process.stderr.write(`debug: ${this.mask(line)}\n`);
  }
  isDebug(): boolean {
    return process.env.RUNNER_DEBUG === '1';
  }
  saveState(json: string): void {
    const builder = (JSON.parse(json) as { builder?: string }).builder;
    this.stateFile ??= builder ? CliHost.stateFileFor(builder) : undefined;
    // Before main knows the builder's name nothing exists that `down` would have to remove.
    if (!this.stateFile) return;
    fs.mkdirSync(path.dirname(this.stateFile), { recursive: true, mode: 0o700 });
    fs.writeFileSync(this.stateFile, json, { mode: 0o600 });
  }
  loadState(): string | undefined {
    try {
      return this.stateFile ? fs.readFileSync(this.stateFile, 'utf8') : undefined;
    } catch {
      return undefined;
    }
  }
  async summary(): Promise<void> {}
  group(title: string, lines: string[]): void {
    this.info(`${title}:`);
    for (const line of lines) this.info(`  ${line}`);
  }
  clearState(): void {
    if (this.stateFile) fs.rmSync(this.stateFile, { force: true });
  }
}

/**
 * A line the packages under the action (@actions/cache, @actions/tool-cache) wrote to stdout through
 * @actions/core, as the command line shows it: workflow commands made readable (`::debug::` only with
 * RUNNER_DEBUG=1), the others dropped; plain lines as they are. Undefined: not shown.
 */
export function libraryLine(line: string, debug: boolean): string | undefined {
  const command = /^::([a-z-]+)(?: [^:]*)?::(.*)$/.exec(line);
  if (!command) return line;
  const text = command[2].replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
  if (command[1] === 'debug') return debug ? `debug: ${text}` : undefined;
  if (['warning', 'error', 'notice'].includes(command[1])) return `${command[1]}: ${text}`;
  return undefined;
}

/**
 * On the command line stdout holds the outputs only: what those packages write there goes to stderr,
 * where the CliHost logs, through libraryLine.
 */
export function routeLibraryOutput(env = process.env): void {
  const debug = env.RUNNER_DEBUG === '1';
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    for (const line of String(chunk).replace(/\n$/, '').split('\n')) {
      const shown = libraryLine(line, debug);
      if (shown !== undefined) process.stderr.write(`${shown}\n`);
    }
    const done = rest.find((r): r is () => void => typeof r === 'function');
    if (done) process.nextTick(done);
    return true;
  }) as typeof process.stdout.write;
}
