/**
 * The one job runner of the end-to-end tests. It runs the bundled action (dist/index.js) exactly as
 * the GitHub runner does: inputs as INPUT_* variables, outputs, state and exported variables through
 * the GITHUB_OUTPUT / GITHUB_STATE / GITHUB_ENV files, the post step with the state handed back as
 * STATE_* variables, and the ::error:: / ::warning:: messages decoded as the runner shows them.
 * `main()` and `post()` wait for the step; `start()` hands back the running process, for the tests
 * that signal or kill it at an exact point.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const BUNDLE = path.resolve('dist/index.js');
/** Longer than any test's own timeout: a step that outlives its test is killed, not left running. */
const STEP_TIMEOUT_MS = 300000;

export interface StepResult {
  exitCode: number;
  /** The signal that ended the process, if one did. */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  /** The GITHUB_ENV additions. */
  env: Record<string, string>;
  /** The ::error:: / ::warning:: messages, decoded (%0A → newline, ...). */
  errors: string[];
  warnings: string[];
}

export interface RunningStep {
  child: ChildProcess;
  /** Resolves when the process has ended. */
  done: Promise<StepResult>;
  /** What it has written to stdout so far. */
  stdout(): string;
}

/** Parses the runner's file-command format: `name<<DELIM\nvalue\nDELIM` or `name=value`. */
function parseFileCommands(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) value.push(lines[i]);
      out[heredoc[1]] = value.join('\n');
    } else if (lines[i].includes('=')) {
      const eq = lines[i].indexOf('=');
      out[lines[i].slice(0, eq)] = lines[i].slice(eq + 1);
    }
  }
  return out;
}

/** A workflow command's escaped text, as the runner shows it (@actions/core's escaping undone). */
export function decodeCommand(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
}

/** The runner's ::kind:: command lines, with their message decoded. */
function commandLines(stdout: string, kind: string): string[] {
  return stdout
    .split('\n')
    .filter((l) => l.startsWith(`::${kind}`))
    .map((l) => decodeCommand(l.replace(/^::[^:]*::/, '')));
}

function inputEnv(inputs: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v;
  return env;
}

/** One job's use of the action: `main()` then `post()`, sharing the runner's files. */
export class ActionJob {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'setup-buildkit-job-'));
  private readonly files = {
    GITHUB_OUTPUT: path.join(this.dir, 'output'),
    GITHUB_STATE: path.join(this.dir, 'state'),
    GITHUB_ENV: path.join(this.dir, 'env'),
    GITHUB_STEP_SUMMARY: path.join(this.dir, 'summary'),
    GITHUB_PATH: path.join(this.dir, 'path'),
  };
  /** `extraEnv`: the job's environment, for each of its steps. */
  constructor(private readonly extraEnv: NodeJS.ProcessEnv = {}) {}

  /**
   * Starts a step and returns at once with its process. `main` takes `inputs`; `post` is handed the
   * state written so far as STATE_* variables. `stepEnv` is added to the job's environment for this
   * step only.
   */
  start(kind: 'main' | 'post', inputs: Record<string, string> = {}, stepEnv: NodeJS.ProcessEnv = {}, bundle = BUNDLE): RunningStep {
    for (const f of Object.values(this.files)) fs.writeFileSync(f, '', { flag: 'a' });
    fs.writeFileSync(this.files.GITHUB_OUTPUT, '');
    const handed: NodeJS.ProcessEnv = kind === 'main' ? inputEnv(inputs) : {};
    if (kind === 'post')
      for (const [k, v] of Object.entries(parseFileCommands(fs.readFileSync(this.files.GITHUB_STATE, 'utf8')))) handed[`STATE_${k}`] = v;
    const child = spawn(process.execPath, [bundle], {
      env: { ...process.env, GITHUB_ACTIONS: 'true', ...this.files, ...this.extraEnv, ...stepEnv, ...handed },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    const done = new Promise<StepResult>((resolve, reject) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), STEP_TIMEOUT_MS);
      child.on('error', reject);
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        resolve({
          exitCode: code ?? -1,
          signal,
          stdout,
          stderr,
          outputs: parseFileCommands(fs.readFileSync(this.files.GITHUB_OUTPUT, 'utf8')),
          env: parseFileCommands(fs.readFileSync(this.files.GITHUB_ENV, 'utf8')),
          errors: commandLines(stdout, 'error'),
          warnings: commandLines(stdout, 'warning'),
        });
      });
    });
    return { child, done, stdout: () => stdout };
  }

  main(inputs: Record<string, string>): Promise<StepResult> {
    return this.start('main', inputs).done;
  }

  /** Another action's main step (its bundle) in this job, with these inputs. */
  run(bundle: string, inputs: Record<string, string>): Promise<StepResult> {
    return this.start('main', inputs, {}, bundle).done;
  }

  post(): Promise<StepResult> {
    return this.start('post').done;
  }

  /** Writes the state a main step would have saved, for a post step to find. */
  writeState(state: object): void {
    fs.writeFileSync(this.files.GITHUB_STATE, `setup-buildkit=${JSON.stringify(state)}\n`);
  }

  /** The state main saved for post, if any. */
  readState(): any {
    const raw = parseFileCommands(fs.readFileSync(this.files.GITHUB_STATE, 'utf8'))['setup-buildkit'];
    return raw ? JSON.parse(raw) : undefined;
  }

  summary(): string {
    return fs.readFileSync(this.files.GITHUB_STEP_SUMMARY, 'utf8');
  }

  /** The directories the steps put on PATH for the later steps (GITHUB_PATH), in order. */
  paths(): string[] {
    return fs.readFileSync(this.files.GITHUB_PATH, 'utf8').split('\n').filter(Boolean);
  }

  dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
