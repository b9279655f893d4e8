/** Most keys kept at once; past it the oldest go first. */
const MAX_KEYS = 1000;

interface Entry<T> {
  value: Promise<T>;
  /** When the value was ready (undefined while it is being computed), and until when it is reused. */
  readyAt?: number;
  until?: number;
}

/**
 * Values computed per key and reused for `ttlMs` by the app's clock. A caller
 * asking for a key whose value is being computed waits for that same
 * computation, so identical requests at once cost one. A failed computation
 * is not kept; a clock set back (tests) makes a value stale.
 */
export class ScopedCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly ttlMs: number,
    private readonly clock: () => Date,
  ) {}

  get(key: string, compute: () => Promise<T>): Promise<T> {
    const now = this.clock().getTime();
    const found = this.entries.get(key);
    if (found && (found.readyAt === undefined || (found.readyAt <= now && now < found.until!))) return found.value;
    const entry: Entry<T> = { value: compute() };
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.trim();
    entry.value.then(
      () => {
        entry.readyAt = this.clock().getTime();
        entry.until = entry.readyAt + this.ttlMs;
        if (this.ttlMs <= 0 && this.entries.get(key) === entry) this.entries.delete(key);
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return entry.value;
  }

  /** Keys held (values ready or being computed). */
  get size(): number {
    return this.entries.size;
  }

  private trim(): void {
    for (const key of this.entries.keys()) {
      if (this.entries.size <= MAX_KEYS) return;
      this.entries.delete(key);
    }
  }
}
