import type { AtomicWrite, Collection, Doc, Store, StoreHealth, UpdateResult } from '../../src/store/collection.js';

/** The methods of a collection that write. */
const WRITES = new Set(['insertOne', 'insertMany', 'updateOne', 'updateMany', 'findOneAndUpdate', 'deleteOne', 'deleteMany']);

/** The error a failing store throws where it was told to fail: as a crash or a lost connection would stop a change there. */
export class InjectedFailure extends Error {
  override readonly name = 'InjectedFailure';
}

/**
 * A store that makes one chosen write fail, once: the Nth write from now
 * (of one collection, when named). A write is a collection's write call, or
 * one write of an atomic group; a group with a failing write fails whole,
 * before anything of it is written, as a store that crashed before its log
 * entry was on disk. Everything else goes to the store it wraps.
 */
export class FailingStore implements Store {
  private armed: { countdown: number; collection?: string } | undefined;
  /** Writes seen since the last `failAt` (of its collection, when named). */
  seen = 0;
  /** Whether the armed failure happened. */
  tripped = false;

  constructor(readonly inner: Store) {}

  get kind(): Store['kind'] {
    return this.inner.kind;
  }

  /** Makes the `n`th write from now fail once (counting only `collection`'s writes, when given). */
  failAt(n: number, collection?: string): void {
    this.armed = { countdown: n, ...(collection ? { collection } : {}) };
    this.seen = 0;
    this.tripped = false;
  }

  /** No failure armed. */
  disarm(): void {
    this.armed = undefined;
  }

  private check(collection: string): void {
    const armed = this.armed;
    if (!armed || (armed.collection && armed.collection !== collection)) return;
    this.seen += 1;
    armed.countdown -= 1;
    if (armed.countdown > 0) return;
    this.armed = undefined;
    this.tripped = true;
    throw new InjectedFailure(`Injected failure at write ${this.seen} (${collection})`);
  }

  collection<T extends Doc = Doc>(name: string): Collection<T> {
    const inner = this.inner.collection<T>(name);
    return new Proxy(inner, {
      get: (target, property) => {
        const value = Reflect.get(target, property) as unknown;
        if (typeof value !== 'function') return value;
        const method = value as (...args: unknown[]) => unknown;
        if (!WRITES.has(String(property))) return method.bind(target);
        return (...args: unknown[]) => {
          this.check(name);
          return method.apply(target, args);
        };
      },
    });
  }

  writeAtomically(writes: readonly AtomicWrite[]): Promise<UpdateResult[]> {
    try {
      for (const write of writes) this.check(write.collection);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.inner.writeAtomically(writes);
  }

  health(): Promise<StoreHealth> {
    return this.inner.health();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
