import { newId } from '../../store/newId.js';
import { randomBytes } from 'node:crypto';
import type { AtRestCipher } from '../../atRest/atRestCipher.js';
import type { AtRest } from '../../atRest/sealedValue.js';
import { SEALED_FIELDS } from '../../atRest/sealedValue.js';
import type { Principal } from '../../auth/principal.js';
import { DomainError } from '../domainError.js';
import type { OutboundGuard } from '../../outbound/outboundGuard.js';
import type { Collection, Doc, Store } from '../../store/collection.js';

/** The events an endpoint can subscribe to; `*` subscribes to all. */
export const WEBHOOK_EVENTS = ['assignment.changed', 'claim.created', 'claim.expiring', 'claim.expired', 'claim.released', 'claim.converted', 'appeal.filed', 'appeal.decided', 'reassignment.proposed', 'credit.assessed', 'policy.published'] as const;

/** An endpoint as the API shows it: never its secret. */
export interface WebhookView {
  _id: string;
  url: string;
  events: string[];
  description: string;
  active: boolean;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}

export interface WebhookDoc extends Doc, WebhookView {
  /** Signs deliveries; shown once, when the endpoint is created or its secret rotated. */
  secret: string;
}

/** An endpoint as the store keeps it: the secret sealed when a data key is configured. */
export interface StoredWebhookDoc extends Doc, WebhookView {
  secret: AtRest<string>;
}

export interface WebhookInput {
  url: string;
  events: string[];
  description?: string;
  active?: boolean;
}

/** The endpoints admins register to receive events. */
export class Webhooks {
  readonly endpoints: Collection<StoredWebhookDoc>;

  constructor(
    store: Store,
    private readonly clock: () => Date,
    private readonly outbound: OutboundGuard,
    private readonly cipher: AtRestCipher,
  ) {
    this.endpoints = store.collection<StoredWebhookDoc>('webhooks');
  }

  async create(principal: Principal, input: WebhookInput): Promise<{ webhook: WebhookView; secret: string }> {
    const at = this.clock().toISOString();
    const _id = newId();
    const secret = newSecret();
    const doc: StoredWebhookDoc = { _id, ...checked(input, this.outbound), secret: this.sealed(secret, _id), createdAt: at, createdBy: principal.id, updatedAt: at };
    await this.endpoints.insertOne(doc);
    return { webhook: view(doc), secret };
  }

  async list(): Promise<WebhookView[]> {
    return (await this.endpoints.find({}, { sort: { createdAt: 1 } })).map(view);
  }

  async get(id: string): Promise<WebhookView> {
    return view(await this.found(id));
  }

  async update(id: string, input: WebhookInput): Promise<WebhookView> {
    const updated = await this.endpoints.findOneAndUpdate({ _id: id }, { $set: { ...checked(input, this.outbound), updatedAt: this.clock().toISOString() } });
    if (!updated) throw notFound(id);
    return view(updated);
  }

  async rotateSecret(id: string): Promise<{ webhook: WebhookView; secret: string }> {
    const secret = newSecret();
    const updated = await this.endpoints.findOneAndUpdate({ _id: id }, { $set: { secret: this.sealed(secret, id), updatedAt: this.clock().toISOString() } });
    if (!updated) throw notFound(id);
    return { webhook: view(updated), secret };
  }

  async remove(id: string): Promise<void> {
    const { deletedCount } = await this.endpoints.deleteOne({ _id: id });
    if (deletedCount === 0) throw notFound(id);
  }

  /** Active endpoints subscribed to an event type. */
  async subscribers(type: string): Promise<WebhookView[]> {
    return (await this.endpoints.find({ active: true, events: { $in: [type, '*'] } })).map(view);
  }

  /** The endpoint with its secret in the clear, for signing; null once deleted. */
  async secretOf(id: string): Promise<WebhookDoc | null> {
    const doc = await this.endpoints.findOne({ _id: id });
    return doc && { ...doc, secret: this.cipher.open(doc.secret, SEALED_FIELDS.webhookSecret, doc._id) };
  }

  private sealed(secret: string, id: string): AtRest<string> {
    return this.cipher.seal(secret, SEALED_FIELDS.webhookSecret, id);
  }

  private async found(id: string): Promise<StoredWebhookDoc> {
    const doc = await this.endpoints.findOne({ _id: id });
    if (!doc) throw notFound(id);
    return doc;
  }
}

function checked(input: WebhookInput, outbound: OutboundGuard): Pick<WebhookView, 'url' | 'events' | 'description' | 'active'> {
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    throw new DomainError('invalid', 'url is not a URL', { details: [{ path: '/url', message: 'not a URL' }] });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new DomainError('invalid', 'url must be http or https', { details: [{ path: '/url', message: 'http or https only' }] });
  if (url.username || url.password) throw new DomainError('invalid', 'url must not carry credentials; deliveries are signed instead', { details: [{ path: '/url', message: 'credentials in the URL' }] });
  const refused = outbound.refusal(url);
  if (refused) {
    throw new DomainError('invalid', `url must reach a public address: ${refused} (an operator can allow it with OUTBOUND_ALLOW)`, { details: [{ path: '/url', message: 'not a public address', code: 'address-not-allowed' }] });
  }
  const known = new Set<string>([...WEBHOOK_EVENTS, '*']);
  const unknown = input.events.findIndex((type) => !known.has(type));
  if (unknown >= 0) {
    throw new DomainError('invalid', `Unknown event type ${input.events[unknown]}; known: ${WEBHOOK_EVENTS.join(', ')} or *`, { details: [{ path: `/events/${unknown}`, message: 'unknown event type' }] });
  }
  return { url: url.toString(), events: [...new Set(input.events)], description: input.description ?? '', active: input.active ?? true };
}

function view(doc: StoredWebhookDoc): WebhookView {
  return { _id: doc._id, url: doc.url, events: doc.events, description: doc.description, active: doc.active, createdAt: doc.createdAt, createdBy: doc.createdBy, updatedAt: doc.updatedAt };
}

function newSecret(): string {
  return `whsec_${randomBytes(24).toString('base64url')}`;
}

function notFound(id: string): DomainError {
  return new DomainError('not-found', `No webhook ${id}`);
}
