/**
 * What the bundle gets for `undici` (tsconfig.json's `paths`, which ncc applies to every import in the
 * bundle). @actions/http-client imports undici as it loads, for one method, `getAgentDispatcher`
 * (a proxy for clients built on fetch), which nothing in this bundle calls: @actions/core, cache and
 * tool-cache send their requests through http-client's own node:http agents. The real undici only
 * cost every step its loading.
 */
export class ProxyAgent {
  constructor() {
    throw new Error('undici is not bundled: nothing in this action should reach HttpClient.getAgentDispatcher');
  }
}
