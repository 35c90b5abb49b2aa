/**
 * The command line: `setup-buildkit up [--<input> <value>]...` runs the main step and
 * `setup-buildkit down --name <name>` the post step, outside GitHub Actions (locally, other CI).
 * Inputs are the action's, spelled as flags; a repeated flag adds a line (e.g. --driver-opts).
 */
import { main } from './main.js';
import { post } from './post.js';
import { CliHost, routeLibraryOutput } from './step/host.js';
import { UserError } from './util/errors.js';

export const USAGE = `usage: setup-buildkit up [--name NAME] [--<input> VALUE]...   create a builder, print its outputs
       setup-buildkit down --name NAME                          remove it (as the post step does)
inputs are those of action.yml, e.g. --driver-opts image=moby/buildkit:buildx-stable-1 --platforms linux/amd64`;

function parseFlags(args: string[]): Record<string, string> {
  const inputs: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--') || arg === '--') throw new UserError(`unexpected argument ${JSON.stringify(arg)}\n${USAGE}`);
    const eq = arg.indexOf('=');
    const [key, value] = eq > 0 ? [arg.slice(2, eq), arg.slice(eq + 1)] : [arg.slice(2), args[++i]];
    if (value === undefined) throw new UserError(`--${key} needs a value\n${USAGE}`);
    inputs[key] = key in inputs ? `${inputs[key]}\n${value}` : value;
  }
  return inputs;
}

export async function cli(command: string, args: string[]): Promise<void> {
  const inputs = parseFlags(args);
  routeLibraryOutput();
  if (command === 'up') {
    await main(new CliHost(inputs));
  } else {
    if (!inputs.name) throw new UserError(`down needs --name (the name \`up\` printed)\n${USAGE}`);
    const host = new CliHost(inputs);
    await post(host);
    host.clearState();
  }
}
