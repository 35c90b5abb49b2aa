/**
 * buildx's GitHub Actions provenance context (driver-opt `provenance-add-gha`, on by default since
 * buildx v0.30): a JSON file at /etc/buildkit/provenance.d/github_actions_context.json, which
 * buildkitd merges into the provenance of every build on the builder. The keys are buildx's
 * (util/ghutil), each group only when all of its variables are set; the JSON is written as Go's
 * encoder writes it (keys sorted at every level; <, >, &, U+2028 and U+2029 escaped).
 */
import * as fs from 'node:fs';

import { errorLine, UserError } from '../util/errors.js';
import { goBool } from '../util/units.js';

/** Its path under /etc/buildkit. buildx sends it to the container only, never to its store. */
export const PROVENANCE_CONTEXT_FILE = 'provenance.d/github_actions_context.json';

/** Each group: [key, variable] pairs, written only when every variable is set. */
const GROUPS: [string, string][][] = [
  [
    ['github_actor', 'GITHUB_ACTOR'],
    ['github_actor_id', 'GITHUB_ACTOR_ID'],
    ['github_triggering_actor', 'GITHUB_TRIGGERING_ACTOR'],
  ],
  [
    ['github_ref', 'GITHUB_REF'],
    ['github_ref_name', 'GITHUB_REF_NAME'],
    ['github_ref_protected', 'GITHUB_REF_PROTECTED'],
    ['github_ref_type', 'GITHUB_REF_TYPE'],
  ],
  [
    ['github_repository', 'GITHUB_REPOSITORY'],
    ['github_repository_id', 'GITHUB_REPOSITORY_ID'],
    ['github_repository_owner', 'GITHUB_REPOSITORY_OWNER'],
    ['github_repository_owner_id', 'GITHUB_REPOSITORY_OWNER_ID'],
  ],
  [
    ['github_job', 'GITHUB_JOB'],
    ['github_run_attempt', 'GITHUB_RUN_ATTEMPT'],
    ['github_run_id', 'GITHUB_RUN_ID'],
    ['github_run_number', 'GITHUB_RUN_NUMBER'],
    ['github_server_url', 'GITHUB_SERVER_URL'],
    ['github_workflow', 'GITHUB_WORKFLOW'],
    ['github_workflow_ref', 'GITHUB_WORKFLOW_REF'],
    ['github_workflow_sha', 'GITHUB_WORKFLOW_SHA'],
  ],
  [
    ['github_runner_image_os', 'ImageOS'],
    ['github_runner_image_version', 'ImageVersion'],
    ['github_runner_os', 'RUNNER_OS'],
    ['github_runner_arch', 'RUNNER_ARCH'],
    ['github_runner_environment', 'RUNNER_ENVIRONMENT'],
    ['github_runner_tracking_id', 'RUNNER_TRACKING_ID'],
    ['github_runner_name', 'RUNNER_NAME'],
  ],
];

/**
 * The context file's content, or undefined outside GitHub Actions or without an event (buildx then
 * writes nothing either). An unreadable event file is an error, as it is for buildx.
 */
export function githubActionsContext(
  env: NodeJS.ProcessEnv,
  readFile: (file: string) => string = (f) => fs.readFileSync(f, 'utf8'),
): Buffer | undefined {
  if (goBool(env.GITHUB_ACTIONS ?? '') !== true) return undefined;
  const eventName = env.GITHUB_EVENT_NAME;
  const eventPath = env.GITHUB_EVENT_PATH;
  if (!eventName || !eventPath) return undefined;
  const skip = 'or set driver-opts provenance-add-gha=false to leave the GitHub context out of provenance';
  let payload: unknown;
  try {
    payload = JSON.parse(readFile(eventPath));
  } catch (err) {
    throw new UserError(`GITHUB_EVENT_PATH ${eventPath}: cannot read the GitHub event (${errorLine(err)}); ${skip}`);
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new UserError(`GITHUB_EVENT_PATH ${eventPath}: the GitHub event is not a JSON object; ${skip}`);
  }
  const context: Record<string, unknown> = { github_event_name: eventName, github_event_payload: payload };
  for (const group of GROUPS) {
    if (group.every(([, variable]) => env[variable])) for (const [key, variable] of group) context[key] = env[variable];
  }
  return Buffer.from(goJson(context));
}

/** JSON as Go's encoding/json writes a map: keys sorted, HTML-sensitive characters escaped. */
export function goJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
  );
}
