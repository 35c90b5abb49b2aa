/**
 * The bundle is an ES module, but some CommonJS code inside it (ssh2, pulled in by dockerode's
 * docker-modem) reads `__dirname` when it loads. Imported first by the entry point, this defines it
 * as the bundle's own directory, which is where ncc puts the assets such code looks for.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const globals = globalThis as { __dirname?: string };
globals.__dirname ??= path.dirname(fileURLToPath(import.meta.url));
