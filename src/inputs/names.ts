/**
 * The builder's and its nodes' names, as buildx derives them: node 0 is `<builder>0`, its container
 * `buildx_buildkit_<node>` and its state volume `<container>_state`. The name inputs are checked against them.
 */
const CONTAINER_PREFIX = 'buildx_buildkit_';
const VOLUME_SUFFIX = '_state';
/** The longest node name whose volume name (a directory on the engine's disk) fits in 255 bytes. */
export const MAX_NODE_NAME = 255 - CONTAINER_PREFIX.length - VOLUME_SUFFIX.length;

export interface NodeNames {
  builder: string;
  /** buildx's node name: for node 0, the builder name, lowercased, with index 0. */
  node: string;
  container: string;
  volume: string;
  /** What `buildctl --addr` takes. */
  endpoint: string;
}

/** A node's names; node 0 is `<builder>0`, as buildx names the first node. */
export function nodeNames(builder: string, node = `${builder.toLowerCase()}0`): NodeNames {
  const container = `${CONTAINER_PREFIX}${node}`;
  return { builder, node, container, volume: `${container}${VOLUME_SUFFIX}`, endpoint: `docker-container://${container}` };
}
