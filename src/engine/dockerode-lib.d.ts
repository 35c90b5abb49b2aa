/**
 * Types for the dockerode modules imported one by one (docker-client.ts); @types/dockerode describes
 * only the package's entry point, whose classes these are.
 */
declare module 'dockerode/lib/container.js' {
  import type Modem from 'docker-modem';
  import type Docker from 'dockerode';
  const Container: new (modem: Modem, id: string) => Docker.Container;
  export default Container;
}
declare module 'dockerode/lib/image.js' {
  import type Modem from 'docker-modem';
  import type Docker from 'dockerode';
  const Image: new (modem: Modem, name: string) => Docker.Image;
  export default Image;
}
declare module 'dockerode/lib/volume.js' {
  import type Modem from 'docker-modem';
  import type Docker from 'dockerode';
  const Volume: new (modem: Modem, name: string) => Docker.Volume;
  export default Volume;
}
declare module 'dockerode/lib/util.js' {
  export function parseRepositoryTag(ref: string): { repository: string; tag?: string };
}
