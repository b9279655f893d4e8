import { newId } from '../../store/newId.js';
import type { Doc, Update } from '../../store/collection.js';

/**
 * An event written inside the document whose change it reports, in the same
 * write: the change and its event are stored together or not at all. The
 * outbox later moves it to the event feed.
 */
export interface StagedEvent {
  _id: string;
  type: string;
  at: string;
  data: Record<string, unknown>;
}

/** The fields a document carries its staged events in; never shown to API callers. */
export const STAGED_EVENTS = '_events';
export const HAS_STAGED_EVENTS = '_eventsPending';

/** Fields of a document that carries staged events. */
export interface EventCarrier {
  _events?: StagedEvent[];
  _eventsPending?: true;
}

/** A new event, to be staged in a write. */
export function stagedEvent(type: string, data: Record<string, unknown>, at: Date): StagedEvent {
  return { _id: newId(), type, at: at.toISOString(), data };
}

/** A document to insert, carrying events. */
export function carrying<T extends Doc>(doc: T, events: readonly StagedEvent[]): T {
  if (events.length === 0) return doc;
  return { ...doc, [STAGED_EVENTS]: [...events], [HAS_STAGED_EVENTS]: true };
}

/** An update that also stages events (merged into its own `$push` and `$set`). */
export function pushing(update: Update, events: readonly StagedEvent[]): Update {
  if (events.length === 0) return update;
  const push = (update['$push'] ?? {}) as Record<string, unknown>;
  const set = (update['$set'] ?? {}) as Record<string, unknown>;
  return { ...update, $push: { ...push, [STAGED_EVENTS]: { $each: [...events] } }, $set: { ...set, [HAS_STAGED_EVENTS]: true } };
}

/** A document as callers see it: without the events it carries. */
export function withoutStaged<T extends Doc>(doc: T): T;
export function withoutStaged<T extends Doc>(doc: T | null): T | null;
export function withoutStaged<T extends Doc>(doc: T | null): T | null {
  if (!doc || !(STAGED_EVENTS in doc || HAS_STAGED_EVENTS in doc)) return doc;
  const { [STAGED_EVENTS]: _events, [HAS_STAGED_EVENTS]: _pending, ...rest } = doc as T & EventCarrier;
  return rest as T;
}
