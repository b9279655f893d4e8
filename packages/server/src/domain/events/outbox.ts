import type { AtomicWrite, Collection, Doc, Filter, Store, Update } from '../../store/collection.js';
import { isDuplicateKey } from '../../store/storeError.js';
import type { Leases } from '../jobs/leases.js';
import type { EventCarrier, StagedEvent } from './stagedEvents.js';
import { carrying, HAS_STAGED_EVENTS, pushing, STAGED_EVENTS, stagedEvent } from './stagedEvents.js';

/** Something that happened, for integrators: kept in order, read as a feed. */
export interface EventDoc extends Doc {
  type: string;
  at: string;
  /** The feed's order and cursor: increasing in the order events enter the feed. */
  seq: string;
  data: Record<string, unknown>;
  /**
   * On MongoDB, set until the webhook dispatcher has turned the event into
   * deliveries. The embedded store keeps a cursor instead (`eventCursors`);
   * there only a version before the cursor wrote it, read once to place it.
   */
  pending?: true;
}

/** How far a reader of the feed inside the server has gone, on the embedded store: the seq of the last event it is done with. */
interface CursorDoc extends Doc {
  after: string;
}

/** The webhook dispatcher's cursor. */
const DISPATCH_CURSOR = 'webhooks';

/** The lease under which one process at a time moves staged events into the feed. */
const RELAY_LEASE = 'events:relay';
const RELAY_LEASE_MS = 10_000;
const BATCH = 200;

/**
 * The transactional outbox. A change stages its event inside the document it
 * writes (`stage` with `carrying`/`pushing`), so both are stored by the same
 * write: a crash keeps both or neither. The relay then copies staged events
 * into the feed (`events`) under each event's own id, so a copy repeated
 * after a crash is refused by the store instead of doubled, and clears them
 * from their documents. One process relays at a time (a lease), so the feed's
 * `seq` grows in the order events appear and a reader's cursor skips nothing.
 *
 * A change made as a write group (`insertWrites`, `updateWrites`) on the
 * embedded store puts its events straight into the feed instead, in the same
 * group: that store has one writer, this process, and makes a group's writes
 * in the order they are asked, so an event given its `seq` as its write is
 * made still enters the feed in `seq` order. The event is then written once,
 * not carried, copied and cleared.
 */
export class Outbox {
  readonly events: Collection<EventDoc>;
  readonly cursors: Collection<CursorDoc>;
  private readonly carriers: Collection<Doc & EventCarrier>[];
  /** Whether write groups put their events straight into the feed (the embedded store). */
  private readonly direct: boolean;
  private staged = 0;
  private lastSeq = '';
  /** The lease holding during which `lastSeq` was read. */
  private seqReadIn: number | undefined;
  private pass: Promise<number> | undefined;
  private again: Promise<number> | undefined;

  constructor(
    store: Store,
    /** The collections whose documents may carry staged events. */
    carriers: readonly string[],
    private readonly deps: { clock: () => Date; leases: Leases },
  ) {
    this.events = store.collection<EventDoc>('events');
    this.cursors = store.collection<CursorDoc>('eventCursors');
    this.direct = store.kind === 'embedded';
    this.carriers = carriers.map((name) => store.collection<Doc & EventCarrier>(name));
  }

  async createIndexes(): Promise<void> {
    await this.events.createIndex({ name: 'events_by_seq', keys: { seq: 1 }, unique: true });
    if (this.direct) await this.placeDispatchCursor();
    else await this.events.createIndex({ name: 'events_undispatched', keys: { pending: 1, seq: 1 }, partialFilterExpression: { pending: true } });
    for (const carrier of this.carriers) {
      await carrier.createIndex({ name: 'staged_events', keys: { [HAS_STAGED_EVENTS]: 1 }, partialFilterExpression: { [HAS_STAGED_EVENTS]: true } });
    }
    // Events written straight into the feed take their seq from here on: after the feed's last.
    if (this.direct) this.raiseSeq(await this.lastSeqInFeed());
  }

  /** A new event, to be written in the write that makes the change: with `insertWrites` or `updateWrites` in a write group, or `carrying` or `pushing` in a single write. */
  stage(type: string, data: Record<string, unknown>): StagedEvent {
    this.staged += 1;
    return stagedEvent(type, data, this.deps.clock());
  }

