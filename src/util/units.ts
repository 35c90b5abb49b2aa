/**
 * Docker's and Go's notations, and how sizes and times are shown.
 *
 * Docker's size notation (go-units RAMInBytes, what buildx uses for memory and memory-swap):
 * a decimal number, an optional space, an optional binary unit k/m/g/t/p, optional "i" and "b".
 */
const SIZE = /^(\d+(?:\.\d+)?) ?([kmgtp])?(i)?(b)?$/i;
const POWERS: Record<string, number> = { k: 1, m: 2, g: 3, t: 4, p: 5 };

/** Bytes, or undefined when the text is not a size. */
export function ramInBytes(text: string): number | undefined {
  const m = SIZE.exec(text);
  if (!m) return undefined;
  const unit = m[2]?.toLowerCase();
  // "i" without a unit ("4ib") is not a size; a bare "b" is bytes.
  if (m[3] && !unit) return undefined;
  return Math.trunc(Number(m[1]) * 1024 ** (unit ? POWERS[unit] : 0));
}

/** Bytes as megabytes with one decimal, as the logs and the summary show sizes. */
export function megabytes(bytes: number): string {
  return (bytes / 1e6).toFixed(1);
}

/** The seconds since `start` (a Date.now()), with one decimal. */
export function secondsSince(start: number): string {
  return ((Date.now() - start) / 1000).toFixed(1);
}

/** Go's strconv.ParseBool, which buildx applies to driver-opts and to GITHUB_ACTIONS: undefined when not a bool. */
export function goBool(text: string): boolean | undefined {
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(text)) return false;
  return undefined;
}

/** A Go-style duration ("90s", "2m", "1m30s", "500ms") or a bare number of seconds, in milliseconds. */
export function durationMs(text: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const part = /(\d+(?:\.\d+)?)(ms|h|m|s)/gy;
  const scale: Record<string, number> = { ms: 1, s: 1000, m: 60000, h: 3600000 };
  let total = 0;
  let end = 0;
  for (let m = part.exec(text); m; m = part.exec(text)) {
    total += Number(m[1]) * scale[m[2]];
    end = part.lastIndex;
  }
  return end > 0 && end === text.length ? total : undefined;
}

/** A number without trailing zeros, at most `digits` decimals ("1.5", "48"). */
function trimmed(n: number, digits: number): string {
  return String(Number(n.toFixed(digits)));
}

/** Go's time.Duration String() of nanoseconds: "48h0m0s", "1m30s", "1.5s", "500ms", "0s". */
export function goDuration(ns: number): string {
  if (ns < 0) return `-${goDuration(-ns)}`;
  if (ns === 0) return '0s';
  if (ns < 1e3) return `${ns}ns`;
  if (ns < 1e6) return `${trimmed(ns / 1e3, 3)}µs`;
  if (ns < 1e9) return `${trimmed(ns / 1e6, 6)}ms`;
  const h = Math.floor(ns / 3.6e12);
  const m = Math.floor((ns % 3.6e12) / 6e10);
  const s = (ns % 6e10) / 1e9;
  return `${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${trimmed(s, 9)}s`;
}

const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];

/** go-units BytesSize, as buildx shows sizes: binary units, four significant digits ("1.863GiB", "512MiB"). */
export function bytesSize(bytes: number): string {
  let size = bytes;
  let unit = 0;
  while (size >= 1024 && unit < BINARY_UNITS.length - 1) {
    size /= 1024;
    unit++;
  }
  return `${Number(size.toPrecision(4))}${BINARY_UNITS[unit]}`;
}
