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
    super(`input "${input}": invalid value ${JSON.stringify(value)}: ${accepted}`);
  }
}

/** The one line shown for any error: a UserError's own message, anything else's message. */
export function errorLine(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
