import { newId } from '../../store/newId.js';
import type { Principal } from '../../auth/principal.js';
import type { AtomicWrite, Collection, Doc, Filter, Store } from '../../store/collection.js';

export interface AuditEntry extends Doc {
  at: string;
  actor: { id: string; username: string; role: string; kind: string; via?: { keyId: string; keyName: string } };
  action: string;
  subject: string;
  data: Record<string, unknown>;
  /** Teams the entry concerns, so managers see their teams' entries. */
  teams: string[];
}

/** What is recorded: who did what to which subject, with which data, for which teams (default: the actor's). */
export interface AuditInput {
  actor: Principal;
  action: string;
  subject: string;
  data?: Record<string, unknown>;
  teams?: string[];
}

/** The append-only audit trail: who did what, when, with which rule and template versions. */
export class AuditLog {
  readonly entries: Collection<AuditEntry>;

  constructor(
    store: Store,
    private readonly clock: () => Date,
  ) {
    this.entries = store.collection<AuditEntry>('audit');
  }

  /** The listing's order, newest first: on the embedded store an ordered index serves a page without sorting the trail. */
  async createIndexes(): Promise<void> {
    await this.entries.createIndex({ name: 'audit_by_time', keys: { at: -1 } });
  }

  /** Records an entry on its own. */
  async record(input: AuditInput): Promise<void> {
    await this.entries.insertOne(this.entry(input));
  }

  /** The entry as a write of a group (`WriteGroup`): recorded with the change it reports, or not at all. */
  entryWrite(input: AuditInput): AtomicWrite {
    return { collection: this.entries.name, insertOne: { document: this.entry(input) } };
  }

  private entry(input: AuditInput): AuditEntry {
    return {
      _id: newId(),
      at: this.clock().toISOString(),
      actor: { id: input.actor.id, username: input.actor.username, role: input.actor.role, kind: input.actor.kind, ...(input.actor.via ? { via: input.actor.via } : {}) },
      action: input.action,
      subject: input.subject,
      data: input.data ?? {},
      teams: input.teams ?? input.actor.teams,
    };
  }

  list(filter: Filter, limit: number, skip: number): Promise<AuditEntry[]> {
    return this.entries.find(filter, { sort: { at: -1 }, limit, skip });
  }
}