  /**
   * The writes of a group that insert `doc` with `events`: carried by the
   * document and relayed later, or, on the embedded store, straight into the
   * feed beside it.
   */
  insertWrites(collection: string, doc: Doc, events: readonly StagedEvent[]): AtomicWrite[] {
    if (!this.direct) return [{ collection, insertOne: { document: carrying(doc, events) } }];
    return [{ collection, insertOne: { document: doc } }, ...this.feedWrites(events)];
  }

  /** The writes of a group that update one document with `events`, as `insertWrites` does for an insert. */
  updateWrites(collection: string, change: { filter: Filter; update: Update; mustMatch?: boolean }, events: readonly StagedEvent[]): AtomicWrite[] {
    if (!this.direct) return [{ collection, updateOne: { ...change, update: pushing(change.update, events) } }];
    return [{ collection, updateOne: change }, ...this.feedWrites(events)];
  }

  /** Each event into the feed, its seq given when its write is made (so in the order writes are made). */
  private feedWrites(events: readonly StagedEvent[]): AtomicWrite[] {
    return events.map((event) => ({ collection: this.events.name, insertOne: { make: () => this.entry(event) } }));
  }

  /** Relays the events this process staged, if any (a stopping process, before it closes the store). */
  flush(): Promise<number> {
    return this.staged > 0 ? this.relay() : Promise.resolve(0);
  }

  /**
   * Moves every staged event in the store into the feed, oldest first, when
   * this process holds the relay lease; returns how many entered the feed.
   * A pass starts after the call, so events staged before it are included.
   */
  relay(): Promise<number> {
    if (!this.pass) {
      this.pass = this.relayPass().finally(() => (this.pass = undefined));
      return this.pass;
    }
    this.again ??= this.pass.then(
      () => this.relay(),
      () => this.relay(),
    ).finally(() => (this.again = undefined));
    return this.again;
  }

  async feed(after: string | undefined, limit: number, type?: string): Promise<EventDoc[]> {
    await this.relay();
    return this.events.find({ ...(after ? { seq: { $gt: after } } : {}), ...(type ? { type } : {}) }, { sort: { seq: 1 }, limit, projection: { pending: 0 } });
  }

  /**
   * Events not yet handed to the webhook dispatcher, oldest first: after its
   * cursor on the embedded store, those flagged `pending` on MongoDB.
   *
   * The cursor suits the embedded store: its one process gives an event its
   * seq in the same step that makes it visible, so no event can appear behind
   * a cursor that has passed it, and each event is written once. On MongoDB a
   * relay whose lease ran out while it wrote could still add an event with an
   * earlier seq after another process moved on: there each event is flagged,
   * and the flag cleared once its deliveries exist.
   */
  async undispatched(limit: number): Promise<EventDoc[]> {
    if (!this.direct) return this.events.find({ pending: true }, { sort: { seq: 1 }, limit });
    return this.events.find({ seq: { $gt: await this.dispatchCursor() } }, { sort: { seq: 1 }, limit });
  }

  /** Marks events (in seq order) handed to the webhook dispatcher: the cursor moved past the last (never back), or their flags cleared in one write. */
  async markDispatched(events: readonly EventDoc[]): Promise<void> {
    if (events.length === 0) return;
    if (this.direct) await this.cursors.updateOne({ _id: DISPATCH_CURSOR }, { $max: { after: events.at(-1)!.seq } }, { upsert: true });
    else await this.events.updateMany({ _id: { $in: events.map((event) => event._id) }, pending: true }, { $unset: { pending: '' } });
  }

  /** The dispatcher's cursor ('' before any event: placed at start, by `createIndexes`). */
  private async dispatchCursor(): Promise<string> {
    return (await this.cursors.findOne({ _id: DISPATCH_CURSOR }))?.after ?? '';
  }

  /**
   * Places the dispatcher's cursor when the store has none, before this
   * version writes an event: at the feed's end, or, for a feed written by a
   * version that flagged undispatched events `pending`, just before the oldest
   * of them.
   */
  private async placeDispatchCursor(): Promise<void> {
    if (await this.cursors.findOne({ _id: DISPATCH_CURSOR })) return;
    const [oldestPending] = await this.events.find({ pending: true }, { sort: { seq: 1 }, limit: 1, projection: { seq: 1 } });
    const start = oldestPending
      ? ((await this.events.find({ seq: { $lt: oldestPending.seq } }, { sort: { seq: -1 }, limit: 1, projection: { seq: 1 } }))[0]?.seq ?? '')
      : await this.lastSeqInFeed();
    try {
      await this.cursors.insertOne({ _id: DISPATCH_CURSOR, after: start });
    } catch (error) {
      // Another process placed it at the same moment: theirs stands.
      if (!isDuplicateKey(error)) throw error;
    }
  }

