/**
 * Values shared by the inputs' parsers and the modules they configure: defaults, the pull policy, and
 * the parsers of list, boolean, platform and flag inputs that the node-level inputs (append, qemu) reuse.
 */
import { InputError, UserError } from '../util/errors.js';
import { ACCEPTED_PLATFORMS, parsePlatform, type Platform } from '../util/platforms.js';
import { shellSplit } from '../util/shlex.js';
import { goBool } from '../util/units.js';

export const DEFAULT_BUILDKIT_IMAGE = 'moby/buildkit:buildx-stable-1';
export const DEFAULT_BUILDKITD_FLAGS = '--allow-insecure-entitlement security.insecure --allow-insecure-entitlement network.host';
export const PULL_POLICIES = ['always', 'missing', 'never'] as const;
export type PullPolicy = (typeof PULL_POLICIES)[number];

export function parseBool(input: string, value: string, fallback: boolean): boolean {
  if (value === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new InputError(input, value, 'true or false');
}

/** A list input: items separated by commas or newlines, blanks dropped. */
export function listInput(value: string): string[] {
  return value
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function parsePlatforms(input: string, value: string): Platform[] {
  return listInput(value).map((item) => {
    const p = parsePlatform(item);
    if (!p) throw new InputError(input, item, ACCEPTED_PLATFORMS);
    return p;
  });
}

export function parseBuildkitdFlags(value: string): string[] {
  const words = shellSplit(value === '' ? DEFAULT_BUILDKITD_FLAGS : value);
  if (!words) throw new InputError('buildkitd-flags', value, 'a quote is not closed; flags are split like a shell command line');
  return words;
}

/** buildx's gate for its default policy, which checks the builder image (node/image-policy.ts). */
export const POLICY_GATE = 'BUILDX_DEFAULT_POLICY';

/**
 * Whether the job asked for buildx's default policy, read as buildx reads it (Go's ParseBool). buildx
 * treats a value ParseBool refuses as unset; here it is an error, since a job that wrote
 * `BUILDX_DEFAULT_POLICY=yes` believes its builder image is checked.
 */
export function defaultPolicyEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env[POLICY_GATE];
  if (value === undefined || value === '') return false;
  const on = goBool(value);
  if (on === undefined)
    throw new UserError(
      `environment variable ${POLICY_GATE}: invalid value ${JSON.stringify(value)}: one of 1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False`,
    );
  return on;
}
