/**
 * A problem the user can fix. The message says what is wrong and what to do; hosts show it
 * (CLI: stderr + exit code, Max: console, OSC: /timbreremap/error) and never crash on it.
 */
export class UserError extends Error {
  constructor(message: string, readonly code = 'E_USER') {
    super(message);
    this.name = 'UserError';
  }
}

/** Result of a control-rate engine call: hosts route `warning`/`error` to their console. */
export type Status = { ok: true; warning?: string } | { ok: false; error: string };

export const ok = (warning?: string): Status => (warning ? { ok: true, warning } : { ok: true });
export const fail = (error: string): Status => ({ ok: false, error });

/** Message of any thrown value, for hosts that must not rethrow. */
export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