  private async relayPass(): Promise<number> {
    this.staged = 0;
    if (!(await this.deps.leases.acquire(RELAY_LEASE, RELAY_LEASE_MS))) return 0;
    let moved = 0;
    for (;;) {
      const carried: Array<{ carrier: Collection<Doc & EventCarrier>; doc: Doc & EventCarrier }> = [];
      for (const carrier of this.carriers) {
        for (const doc of await carrier.find({ [HAS_STAGED_EVENTS]: true }, { limit: BATCH, projection: { [STAGED_EVENTS]: 1 } })) carried.push({ carrier, doc });
      }
      if (carried.length === 0) return moved;
      const events = carried.flatMap(({ doc }) => doc._events ?? []).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
      const since = this.deps.leases.heldSince(RELAY_LEASE);
      if (this.seqReadIn !== since) {
        // Another process may have relayed since this one last held the lease.
        this.raiseSeq(await this.lastSeqInFeed());
        this.seqReadIn = since;
      }
      moved += await this.appendAll(events);
      // Independent writes: the embedded store makes them durable with one flush.
      await Promise.all(carried.map(({ carrier, doc }) => this.clear(carrier, doc)));
      // A short batch was all there was: end the pass, so callers waiting for it are not held by a steady stream of new events.
      if (carried.length < BATCH) return moved;
    }
  }

  /** Copies staged events into the feed in one write; one by one when some were copied before (a pass cut short). */
  private async appendAll(events: StagedEvent[]): Promise<number> {
    try {
      return await this.events.insertMany(events.map((event) => this.entry(event)));
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    let moved = 0;
    for (const event of events) if (await this.append(event)) moved += 1;
    return moved;
  }

  /** Copies one staged event into the feed; false when it was copied before (a pass cut short). */
  private async append(event: StagedEvent): Promise<boolean> {
    try {
      await this.events.insertOne(this.entry(event));
      return true;
    } catch (error) {
      if (isDuplicateKey(error) && (await this.events.findOne({ _id: event._id }))) return false;
      throw error;
    }
  }

  /** A staged event as the feed keeps it: its next seq, and on MongoDB flagged for the webhook dispatcher. */
  private entry(event: StagedEvent): EventDoc {
    return { _id: event._id, type: event.type, at: event.at, seq: this.nextSeq(), data: event.data, ...(this.direct ? {} : { pending: true as const }) };
  }

  /** Removes relayed events from their document, keeping any staged since it was read. */
  private async clear(carrier: Collection<Doc & EventCarrier>, doc: Doc & EventCarrier): Promise<void> {
    const ids = (doc._events ?? []).map((event) => event._id);
    // Usually nothing was staged meanwhile: one write clears the document.
    const unchanged = await carrier.updateOne({ _id: doc._id, [STAGED_EVENTS]: { $size: ids.length }, [`${STAGED_EVENTS}.0._id`]: ids[0] }, { $unset: { [STAGED_EVENTS]: '', [HAS_STAGED_EVENTS]: '' } });
    if (unchanged.matchedCount === 1) return;
    await carrier.updateOne({ _id: doc._id }, { $pull: { [STAGED_EVENTS]: { _id: { $in: ids } } } });
    await carrier.updateOne({ _id: doc._id, [STAGED_EVENTS]: { $size: 0 } }, { $unset: { [STAGED_EVENTS]: '', [HAS_STAGED_EVENTS]: '' } });
  }

  /** The feed's last seq ('' for an empty feed). */
  private async lastSeqInFeed(): Promise<string> {
    return (await this.events.find({}, { sort: { seq: -1 }, limit: 1, projection: { seq: 1 } }))[0]?.seq ?? '';
  }

  /** Never lowers the last seq: an event this process wrote meanwhile may be past what a read found. */
  private raiseSeq(seq: string): void {
    if (seq > this.lastSeq) this.lastSeq = seq;
  }

  /** Time first, then a counter: never below the feed's last seq, even when this clock is behind another process's. */
  private nextSeq(): string {
    const now = this.deps.clock().toISOString();
    const [lastTime = '', lastCount = '0'] = this.lastSeq.split('|');
    this.lastSeq = now > lastTime ? `${now}|${'0'.padStart(9, '0')}` : `${lastTime}|${String(Number.parseInt(lastCount, 10) + 1).padStart(9, '0')}`;
    return this.lastSeq;
  }
}
