import { githubActionsContext, goJson } from '../../src/node/provenance.js';
import { UserError } from '../../src/util/errors.js';

const EVENT = '/runner/event.json';
const event = (text: string) => (file: string) => {
  if (file !== EVENT) throw new Error(`ENOENT: no such file or directory, open '${file}'`);
  return text;
};
const base = { GITHUB_ACTIONS: 'true', GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: EVENT };
const context = (env: NodeJS.ProcessEnv, text = '{"ref":"refs/heads/main"}') =>
  JSON.parse(githubActionsContext(env, event(text))!.toString());

describe('githubActionsContext', () => {
  test('nothing outside GitHub Actions or without an event, as buildx', () => {
    expect(githubActionsContext({}, event('{}'))).toBeUndefined();
    expect(githubActionsContext({ ...base, GITHUB_ACTIONS: 'false' }, event('{}'))).toBeUndefined();
    expect(githubActionsContext({ ...base, GITHUB_ACTIONS: 'yes' }, event('{}'))).toBeUndefined();
    expect(githubActionsContext({ ...base, GITHUB_EVENT_NAME: '' }, event('{}'))).toBeUndefined();
    expect(githubActionsContext({ ...base, GITHUB_EVENT_PATH: undefined }, event('{}'))).toBeUndefined();
  });

  test('GITHUB_ACTIONS is read as Go reads a bool', () => {
    for (const v of ['1', 't', 'T', 'TRUE', 'true', 'True'])
      expect(githubActionsContext({ ...base, GITHUB_ACTIONS: v }, event('{}'))).toBeDefined();
  });

  test('the event name and payload, and each group only when all of its variables are set', () => {
    const env = {
      ...base,
      GITHUB_ACTOR: 'octocat',
      GITHUB_ACTOR_ID: '1',
      GITHUB_TRIGGERING_ACTOR: 'octocat',
      GITHUB_REF: 'refs/heads/main',
      GITHUB_REF_NAME: 'main',
      GITHUB_REF_PROTECTED: 'false',
      // GITHUB_REF_TYPE missing: no ref group at all.
      RUNNER_OS: 'Linux',
    };
    expect(context(env)).toEqual({
      github_event_name: 'push',
      github_event_payload: { ref: 'refs/heads/main' },
      github_actor: 'octocat',
      github_actor_id: '1',
      github_triggering_actor: 'octocat',
    });
    expect(context({ ...env, GITHUB_REF_TYPE: 'branch' })).toMatchObject({
      github_ref: 'refs/heads/main',
      github_ref_name: 'main',
      github_ref_protected: 'false',
      github_ref_type: 'branch',
    });
  });

  test('the runner group takes ImageOS and ImageVersion as they are spelled', () => {
    const runner = {
      ImageOS: 'ubuntu24',
      ImageVersion: '20250929.60.1',
      RUNNER_OS: 'Linux',
      RUNNER_ARCH: 'X64',
      RUNNER_ENVIRONMENT: 'github-hosted',
      RUNNER_TRACKING_ID: 't',
      RUNNER_NAME: 'GitHub Actions 1',
    };
    expect(context({ ...base, ...runner })).toMatchObject({
      github_runner_image_os: 'ubuntu24',
      github_runner_image_version: '20250929.60.1',
      github_runner_arch: 'X64',
      github_runner_name: 'GitHub Actions 1',
    });
  });

  test('an unreadable or malformed event is an error naming the variable and the way out', () => {
    for (const [env, text] of [
      [{ ...base, GITHUB_EVENT_PATH: '/nowhere.json' }, '{}'],
      [base, '{"ref":'],
      [base, '[1,2]'],
      [base, 'null'],
    ] as const) {
      let thrown: unknown;
      try {
        githubActionsContext(env, event(text));
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(UserError);
      expect((thrown as Error).message).toMatch(/^GITHUB_EVENT_PATH \/\S+: .*provenance-add-gha=false/);
    }
  });
});

describe('goJson', () => {
  test('keys sorted at every level, arrays kept in order', () => {
    expect(goJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
  });

  test('HTML-sensitive characters and line separators escaped, as Go escapes them', () => {
    expect(goJson({ s: '<a href="x">&</a>\u2028\u2029' })).toBe(
      '{"s":"\\u003ca href=\\"x\\"\\u003e\\u0026\\u003c/a\\u003e\\u2028\\u2029"}',
    );
    expect(JSON.parse(goJson({ s: '<&>' }))).toEqual({ s: '<&>' });
  });

  test('a "__proto__" key in the event stays an ordinary key', () => {
    expect(goJson(JSON.parse('{"__proto__":{"x":1},"a":2}'))).toBe('{"__proto__":{"x":1},"a":2}');
  });
});
