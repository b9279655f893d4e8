import type { Logger } from '../../logger.js';
import type { Metrics } from '../../operations/metrics.js';
import type { Collection, Doc, Filter, Store } from '../../store/collection.js';
import { isDuplicateKey } from '../../store/storeError.js';
import { DomainError } from '../domainError.js';
import type { OutboundGuard } from '../../outbound/outboundGuard.js';
import { postOutbound } from '../../outbound/postOutbound.js';
import type { EventDoc, Outbox } from './outbox.js';
import { signWebhook, WEBHOOK_HEADERS } from './webhookSignature.js';
import type { Webhooks } from './webhooks.js';
import type { NoticeText } from '../notifications/notice.js';
import type { Notifier, RobotPost } from '../notifications/notifier.js';
import { robotAccepted, robotMessage } from '../notifications/robotMessage.js';
import type { RobotPlatform, TeamRobots } from '../notifications/teamRobots.js';

export type DeliveryStatus = 'pending' | 'delivering' | 'delivered' | 'failed' | 'cancelled';

/** What an attempt records when no HTTP status came back, whatever the reason. */
export const UNREACHABLE = 'receiver unreachable';

export interface DeliveryAttempt {
  at: string;
  /** The receiver's HTTP status, when it answered. */
  status?: number;
  /** `answered <status>`, or `receiver unreachable` for anything without an answer (refused by the outbound rule, no connection, no answer in time): the history does not tell them apart, so it cannot map internal ports. */
  error?: string;
  /** How long the receiver took to answer; absent when it did not (a duration would tell a closed port from a filtered one). */
  ms?: number;
}

/** One event for one endpoint, retried until delivered or out of time. */
export interface DeliveryDoc extends Doc {
  eventId: string;
  type: string;
  webhookId: string;
  url: string;
  status: DeliveryStatus;
  attempts: number;
  createdAt: string;
  /** Retries stop this long after `windowStart` (a replay restarts it). */
  windowStart: string;
  nextAttemptAt: string;
  /** While `delivering`: when another process may take it over (this one crashed). */
  lockedUntil?: string;
  deliveredAt?: string;
  /** The last attempts, newest last. */
  history: DeliveryAttempt[];
  /** Set for a notification to a team's chat robot (`webhookId` is then the robot's id, `url` its masked hint). */
  robot?: { platform: RobotPlatform; text: NoticeText };
}

export interface DispatcherOptions {
  /** How long a receiver has to answer (default 10 s). */
  timeoutMs?: number;
  /** Delay before the first retry, doubling each time (default 30 s). */
  firstRetryMs?: number;
  /** Longest delay between retries (default 1 h). */
  maxRetryMs?: number;
  /** How long to keep retrying (default one day). */
  retryForMs?: number;
  /** Deliveries attempted at once (default 4). */
  concurrency?: number;
}

const KEPT_ATTEMPTS = 20;

/**
 * Delivers outbox events to webhook endpoints: fans each new event out into
 * one delivery per subscribed endpoint, then posts due deliveries, signed,
 * retrying with exponential backoff. Every step is a conditional write, so
 * several processes (or a restart mid-delivery) neither lose nor double a delivery record.
 */
export class WebhookDispatcher {
  readonly deliveries: Collection<DeliveryDoc>;
  private readonly options: Required<DispatcherOptions>;
  private running: Promise<void> | undefined;

  constructor(
    store: Store,
    private readonly deps: { outbox: Outbox; webhooks: Webhooks; outbound: OutboundGuard; clock: () => Date; logger: Logger; metrics?: Metrics; notifier?: Notifier; robots?: TeamRobots },
    options: DispatcherOptions = {},
  ) {
    this.deliveries = store.collection<DeliveryDoc>('webhookDeliveries');
    this.options = { timeoutMs: 10_000, firstRetryMs: 30_000, maxRetryMs: 3_600_000, retryForMs: 86_400_000, concurrency: 4, ...options };
  }

  async createIndexes(): Promise<void> {
    await this.deliveries.createIndex({ name: 'deliveries_due', keys: { status: 1, nextAttemptAt: 1 } });
    await this.deliveries.createIndex({ name: 'deliveries_by_webhook', keys: { webhookId: 1, createdAt: -1 } });
  }

