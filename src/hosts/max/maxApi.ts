/**
 * The one module that touches Node for Max's `max-api` (it exists only inside a running
 * [node.script]; the npm package of that name is a stub that throws). Everything else in the Max
 * host talks to `MaxApiLike`, so tests drive it with a fake that behaves like the documented API
 * (docs.cycling74.com/nodeformax/api, @types/max-api 2.0).
 */
export interface MaxApiLike {
  readonly MESSAGE_TYPES: { readonly ALL: string; readonly BANG: string; readonly DICT: string; readonly NUMBER: string; readonly LIST: string };
  readonly POST_LEVELS: { readonly ERROR: string; readonly INFO: string; readonly WARN: string };
  addHandler(selector: string, handler: (...args: any[]) => unknown): void;
  addHandlers(handlers: Record<string, (...args: any[]) => unknown>): void;
  outlet(...args: Array<string | number>): Promise<void>;
  post(...args: Array<string | number>): Promise<void>;
}

/** The real API; call only from the node.script entry file. */
export function requireMaxApi(): MaxApiLike {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('max-api') as MaxApiLike;
}
