import type { Language } from '@crm-policy/engine';
import type { Collection, Doc, Store } from '../../store/collection.js';
import { isDuplicateKey } from '../../store/storeError.js';
import { DomainError } from '../domainError.js';
import type { Notice, NoticeKind, NoticeText } from './notice.js';

/** One notification for one person, as the store keeps it. */
export interface NotificationDoc extends Doc {
  userId: string;
  kind: NoticeKind;
  /** The event it came from: a notification per event and person, however often the event is handled. */
  eventId: string;
  text: Record<Language, NoticeText>;
  subject?: Notice['subject'];
  createdAt: string;
  readAt?: string;
}

/** A notification as its reader sees it: in the reader's language. */
export interface NotificationView {
  _id: string;
  kind: NoticeKind;
  title: string;
  body: string;
  subject?: Notice['subject'];
  createdAt: string;
  read: boolean;
}

/** Each person's notifications: written from events, read and marked read only by that person. */
export class Inbox {
  readonly notifications: Collection<NotificationDoc>;

  constructor(
    store: Store,
    private readonly clock: () => Date,
  ) {
    this.notifications = store.collection<NotificationDoc>('notifications');
  }

  async createIndexes(): Promise<void> {
    await this.notifications.createIndex({ name: 'notifications_by_user', keys: { userId: 1, createdAt: -1 } });
    await this.notifications.createIndex({ name: 'notifications_unread', keys: { userId: 1, readAt: 1 } });
  }

  /** Puts a notice in each recipient's inbox; an event handled again adds nothing. Answers how many were added. */
  async deliver(eventId: string, at: string, notice: Notice): Promise<number> {
    let added = 0;
    for (const userId of new Set(notice.recipients)) {
      try {
        await this.notifications.insertOne({ _id: `${eventId}:${notice.kind}:${userId}`, userId, kind: notice.kind, eventId, text: notice.text, ...(notice.subject ? { subject: notice.subject } : {}), createdAt: at });
        added += 1;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    }
    return added;
  }

  /** A person's notifications, newest first, a page at a time, with the total. */
  async list(userId: string, language: Language, page: { limit: number; skip: number; unreadOnly?: boolean }): Promise<{ notifications: NotificationView[]; total: number; unread: number }> {
    const filter = { userId, ...(page.unreadOnly ? { readAt: { $exists: false } } : {}) };
    const [docs, total, unread] = await Promise.all([
      this.notifications.find(filter, { sort: { createdAt: -1, _id: -1 }, limit: page.limit, skip: page.skip }),
      this.notifications.countDocuments(filter),
      this.unreadCount(userId),
    ]);
    return { notifications: docs.map((doc) => view(doc, language)), total, unread };
  }

  unreadCount(userId: string): Promise<number> {
    return this.notifications.countDocuments({ userId, readAt: { $exists: false } });
  }

  /** Marks one of the person's notifications read (again is harmless); not-found for anyone else's. */
  async markRead(userId: string, id: string, language: Language): Promise<NotificationView> {
    const doc = await this.notifications.findOne({ _id: id, userId });
    if (!doc) throw new DomainError('not-found', 'No such notification of yours');
    if (doc.readAt) return view(doc, language);
    const readAt = this.clock().toISOString();
    await this.notifications.updateOne({ _id: id, userId, readAt: { $exists: false } }, { $set: { readAt } });
    return view({ ...doc, readAt }, language);
  }

  /** Marks every unread notification of the person read; answers how many. */
  async markAllRead(userId: string): Promise<number> {
    const { modifiedCount } = await this.notifications.updateMany({ userId, readAt: { $exists: false } }, { $set: { readAt: this.clock().toISOString() } });
    return modifiedCount;
  }
}

function view(doc: NotificationDoc, language: Language): NotificationView {
  const text = doc.text[language] ?? doc.text.zh;
  return { _id: doc._id, kind: doc.kind, title: text.title, body: text.body, ...(doc.subject ? { subject: doc.subject } : {}), createdAt: doc.createdAt, read: doc.readAt !== undefined };
}
