import { randomUUID } from 'node:crypto';
import type { Collection, Doc, Store } from '../../store/collection.js';

/** Something that happened, for integrators: kept in order, read as a feed. */
export interface EventDoc extends Doc {
  type: string;
  at: string;
  /** Increasing per process start and time: the feed's order and cursor. */
  seq: string;
  data: Record<string, unknown>;
  /** Set until the webhook dispatcher has turned the event into deliveries. */
  pending?: true;
}

/**
 * Events written in the store beside the change they describe, so a
 * subscriber reading the feed (`GET /api/events?after=`) misses none.
 */
export class Outbox {
  readonly events: Collection<EventDoc>;
  private counter = 0;

  constructor(
    store: Store,
    private readonly clock: () => Date,
  ) {
    this.events = store.collection<EventDoc>('events');
  }

  async createIndexes(): Promise<void> {
    await this.events.createIndex({ name: 'events_by_seq', keys: { seq: 1 }, unique: true });
    await this.events.createIndex({ name: 'events_undispatched', keys: { pending: 1, seq: 1 }, partialFilterExpression: { pending: true } });
  }

  async publish(type: string, data: Record<string, unknown>): Promise<EventDoc> {
    const at = this.clock().toISOString();
    this.counter = (this.counter + 1) % 1_000_000;
    // Time first, then a counter and a random tail: unique, and in order within a process.
    const seq = `${at}|${String(this.counter).padStart(6, '0')}|${randomUUID().slice(0, 8)}`;
    const event: EventDoc = { _id: randomUUID(), type, at, seq, data, pending: true };
    await this.events.insertOne(event);
    return event;
  }

  feed(after: string | undefined, limit: number, type?: string): Promise<EventDoc[]> {
    return this.events.find({ ...(after ? { seq: { $gt: after } } : {}), ...(type ? { type } : {}) }, { sort: { seq: 1 }, limit, projection: { pending: 0 } });
  }

  /** Events not yet handed to the webhook dispatcher, oldest first. */
  undispatched(limit: number): Promise<EventDoc[]> {
    return this.events.find({ pending: true }, { sort: { seq: 1 }, limit });
  }

  async markDispatched(id: string): Promise<void> {
    await this.events.updateOne({ _id: id, pending: true }, { $unset: { pending: '' } });
  }
}
