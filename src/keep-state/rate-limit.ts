/**
 * The cache service's rate limit (GitHub: 200 cache-entry uploads a minute per repository, then 429
 * with Retry-After): a step waits it out once, when the wait fits RATE_LIMIT_WAIT_S, and tries again;
 * a second refusal is the caller's one warning.
 */
import { retryAfterSeconds } from '../actions-cache/service.js';
import type { Host } from '../step/host.js';

/**
 * The longest wait a step spends on the rate limit, once: the service's window is a minute, so a
 * Retry-After never asks for more, and a save or restore that waits longer would cost the job more
 * than the state saves it.
 */
const RATE_LIMIT_WAIT_S = 60;

let waited = false;

/**
 * When `problems` (what @actions/cache was refused, held back) say the service rate-limited a
 * request, and this step has not waited yet, waits as long as the service asked and returns true:
 * the caller tries once more. Otherwise returns false at once.
 */
export async function waitOutRateLimit(problems: string[], host: Host): Promise<boolean> {
  const seconds = retryAfterSeconds(problems);
  if (waited || seconds === undefined || seconds > RATE_LIMIT_WAIT_S) return false;
  waited = true;
  host.info(`keep-state: the cache service is rate-limited: waiting ${seconds} s as it asks, then trying once more`);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  return true;
}
