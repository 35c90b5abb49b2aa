/**
 * Runs the bundled action (dist/index.js) exactly as the GitHub runner does: inputs as INPUT_*
 * variables, outputs, state and exported variables through the GITHUB_OUTPUT / GITHUB_STATE /
 * GITHUB_ENV files, the post step with the state handed back as STATE_* variables.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const BUNDLE = path.resolve('dist/index.js');

export interface StepResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  /** The GITHUB_ENV additions. */
  env: Record<string, string>;
  /** Lines that are ::error:: / ::warning:: commands, without the prefix. */
  errors: string[];
  warnings: string[];
}

/** Parses the runner's file-command format: `name<<DELIM\nvalue\nDELIM` or `name=value`. */
export function parseFileCommands(text: string): Record<string, string> {
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

export function run(
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 300000,
): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ exitCode: code ?? -1, stdout, stderr });
    });
  });
}

function commands(stdout: string, kind: string): string[] {
  return stdout
    .split('\n')
    .filter((l) => l.startsWith(`::${kind}`))
    .map((l) => l.replace(/^::[^:]*::/, ''));
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
  constructor(private readonly extraEnv: NodeJS.ProcessEnv = {}) {}

  private async step(env: NodeJS.ProcessEnv, bundle = BUNDLE): Promise<StepResult> {
    for (const f of Object.values(this.files)) fs.writeFileSync(f, '', { flag: 'a' });
    fs.writeFileSync(this.files.GITHUB_OUTPUT, '');
    const r = await run([bundle], { ...process.env, GITHUB_ACTIONS: 'true', ...this.files, ...this.extraEnv, ...env });
    return {
      ...r,
      outputs: parseFileCommands(fs.readFileSync(this.files.GITHUB_OUTPUT, 'utf8')),
      env: parseFileCommands(fs.readFileSync(this.files.GITHUB_ENV, 'utf8')),
      errors: commands(r.stdout, 'error'),
      warnings: commands(r.stdout, 'warning'),
    };
  }

  main(inputs: Record<string, string>): Promise<StepResult> {
    return this.run(BUNDLE, inputs);
  }

  /** Another action's main step (its bundle) in this job, with these inputs. */
  run(bundle: string, inputs: Record<string, string>): Promise<StepResult> {
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v;
    return this.step(env, bundle);
  }

  post(): Promise<StepResult> {
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(parseFileCommands(fs.readFileSync(this.files.GITHUB_STATE, 'utf8')))) env[`STATE_${k}`] = v;
    return this.step(env);
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
