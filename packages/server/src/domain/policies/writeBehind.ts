/**
 * Writes a job does not stop for: each starts once the one before it has
 * landed (so they land in order, one in flight at a time) and the job goes on
 * working meanwhile, instead of waiting for every write to reach the disk.
 * `idle` tells whether the last write has landed, so a job can gather more
 * into the next write, or skip an update the next one supersedes, while the
 * disk is busy. A write that fails fails the next `write` or `settle`, so the
 * job still fails on it.
 */
export class WriteBehind {
  private last: Promise<unknown> = Promise.resolve();
  private inFlight = false;

  /** True when no write is in flight. */
  get idle(): boolean {
    return !this.inFlight;
  }

  /** Waits for the previous write (throwing its failure), then starts this one without waiting for it. */
  async write(start: () => Promise<unknown>): Promise<void> {
    await this.last;
    this.inFlight = true;
    const next = start().finally(() => {
      this.inFlight = false;
    });
    // Its failure is met by the next write or settle; until then it is not unhandled.
    next.catch(() => undefined);
    this.last = next;
  }

  /** Waits for the last write to land (throwing its failure). */
  async settle(): Promise<void> {
    await this.last;
  }
}
