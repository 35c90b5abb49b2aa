/**
 * OCI platforms as buildx and containerd normalise them: "linux/arm64", "arm64", "linux/arm/v7".
 */
export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

const KNOWN_OS = ['linux', 'windows', 'darwin', 'freebsd', 'netbsd', 'openbsd', 'illumos', 'solaris'];
const KNOWN_ARCHITECTURES = [
  'amd64',
  '386',
  'arm64',
  'arm',
  'ppc64le',
  'ppc64',
  's390x',
  'riscv64',
  'mips64le',
  'mips64',
  'mipsle',
  'mips',
  'loong64',
];
/** containerd's architecture aliases, with the variant they imply. */
const ARCH_ALIASES: Record<string, [string, string?]> = {
  x86_64: ['amd64'],
  'x86-64': ['amd64'],
  aarch64: ['arm64'],
  i386: ['386'],
  i686: ['386'],
  armhf: ['arm', 'v7'],
  armel: ['arm', 'v6'],
};
const VARIANTS: Record<string, string[]> = {
  arm: ['v5', 'v6', 'v7', 'v8'],
  arm64: ['v8', 'v8.0', 'v8.1', 'v8.2', 'v8.3', 'v8.4', 'v8.5', 'v8.6', 'v8.7', 'v8.8', 'v9', 'v9.0', 'v9.1', 'v9.2'],
  amd64: ['v1', 'v2', 'v3', 'v4'],
};

export const ACCEPTED_PLATFORMS =
  'os/arch[/variant] or arch, with os one of ' + KNOWN_OS.join(', ') + ' and arch one of ' + KNOWN_ARCHITECTURES.join(', ');

/** The normalised platform, or undefined when the text names no known os/architecture. */
export function parsePlatform(text: string): Platform | undefined {
  const parts = text.trim().toLowerCase().split('/');
  if (parts.length > 3 || parts.some((p) => p === '')) return undefined;
  const [os, parsedArch, parsedVariant]: (string | undefined)[] = parts.length === 1 ? ['linux', parts[0]] : parts;
  if (!os || !parsedArch) return undefined;
  let arch: string = parsedArch;
  let variant: string | undefined = parsedVariant;
  const alias = ARCH_ALIASES[arch];
  if (alias) [arch, variant] = [alias[0], variant ?? alias[1]];
  if (!KNOWN_OS.includes(os) || !KNOWN_ARCHITECTURES.includes(arch)) return undefined;
  if (variant !== undefined && !(VARIANTS[arch] ?? []).includes(variant)) return undefined;
  // containerd: arm defaults to v7; arm64/v8 and amd64/v1 are the plain architectures.
  if (arch === 'arm' && variant === undefined) variant = 'v7';
  if ((arch === 'arm64' && variant === 'v8') || (arch === 'amd64' && variant === 'v1')) variant = undefined;
  return variant ? { os, architecture: arch, variant } : { os, architecture: arch };
}

export function formatPlatform(p: Platform): string {
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}

/**
 * A name for a set of platforms that fits where a slash does not (artifact names, cache scopes,
 * tags): "linux/arm/v7" is "linux-arm-v7", several are joined by "_".
 */
export function platformPair(platforms: string[]): string {
  return platforms.map((p) => p.replaceAll('/', '-')).join('_');
}
