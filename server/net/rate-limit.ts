/**
 * Token buckets: `capacity` tokens, refilled at `perSecond`. A bucket that
 * cannot pay says how long until it can, for Retry-After.
 *
 * Time is monotonic (performance.now): the wall clock steps (NTP, a laptop
 * waking, a VM resumed), and a bucket refilled from Date.now() after a step
 * back lost as many tokens as the step was long, locking everyone out.
 */
const monotonicNow = () => performance.now();
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;
  readonly capacity: number;
  readonly perSecond: number;
  private readonly now: () => number;

  constructor(capacity: number, perSecond: number, now: () => number = monotonicNow) {
    this.capacity = capacity;
    this.perSecond = perSecond;
    this.now = now;
    this.tokens = capacity;
    this.updatedAt = now();
  }

  /** Takes `cost` tokens if there are enough; otherwise takes nothing. */
  take(cost = 1): boolean {
    this.refill();
    if (this.tokens < cost) return false;
    this.tokens -= cost;
    return true;
  }

  /** Milliseconds until `cost` tokens are available. */
  waitMs(cost = 1): number {
    this.refill();
    return this.tokens >= cost ? 0 : Math.ceil(((cost - this.tokens) / this.perSecond) * 1000);
  }

  /** True when the bucket is full again, so it can be forgotten. */
  isIdle(): boolean {
    this.refill();
    return this.tokens >= this.capacity;
  }

  private refill(): void {
    const now = this.now();
    // A clock that went backwards refills nothing rather than draining the bucket.
    const elapsedMs = Math.max(0, now - this.updatedAt);
    this.tokens = Math.min(this.capacity, this.tokens + (elapsedMs / 1000) * this.perSecond);
    this.updatedAt = now;
  }
}

/** One bucket per key (an IP address), forgetting full buckets so memory stays bounded. */
export class KeyedRateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly capacity: number;
  private readonly perSecond: number;
  private readonly now: () => number;
  private lastSweep: number;

  constructor(capacity: number, perSecond: number, now: () => number = monotonicNow) {
    this.capacity = capacity;
    this.perSecond = perSecond;
    this.now = now;
    this.lastSweep = now();
  }

  /** 0 when allowed (and charged), else the milliseconds to wait. */
  check(key: string, cost = 1): number {
    this.sweep();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(this.capacity, this.perSecond, this.now);
      this.buckets.set(key, bucket);
    }
    return bucket.take(cost) ? 0 : Math.max(1, bucket.waitMs(cost));
  }

  get size(): number {
    return this.buckets.size;
  }

  private sweep(): void {
    const SWEEP_INTERVAL_MS = 60_000;
    const sinceSweep = this.now() - this.lastSweep;
    if (sinceSweep >= 0 && sinceSweep < SWEEP_INTERVAL_MS) return;
    this.lastSweep = this.now();
    for (const [key, bucket] of this.buckets) if (bucket.isIdle()) this.buckets.delete(key);
  }
}
