/**
 * What the abstractions print in the Pd window, built once: one line for a message they do not
 * know, naming what they accept (`tr.808~: unknown message "foo 1"; accepted: …`), and the check of
 * creation arguments. Pd's `[print NAME]` prints `NAME: …`; lists that start with a symbol are
 * printed as a message (`[list trim]`) so no "list" word appears.
 */
import { PdCanvas } from './patch';

/**
 * A subpatch with one inlet: any message into it prints
 * `OBJECT: unknown message MSG - accepted: A / B / …` and nothing else happens.
 * `accepted`: the messages, as the help patch names them (no commas or semicolons).
 */
export function unknownMessage(object: string, accepted: readonly string[]): PdCanvas {
  for (const a of accepted) if (/[,;]/.test(a)) throw new Error(`build-pd: "${a}" cannot be printed by a Pd list (comma or semicolon)`);
  const c = new PdCanvas({ x: 100, y: 100, width: 700, height: 260 });
  const inlet = c.obj(20, 20, 'inlet');
  // bang, float and symbol messages have no selector of their own in a list: name them.
  const route = c.obj(20, 50, 'route bang float symbol');
  const bang = c.obj(20, 80, 'list prepend bang');
  const float = c.obj(80, 80, 'list prepend float');
  const symbol = c.obj(220, 80, 'list prepend symbol');
  const prepend = c.obj(20, 120, 'list prepend unknown message');
  const append = c.obj(20, 150, `list append - accepted: ${accepted.join(' / ')}`);
  const trim = c.obj(20, 180, 'list trim');
  const print = c.obj(20, 210, `print ${object}`);
  c.connect(inlet, 0, route, 0);
  c.connect(route, 0, bang, 0).connect(bang, 0, prepend, 0);
  c.connect(route, 1, float, 0).connect(float, 0, prepend, 0);
  c.connect(route, 2, symbol, 0).connect(symbol, 0, prepend, 0);
  c.connect(route, 3, prepend, 0);
  c.chain(prepend, append, trim, print);
  return c;
}
