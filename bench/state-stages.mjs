// The two stages of a keep-state restore, each alone, with the action's own modules (compiled into
// lib/ by the benchmark: `npx tsc -p tsconfig.json --noEmit false --outDir lib`):
//   node bench/state-stages.mjs download RESTORE_PREFIX DIR
//       the newest manifest under the prefix and every piece entry (part of a bundle) it names,
//       through @actions/cache, 4 at a time (enough to keep the link full: this is the link's time
//       for the restore's bytes), into DIR; nothing unpacked
//   node bench/state-stages.mjs unpack CONTAINER DIR
//       every bundle (its parts in order, checked against its pieces' names), then the meta part, from
//       DIR into a created (not started) container's state directory, one after the other, as the
//       action unpacks them
// Each prints one JSON line: {"seconds":S,"bytes":B}.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const lib = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'lib', 'src');
const load = (m) => import(path.join(lib, m));
const [mode, arg, dir] = process.argv.slice(2);
let started;
let bytes = 0;

if (mode === 'download') {
  const { restoreFile } = await load('actions-cache/service.js');
  const { MANIFEST_PATH, partPath, partsOf, inParallel } = await load('keep-state/parts.js');
  const { partKey } = await load('keep-state/state-key.js');
  const { parseManifestHeader } = await load('keep-state/state-pieces.js');
  fs.mkdirSync(dir, { recursive: true });
  // Timed from here: loading the modules is not part of the stage.
  started = Date.now();
  const manifestFile = path.join(dir, 'manifest');
  if (!(await restoreFile(MANIFEST_PATH, manifestFile, `${arg}none`, [arg]))) throw new Error(`no manifest under ${arg}`);
  const { manifest } = parseManifestHeader(fs.readFileSync(manifestFile));
  bytes += fs.statSync(manifestFile).size;
  await inParallel(partsOf(manifest.bundles), 4, async ({ bundle, k }) => {
    const file = path.join(dir, `${bundle.id}.${k}`);
    if (!(await restoreFile(partPath(bundle.id, k), file, partKey(arg, bundle, k), [])))
      throw new Error(`piece entry ${bundle.id} part ${k + 1} missing`);
    bytes += fs.statSync(file).size;
  });
} else if (mode === 'unpack') {
  const { default: Docker } = await import('dockerode');
  const { unpackInto } = await load('keep-state/state-archive.js');
  const { parseManifestHeader } = await load('keep-state/state-pieces.js');
  const { STATE_DIR } = await load('node/container-spec.js');
  // DOCKER_HOST, else the local socket, as the action's default engine.
  const container = new Docker().getContainer(arg);
  const entry = fs.readFileSync(path.join(dir, 'manifest'));
  const { manifest, metaOffset } = parseManifestHeader(entry);
  const { Readable } = await import('node:stream');
  started = Date.now();
  // Each bundle checked against its pieces' names, the meta part last, as the restore does.
  for (const b of manifest.bundles) {
    const files = Array.from({ length: b.parts }, (_, k) => path.join(dir, `${b.id}.${k}`));
    await unpackInto(
      container,
      Readable.from(
        (async function* () {
          for (const f of files) yield* fs.createReadStream(f);
        })(),
      ),
      STATE_DIR,
      b.members.map((id, i) => ({ id, bytes: b.lengths[i] })),
    );
    bytes += files.reduce((n, f) => n + fs.statSync(f).size, 0);
  }
  await unpackInto(container, Readable.from([entry.subarray(metaOffset)]), STATE_DIR);
  bytes += entry.length;
} else {
  throw new Error(`usage: state-stages.mjs download PREFIX DIR | unpack CONTAINER DIR`);
}
console.log(JSON.stringify({ seconds: (Date.now() - started) / 1000, bytes }));
