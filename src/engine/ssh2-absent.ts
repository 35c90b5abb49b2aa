/**
 * What the bundle gets for `ssh2` (tsconfig.json's `paths`, which ncc applies to every import in the
 * bundle, docker-modem's included). docker-modem requires ssh2 as it loads, for `ssh://` engines,
 * but this action never gives it an `ssh` protocol: ssh engines go through the system's OpenSSH
 * (ssh-transport.ts), so the real ssh2 only cost every step its loading and a native addon.
 */
export class Client {
  constructor() {
    throw new Error("ssh2 is not bundled: ssh:// engines go through the system's ssh (ssh-transport.ts)");
  }
}
