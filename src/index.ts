/**
 * Entry point of the bundle (dist/index.js), for action.yml's main and post and for the command line.
 */
import * as core from '@actions/core';

import { handleSignals } from './step/cancel.js';
import { ActionHost } from './step/host.js';
import { errorLine, UserError } from './util/errors.js';

function fail(err: unknown, report: (line: string) => void): void {
  // Users get the message, never a stack trace; the stack is for debug logs only.
  report(errorLine(err));
  if (!(err instanceof UserError) && err instanceof Error && err.stack) core.debug(err.stack);
  process.exitCode = 1;
}

async function run(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  handleSignals((line) => process.stderr.write(`${line}\n`));
  if (command === 'up' || command === 'down') {
    const { cli } = await import('./cli.js');
    await cli(command, args).catch((err) => fail(err, (line) => process.stderr.write(`error: ${line}\n`)));
    return;
  }
  if (command !== undefined) {
    process.stderr.write(`${(await import('./cli.js')).USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const host = new ActionHost();
  // Each step loads only its own modules: post, which removes, does not pay for main's.
  if (host.loadState() === undefined) {
    const { main } = await import('./main.js');
    await main(host).catch((err) => fail(err, (line) => core.setFailed(line)));
  } else {
    // The post step never fails the job; post() turns its own problems into warnings.
    const { post } = await import('./post.js');
    await post(host).catch((err) => core.warning(errorLine(err)));
  }
}

await run();
