/**
 * cache-image: the BuildKit image and the QEMU installer image kept in the Actions cache, as
 * setup-qemu-action's `cache-image` keeps its image, for runners that pull from a rate-limited or
 * flaky registry. main: an image that is not on the engine is loaded from the cache before the pull,
 * so a pull that fails (Docker Hub's rate limits, an outage) falls back to that copy as to any local
 * image, while a pull that works still brings a moved tag up to date. post: an image whose ID is not
 * the one restored is saved (`docker save`, through the engine API) under a key that carries the ID,
 * so an unchanged image is uploaded once. Cache problems are warnings: @actions/cache's own, one or
 * two per refused request, are held back (heldBack) and said in one warning of ours per image in
 * main, and one for all the images in post, which stops at the first refusal.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';

import { connect } from '../engine/connect.js';
import { imageExists, loadImage } from '../engine/docker.js';
import type { DockerClient } from '../engine/docker-client.js';
import { storedAddress } from '../engine/endpoint.js';
import type { Host } from '../step/host.js';
import { errorLine } from '../util/errors.js';
import { megabytes, secondsSince } from '../util/units.js';
import { cacheAvailable, cacheHas, heldBack, restoreFile, saveFile, sharedPath } from './service.js';

/** One image under cache-image, handed from main to post (BuilderState.cachedImages). */
export interface CachedImage {
  ref: string;
  /** The engine's architecture: an image saved on arm64 is no use to an amd64 runner. */
  arch: string;
  /** The key it was loaded from, when it was. */
  restoredKey?: string;
}

/** Every key of the image starts with the prefix; the full key adds the image ID. */
export function imageCacheKeys(ref: string, arch: string, imageId = ''): { prefix: string; key: string } {
  const prefix = `setup-buildkit-image-${arch}-${createHash('sha256').update(ref).digest('hex').slice(0, 16)}-`;
  return { prefix, key: `${prefix}${imageId.replace(/^sha256:/, '').slice(0, 16)}` };
}

function paths(image: CachedImage): { shared: string; own: string } {
  const shared = sharedPath('image', `${imageCacheKeys(image.ref, image.arch).prefix}image.tar`);
  return { shared, own: `${shared}.${process.pid}` };
}

/** Loads the newest cached copy of an image the engine does not have. Never throws. */
export async function restoreImage(docker: DockerClient, image: CachedImage, host: Host): Promise<CachedImage> {
  const { shared, own } = paths(image);
  try {
    if (await imageExists(docker, image.ref)) return image;
    if (!(await cacheAvailable())) {
      host.warning(`cache-image: no cache service: ${image.ref} is pulled without a cached copy to fall back on`);
      return image;
    }
    const started = Date.now();
    const { prefix } = imageCacheKeys(image.ref, image.arch);
    // A refused lookup is a miss to @actions/cache, with its own warnings: held back, said below.
    const problems: string[] = [];
    const matched = await heldBack(problems, () => restoreFile(shared, own, prefix, [prefix]));
    if (!matched && problems.length > 0) {
      host.warning(
        `cache-image: the cache service refused the lookup of ${image.ref} (${problems[0]}): it is pulled without a cached copy to fall back on`,
      );
      return image;
    }
    if (!matched) {
      host.info(`cache-image: no cached copy of ${image.ref} yet`);
      return image;
    }
    const bytes = fs.statSync(own).size;
    await loadImage(docker, fs.createReadStream(own));
    host.info(`cache-image: loaded ${image.ref} from the cache (${megabytes(bytes)} MB, ${secondsSince(started)} s)`);
    return { ...image, restoredKey: matched };
  } catch (err) {
    host.warning(`cache-image: ${image.ref} could not be loaded from the cache: ${errorLine(err)}`);
    return image;
  } finally {
    fs.rmSync(own, { force: true });
  }
}

/**
 * Saves the image when it is not the copy that was restored and not cached yet. Never throws: returns
 * what went wrong (a warning's text), and whether the cache service refused a request (the caller
 * asks it no more in this step).
 */
async function saveImage(docker: DockerClient, image: CachedImage, host: Host): Promise<{ problem?: string; refused?: boolean }> {
  const { shared, own } = paths(image);
  // @actions/cache's warnings about refused requests, held back: the caller's one warning says them.
  const problems: string[] = [];
  const refusal = () => (problems.length > 0 ? { problem: `${image.ref} was not saved: ${problems[0]}`, refused: true } : undefined);
  try {
    const { Id } = await docker.getImage(image.ref).inspect();
    const { key } = imageCacheKeys(image.ref, image.arch, Id);
    if (key === image.restoredKey) {
      host.info(`cache-image: ${image.ref} is cached already (${key})`);
      return {};
    }
    const cached = await heldBack(problems, () => cacheHas(shared, key));
    // A refused lookup is no answer: the image is not archived for a service that refuses.
    if (!cached && problems.length > 0) return refusal()!;
    if (cached) {
      host.info(`cache-image: ${image.ref} is cached already (${key})`);
      return {};
    }
    const started = Date.now();
    fs.mkdirSync(path.dirname(own), { recursive: true });
    await pipeline((await docker.getImage(image.ref).get()) as NodeJS.ReadableStream, fs.createWriteStream(own));
    const bytes = fs.statSync(own).size;
    try {
      await heldBack(problems, () => saveFile(shared, own, key));
    } catch (err) {
      // The jobs of a matrix save the same image at the same time: one of them gets the key.
      if (!(await heldBack([], () => cacheHas(shared, key))))
        return { problem: `${image.ref} was not saved: ${errorLine(err)}`, refused: problems.length > 0 };
      host.info(`cache-image: ${image.ref} was saved by another job meanwhile (${key})`);
      return {};
    }
    host.info(`cache-image: saved ${image.ref} under ${key} (${megabytes(bytes)} MB, ${secondsSince(started)} s)`);
    return {};
  } catch (err) {
    return refusal() ?? { problem: `${image.ref} was not saved: ${errorLine(err)}` };
  } finally {
    fs.rmSync(own, { force: true });
  }
}

/**
 * post, cache-image: after the builder, whether or not it was removed, on node 0's engine (`endpoint`
 * as stored); problems are one warning. After the cache service refused a request, the images left
 * are not tried: each would be refused too, and a rate limit only lasts longer for more requests.
 */
export async function saveImages(images: CachedImage[], endpoint: string, host: Host): Promise<void> {
  let docker;
  try {
    ({ docker } = await connect(storedAddress(endpoint)));
  } catch (err) {
    host.warning(`cache-image: no image was saved: ${errorLine(err)}`);
    return;
  }
  const problems: string[] = [];
  for (const [i, image] of images.entries()) {
    const { problem, refused } = await saveImage(docker, image, host);
    if (problem) problems.push(problem);
    if (refused) {
      const left = images.slice(i + 1).map((im) => im.ref);
      if (left.length > 0) problems.push(`${left.join(', ')} not tried (the cache service refused)`);
      break;
    }
  }
  if (problems.length > 0) host.warning(`cache-image: ${problems.join('; ')}`);
}
