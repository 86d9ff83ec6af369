/**
 * Token buckets for what the bridge sends unasked-for in volume: error replies (per sender and
 * all together) and new sessions. A flood of bad packets then costs the network at most
 * `perSecond` small replies per second, whatever the packet rate (issue 12.6: errors amplified
 * traffic 23× by bytes).
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    now: number,
  ) {
    this.tokens = burst;
    this.last = now;
  }

  /** Take one token if there is one (refilled continuously up to `burst`). */
  take(now: number): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** Per-key buckets, at most `maxKeys` remembered (the oldest forgotten first). */
export class KeyedBuckets {
  private readonly map = new Map<string, { bucket: TokenBucket; suppressed: number }>();

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly maxKeys: number,
  ) {}

  /** The key's bucket state (created full). */
  get(key: string, now: number): { bucket: TokenBucket; suppressed: number } {
    let e = this.map.get(key);
    if (!e) {
      if (this.map.size >= this.maxKeys) this.map.delete(this.map.keys().next().value as string);
      e = { bucket: new TokenBucket(this.burst, this.perSecond, now), suppressed: 0 };
      this.map.set(key, e);
    }
    return e;
  }
}