  /** One pass: new events into deliveries, then every due delivery attempted. Overlapping calls share one pass. */
  tick(): Promise<void> {
    this.running ??= (async () => {
      try {
        await this.fanOut();
        await this.deliverDue();
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  /** Turns undispatched events into deliveries; safe to repeat (a delivery's id is event and endpoint). */
  async fanOut(): Promise<number> {
    // Staged events left in their documents (a request that stopped short, another process's) enter the feed first.
    await this.deps.outbox.relay();
    let created = 0;
    for (;;) {
      const events = await this.deps.outbox.undispatched(100);
      if (events.length === 0) return created;
      for (const event of events) {
        for (const webhook of await this.deps.webhooks.subscribers(event.type)) {
          if (await this.insert(event, webhook._id, webhook.url)) created += 1;
        }
        // Notifications: into inboxes now (an inbox entry's id refuses a second copy), and to the teams' chat robots as deliveries like any other.
        for (const post of (await this.deps.notifier?.consume(event)) ?? []) {
          if (await this.insert(event, post.robotId, post.urlHint, post)) created += 1;
        }
      }
      // After the batch's deliveries exist: a crash before this repeats the batch, and a delivery's id refuses a second copy.
      await this.deps.outbox.markDispatched(events);
    }
  }

  /** Attempts every delivery that is due, a few at a time; returns how many were attempted. */
  async deliverDue(): Promise<number> {
    let attempted = 0;
    const worker = async () => {
      for (;;) {
        const delivery = await this.take();
        if (!delivery) return;
        attempted += 1;
        await this.attempt(delivery);
      }
    };
    await Promise.all(Array.from({ length: this.options.concurrency }, worker));
    return attempted;
  }

  /** Sends a delivery again from now, with a fresh day of retries (admin replay). */
  async replay(id: string): Promise<DeliveryDoc> {
    const now = this.deps.clock().toISOString();
    const replayed = await this.deliveries.findOneAndUpdate({ _id: id, status: { $ne: 'delivering' } }, { $set: { status: 'pending', nextAttemptAt: now, windowStart: now }, $unset: { deliveredAt: '' } });
    if (replayed) return replayed;
    if (await this.deliveries.findOne({ _id: id })) throw new DomainError('conflict', 'This delivery is being attempted right now');
    throw new DomainError('not-found', `No delivery ${id}`);
  }

  list(filter: Filter, limit: number, skip: number): Promise<DeliveryDoc[]> {
    return this.deliveries.find(filter, { sort: { createdAt: -1 }, limit, skip });
  }

  private async insert(event: EventDoc, webhookId: string, url: string, post?: RobotPost): Promise<boolean> {
    const now = this.deps.clock().toISOString();
    try {
      await this.deliveries.insertOne({
        _id: post ? `${event._id}:${post.key}` : `${event._id}:${webhookId}`,
        eventId: event._id,
        type: event.type,
        webhookId,
        url,
        status: 'pending',
        attempts: 0,
        createdAt: now,
        windowStart: now,
        nextAttemptAt: now,
        history: [],
        ...(post ? { robot: { platform: post.platform, text: post.text } } : {}),
      });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  /** Takes one due delivery for this process, or one whose owner crashed while delivering. */
  private take(): Promise<DeliveryDoc | null> {
    const now = this.deps.clock();
    const lockedUntil = new Date(now.getTime() + this.options.timeoutMs + 60_000).toISOString();
    return this.deliveries.findOneAndUpdate(
      { $or: [{ status: 'pending', nextAttemptAt: { $lte: now.toISOString() } }, { status: 'delivering', lockedUntil: { $lt: now.toISOString() } }] },
      { $set: { status: 'delivering', lockedUntil } },
      { sort: { nextAttemptAt: 1 } },
    );
  }

  private async attempt(delivery: DeliveryDoc): Promise<void> {
    if (delivery.robot) return this.attemptRobot(delivery, delivery.robot);
    const webhook = await this.deps.webhooks.secretOf(delivery.webhookId);
    const event = await this.deps.outbox.events.findOne({ _id: delivery.eventId });
    if (!webhook || !webhook.active || !event) {
      await this.deliveries.updateOne({ _id: delivery._id, status: 'delivering' }, { $set: { status: 'cancelled' }, $unset: { lockedUntil: '' } });
      return;
    }
    const body = JSON.stringify({ id: event._id, type: event.type, at: event.at, data: event.data });
    const timestamp = String(Math.floor(this.deps.clock().getTime() / 1000));
    const started = Date.now();
    const outcome: DeliveryAttempt = { at: this.deps.clock().toISOString() };
    let reason: string | undefined;
    try {
      const { status } = await postOutbound(this.deps.outbound, webhook.url, {
        timeoutMs: this.options.timeoutMs,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'crm-policy-webhooks/0.1',
          [WEBHOOK_HEADERS.event]: event.type,
          [WEBHOOK_HEADERS.delivery]: delivery._id,
          [WEBHOOK_HEADERS.timestamp]: timestamp,
          [WEBHOOK_HEADERS.signature]: signWebhook(webhook.secret, timestamp, body),
        },
        body,
      });
      outcome.status = status;
      outcome.ms = Date.now() - started;
      if (status < 200 || status >= 300) outcome.error = `answered ${status}`;
    } catch (error) {
      outcome.error = UNREACHABLE;
      // The operator's log keeps the reason; the history (what API callers see) does not.
      reason = `${(error as Error).message}${causeOf(error)}`;
    }
    await this.record(delivery, outcome, reason);
  }

  /** Posts a notification to a team's chat robot in its platform's format, signed; the robot's answer says whether it took it. */
  private async attemptRobot(delivery: DeliveryDoc, robot: NonNullable<DeliveryDoc['robot']>): Promise<void> {
    const credentials = await this.deps.robots?.withCredentials(delivery.webhookId);
    if (!credentials) {
      await this.deliveries.updateOne({ _id: delivery._id, status: 'delivering' }, { $set: { status: 'cancelled' }, $unset: { lockedUntil: '' } });
      return;
    }
    const request = robotMessage(robot.platform, credentials, robot.text, this.deps.clock());
    const started = Date.now();
    const outcome: DeliveryAttempt = { at: this.deps.clock().toISOString() };
    let reason: string | undefined;
    try {
      const { status, answer } = await postOutbound(this.deps.outbound, request.url, {
        timeoutMs: this.options.timeoutMs,
        headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'crm-policy-notifications/0.1' },
        body: request.body,
        readAnswerBytes: 4096,
      });
      outcome.status = status;
      outcome.ms = Date.now() - started;
      if (status < 200 || status >= 300) outcome.error = `answered ${status}`;
      else if (!robotAccepted(robot.platform, answer)) {
        outcome.error = `answered ${status}, message refused`;
        reason = answer?.slice(0, 200);
      }
    } catch (error) {
      outcome.error = UNREACHABLE;
      reason = `${(error as Error).message}${causeOf(error)}`;
    }
    await this.record(delivery, outcome, reason);
  }

  private async record(delivery: DeliveryDoc, outcome: DeliveryAttempt, reason: string | undefined): Promise<void> {
    const attempts = delivery.attempts + 1;
    const now = this.deps.clock();
    const history = { $push: { history: { $each: [outcome], $slice: -KEPT_ATTEMPTS } } };
    const mine = { _id: delivery._id, status: 'delivering', lockedUntil: delivery.lockedUntil };
    if (!outcome.error) {
      this.deps.metrics?.delivery('delivered');
      await this.deliveries.updateOne(mine, { $set: { status: 'delivered', attempts, deliveredAt: now.toISOString() }, $unset: { lockedUntil: '' }, ...history });
      return;
    }
    const delay = Math.min(this.options.firstRetryMs * 2 ** (attempts - 1), this.options.maxRetryMs);
    const next = new Date(now.getTime() + delay);
    const giveUp = next.getTime() > Date.parse(delivery.windowStart) + this.options.retryForMs;
    this.deps.metrics?.delivery(giveUp ? 'failed' : 'retry');
    await this.deliveries.updateOne(mine, { $set: { status: giveUp ? 'failed' : 'pending', attempts, nextAttemptAt: next.toISOString() }, $unset: { lockedUntil: '' }, ...history });
    this.deps.logger.warn('webhook delivery failed', { delivery: delivery._id, url: delivery.url, attempt: attempts, error: outcome.error, ...(reason ? { reason } : {}), ...(giveUp ? { gaveUp: true } : { retryAt: next.toISOString() }) });
  }
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause ? ` (${cause.code ?? cause.message ?? 'unknown cause'})` : '';
}
