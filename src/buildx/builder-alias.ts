/**
 * `install: true`: what `docker buildx install` does, the docker CLI's `builder` alias set to buildx
 * in its config.json, so that `docker build` runs `docker buildx build` on the current builder; the
 * post step puts back what was there (`docker buildx uninstall`). The rest of config.json is kept.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { dockerConfigDir } from '../engine/credentials.js';
import type { Host } from '../step/host.js';
import { errorLine, UserError } from '../util/errors.js';

/** What post needs to undo the alias: the file, and the alias it held before (null: none). */
export interface BuilderAlias {
  configFile: string;
  previous: string | null;
}

type Config = { aliases?: Record<string, string> } & Record<string, unknown>;

function readConfig(file: string): Config {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw err;
  }
  return text.trim() === '' ? {} : (JSON.parse(text) as Config);
}

/** As the docker CLI writes it: mode 0600, through a temporary file and a rename. */
function writeConfig(file: string, config: Config): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(config, null, '\t')}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

export function setBuilderAlias(env = process.env): BuilderAlias {
  const configFile = path.join(dockerConfigDir(env), 'config.json');
  let config: Config;
  try {
    config = readConfig(configFile);
  } catch (err) {
    throw new UserError(`install: the docker CLI config ${configFile} cannot be read: ${errorLine(err)}`);
  }
  const previous = config.aliases?.builder ?? null;
  if (previous !== 'buildx') writeConfig(configFile, { ...config, aliases: { ...config.aliases, builder: 'buildx' } });
  return { configFile, previous };
}

/** Puts the alias back as it was, unless someone changed it since. Returns what it did, for the log. */
export function restoreBuilderAlias(alias: BuilderAlias): string {
  const config = readConfig(alias.configFile);
  if (alias.previous === 'buildx' || config.aliases?.builder !== 'buildx') return 'docker build is left as it is';
  const aliases = { ...config.aliases };
  if (alias.previous === null) delete aliases.builder;
  else aliases.builder = alias.previous;
  const next: Config = { ...config, aliases };
  // As the docker CLI saves it: no empty "aliases" object.
  if (Object.keys(aliases).length === 0) delete next.aliases;
  writeConfig(alias.configFile, next);
  return alias.previous === null ? 'docker build is the docker CLI builder again' : `docker build uses ${alias.previous} again`;
}

/** post, install: the docker CLI's builder alias as it was before main; problems are warnings. Returns post's summary line. */
export function undoAlias(alias: BuilderAlias, host: Host): string {
  try {
    const done = restoreBuilderAlias(alias);
    host.info(`install: ${done}`);
    return done;
  } catch (err) {
    host.warning(`install: the builder alias in ${alias.configFile} was not undone: ${errorLine(err)}`);
    return `builder alias not undone: ${errorLine(err)}`;
  }
}
