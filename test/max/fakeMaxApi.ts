/**
 * A fake `max-api` that behaves like the documented one (docs.cycling74.com/nodeformax/api;
 * Cycling74/n4m-core-examples): enums, addHandler/addHandlers (several handlers per selector),
 * outlet/post returning promises, and Max → Node delivery where the selector's own handlers run
 * first and then every MESSAGE_TYPES.ALL handler with (handled, selector, ...args).
 */
import type { MaxApiLike } from '../../src/hosts/max/maxApi';

type Fn = (...args: any[]) => unknown;

export class FakeMaxApi implements MaxApiLike {
  readonly MESSAGE_TYPES = { ALL: 'all', BANG: 'bang', DICT: 'dict', NUMBER: 'number', LIST: 'list' } as const;
  readonly POST_LEVELS = { ERROR: 'error', INFO: 'info', WARN: 'warn' } as const;
  readonly handlers = new Map<string, Fn[]>();
  readonly outlets: Array<Array<string | number>> = [];
  readonly posts: Array<{ text: string; level: string }> = [];

  addHandler(selector: string, handler: Fn): void {
    const list = this.handlers.get(selector) ?? [];
    list.push(handler);
    this.handlers.set(selector, list);
  }

  addHandlers(handlers: Record<string, Fn>): void {
    for (const [k, f] of Object.entries(handlers)) this.addHandler(k, f);
  }

  async outlet(...args: Array<string | number>): Promise<void> {
    for (const a of args) if (typeof a !== 'string' && typeof a !== 'number') throw new TypeError(`outlet: ${typeof a} is not a Max atom`);
    this.outlets.push(args);
  }

  async post(...args: Array<string | number>): Promise<void> {
    const levels: string[] = Object.values(this.POST_LEVELS);
    const last = args[args.length - 1];
    const level = args.length > 1 && typeof last === 'string' && levels.includes(last) ? (args.pop() as string) : 'info';
    this.posts.push({ text: args.join(' '), level });
  }

  /** Max sends `selector args…` to node.script. */
  async send(selector: string, ...args: Array<string | number>): Promise<void> {
    const own = this.handlers.get(selector) ?? [];
    for (const h of own) await h(...args);
    for (const h of this.handlers.get(this.MESSAGE_TYPES.ALL) ?? []) await h(own.length > 0, selector, ...args);
  }

  /** Answers with this selector, oldest first. */
  answers(selector: string): Array<Array<string | number>> {
    return this.outlets.filter((o) => o[0] === selector).map((o) => o.slice(1));
  }
}
