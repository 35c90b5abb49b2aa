/**
 * The drivers, by buildx's name: adding a driver is adding its module and its line here; the node
 * lifecycle, main and post find it through `driverFor`. Each is loaded only when a node asks for it,
 * so that no run pays for a driver's client it does not use.
 */
import { UserError } from '../../util/errors.js';
import type { DriverName, NodeDriver } from '../driver.js';

const DRIVERS: Partial<Record<DriverName, () => Promise<NodeDriver>>> = {
  'docker-container': async () => (await import('./docker-container.js')).dockerContainer,
  remote: async () => (await import('./remote.js')).remote,
  docker: async () => (await import('./docker.js')).docker,
  kubernetes: async () => (await import('./kubernetes/index.js')).kubernetes,
};

export async function driverFor(name: DriverName): Promise<NodeDriver> {
  const load = DRIVERS[name];
  if (!load) throw new UserError(`driver ${name} is not available in this version of setup-buildkit`);
  return load();
}
