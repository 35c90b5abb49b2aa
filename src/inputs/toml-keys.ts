/**
 * Every key a TOML document names, at every depth (table headers, dotted keys, inline tables, arrays
 * of inline tables), decoded as the parser will decode it, read without building anything: a
 * skimming pass over TOML 1.0's grammar that only separates keys from comments, strings and other
 * values. It lets the config guard look at keys before @iarna/toml builds objects from them (see
 * buildkitd-config.ts), and leave comments and values alone. Where the text stops being TOML this
 * pass can follow, `unreadFrom` says where: the keys before it are all there; the parser refuses the
 * text there or earlier, and the caller is cautious about the rest.
 */

class Unreadable extends Error {}

const BARE_KEY = /[A-Za-z0-9_-]/;
const ESCAPES: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\' };

interface TomlKey {
  name: string;
  /** Where in the text the key starts. */
  at: number;
}

export interface TomlKeys {
  keys: TomlKey[];
  /** Where the text stopped being readable, if it did. */
  unreadFrom?: number;
}

export function tomlKeys(text: string): TomlKeys {
  const skimmer = new Skimmer(text);
  try {
    skimmer.document();
    return { keys: skimmer.keys };
  } catch (err) {
    if (err instanceof Unreadable) return { keys: skimmer.keys, unreadFrom: skimmer.lineStart };
    throw err;
  }
}

class Skimmer {
  private i = 0;
  readonly keys: TomlKey[] = [];
  /** Where the expression being read began: a key in it may not have been recorded yet. */
  lineStart = 0;
  constructor(private readonly text: string) {}

  document(): void {
    while (this.i < this.text.length) {
      this.lineStart = this.i;
      this.spaces();
      const c = this.text[this.i];
      if (c === '[') {
        const double = this.text[this.i + 1] === '[';
        this.i += double ? 2 : 1;
        this.key();
        this.expect(double ? ']]' : ']');
      } else if (c !== undefined && c !== '#' && c !== '\n' && c !== '\r') {
        this.keyValue();
      }
      this.lineEnd();
    }
  }

  private fail(): never {
    throw new Unreadable();
  }

  private spaces(): void {
    while (this.text[this.i] === ' ' || this.text[this.i] === '\t') this.i++;
  }

  /** Spaces, newlines and comments, as between an array's values. */
  private blank(): void {
    for (;;) {
      this.spaces();
      const c = this.text[this.i];
      if (c === '#') while (this.i < this.text.length && this.text[this.i] !== '\n') this.i++;
      else if (c === '\n' || c === '\r') this.i++;
      else return;
    }
  }

  private lineEnd(): void {
    this.spaces();
    if (this.text[this.i] === '#') while (this.i < this.text.length && this.text[this.i] !== '\n') this.i++;
    if (this.text[this.i] === '\r') this.i++;
    if (this.i < this.text.length && this.text[this.i] !== '\n') this.fail();
    this.i++;
  }

  private expect(token: string): void {
    this.spaces();
    if (!this.text.startsWith(token, this.i)) this.fail();
    this.i += token.length;
  }

  /** A dotted key; each part is recorded. */
  private key(): void {
    for (;;) {
      this.spaces();
      const at = this.i;
      this.keys.push({ name: this.simpleKey(), at });
      this.spaces();
      if (this.text[this.i] !== '.') return;
      this.i++;
    }
  }

  private simpleKey(): string {
    const c = this.text[this.i];
    if (c === '"') return this.basicString();
    if (c === "'") return this.literalString();
    const start = this.i;
    while (this.i < this.text.length && BARE_KEY.test(this.text[this.i]!)) this.i++;
    if (this.i === start) this.fail();
    return this.text.slice(start, this.i);
  }

  private keyValue(): void {
    this.key();
    this.expect('=');
    this.spaces();
    this.value();
  }

  private value(): void {
    const t = this.text;
    if (t.startsWith('"""', this.i)) this.multiLine('"""');
    else if (t.startsWith("'''", this.i)) this.multiLine("'''");
    else if (t[this.i] === '"') this.basicString();
    else if (t[this.i] === "'") this.literalString();
    else if (t[this.i] === '[') this.array();
    else if (t[this.i] === '{') this.inlineTable();
    else {
      // A number, boolean or date-time (which may hold one space): up to what ends a value.
      const start = this.i;
      while (this.i < t.length && !/[,\]}#\r\n]/.test(t[this.i]!)) this.i++;
      if (t.slice(start, this.i).trim() === '') this.fail();
    }
  }

  private array(): void {
    this.i++;
    for (;;) {
      this.blank();
      if (this.text[this.i] === ']') break;
      this.value();
      this.blank();
      if (this.text[this.i] === ',') this.i++;
      else if (this.text[this.i] !== ']') this.fail();
    }
    this.i++;
  }

  private inlineTable(): void {
    this.i++;
    this.spaces();
    if (this.text[this.i] === '}') {
      this.i++;
      return;
    }
    for (;;) {
      this.keyValue();
      this.spaces();
      if (this.text[this.i] === '}') break;
      if (this.text[this.i] !== ',') this.fail();
      this.i++;
    }
    this.i++;
  }

  private basicString(): string {
    let out = '';
    for (this.i++; ;) {
      const c = this.text[this.i++];
      if (c === undefined || c === '\n') this.fail();
      if (c === '"') return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.text[this.i++];
      if (e === 'u' || e === 'U') {
        const hex = this.text.slice(this.i, this.i + (e === 'u' ? 4 : 8));
        if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== (e === 'u' ? 4 : 8)) this.fail();
        const cp = parseInt(hex, 16);
        if (cp > 0x10ffff) this.fail();
        out += String.fromCodePoint(cp);
        this.i += hex.length;
      } else if (e !== undefined && ESCAPES[e] !== undefined) out += ESCAPES[e];
      else this.fail();
    }
  }

  private literalString(): string {
    const end = this.text.indexOf("'", this.i + 1);
    const nl = this.text.indexOf('\n', this.i + 1);
    if (end === -1 || (nl !== -1 && nl < end)) this.fail();
    const out = this.text.slice(this.i + 1, end);
    this.i = end + 1;
    return out;
  }

  /** A multi-line string: up to the closing delimiter, which may be followed by one or two more quotes. */
  private multiLine(delim: string): void {
    let j = this.i + 3;
    for (;;) {
      if (delim === '"""' && this.text[j] === '\\') {
        j += 2;
        continue;
      }
      if (j >= this.text.length) this.fail();
      if (this.text.startsWith(delim, j)) break;
      j++;
    }
    // Up to two quotes just before the delimiter belong to the string.
    for (let extra = 0; extra < 2 && this.text[j + 3] === delim[0]; extra++) j++;
    this.i = j + 3;
  }
}
