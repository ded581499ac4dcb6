/**
 * Per-connection rate limits: token buckets for messages and bytes per second. A
 * client that exceeds either is closed with 4429 (and reconnects later with backoff);
 * the bucket's burst lets a reconnecting client send its whole state at once.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.last = this.now();
  }

  /** Take `cost` tokens; false when there are not enough (nothing is taken then). */
  take(cost = 1): boolean {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.ratePerSecond);
    this.last = t;
    if (cost > this.tokens) return false;
    this.tokens -= cost;
    return true;
  }
}

export interface RateLimitConfig {
  messagesPerSecond: number;
  messageBurst: number;
  bytesPerSecond: number;
  byteBurst: number;
}

export class ConnectionLimiter {
  private readonly messages: TokenBucket;
  private readonly bytes: TokenBucket;

  constructor(config: RateLimitConfig, now?: () => number) {
    this.messages = new TokenBucket(config.messagesPerSecond, config.messageBurst, now);
    this.bytes = new TokenBucket(config.bytesPerSecond, config.byteBurst, now);
  }

  /** Whether a message of `size` bytes may be processed now. */
  allow(size: number): boolean {
    return this.messages.take(1) && this.bytes.take(size);
  }
}
