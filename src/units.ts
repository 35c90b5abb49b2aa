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
