/**
 * An error the user can act on: it is printed as one line, without a stack trace.
 * `InputError` names the input, the value and what is accepted.
 */
export class UserError extends Error {
  override name = 'UserError';
}

export class InputError extends UserError {
  override name = 'InputError';
  constructor(
    readonly input: string,
    readonly value: string,
    readonly accepted: string,
  ) {
    super(`input "${input}": invalid value ${oneLine(JSON.stringify(value))}: ${oneLine(accepted)}`);
  }
}

/** Escapes what could break the line, JSON's quoting aside (it leaves U+2028, U+2029, U+0085 alone). */
function oneLine(text: string): string {
  return text.replace(/[\r\n\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The one line shown for any error: a UserError's own message, anything else's message. */
export function errorLine(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
