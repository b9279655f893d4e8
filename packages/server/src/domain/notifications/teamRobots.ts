import type { AtRestCipher } from '../../atRest/atRestCipher.js';
import type { AtRest } from '../../atRest/sealedValue.js';
import { SEALED_FIELDS } from '../../atRest/sealedValue.js';
import type { Principal } from '../../auth/principal.js';
import type { OutboundGuard } from '../../outbound/outboundGuard.js';
import type { Collection, Doc, Store } from '../../store/collection.js';
import { DomainError } from '../domainError.js';

/** The chat tools Chinese teams use, whose group robots take a webhook. */
export const ROBOT_PLATFORMS = ['dingtalk', 'wecom', 'feishu'] as const;
export type RobotPlatform = (typeof ROBOT_PLATFORMS)[number];

/** What is secret about a robot: its webhook URL (which carries the access token or key) and its signing secret. */
export interface RobotCredentials {
  url: string;
  secret?: string;
}

/** A team's robot as the API shows it: the URL masked, never the secret. */
export interface RobotView {
  _id: string;
  team: string;
  platform: RobotPlatform;
  /** The URL with its token masked, so an admin can tell robots apart. */
  urlHint: string;
  hasSecret: boolean;
  updatedAt: string;
  updatedBy: string;
}

interface StoredRobotDoc extends Doc, RobotView {
  credentials: AtRest<RobotCredentials>;
}

/** A robot with its credentials in the clear, for posting. */
export type RobotDoc = RobotView & RobotCredentials;

/**
 * The group chat robots a team's notifications are posted to (one per
 * platform and team), set by an admin. The URL and secret are sealed at rest
 * like webhook secrets and never returned: only a masked hint of the URL.
 */
export class TeamRobots {
  readonly robots: Collection<StoredRobotDoc>;

  constructor(
    store: Store,
    private readonly deps: { clock: () => Date; outbound: OutboundGuard; cipher: AtRestCipher },
  ) {
    this.robots = store.collection<StoredRobotDoc>('teamRobots');
  }

  async createIndexes(): Promise<void> {
    await this.robots.createIndex({ name: 'robots_by_team', keys: { team: 1 } });
  }

  /** Sets a team's robot for a platform; a secret left out keeps the one saved before. */
  async set(principal: Principal, team: string, platform: RobotPlatform, input: { url: string; secret?: string }): Promise<RobotView> {
    const url = checkedUrl(input.url, platform, this.deps.outbound);
    if (platform === 'wecom' && input.secret !== undefined) {
      throw new DomainError('invalid', 'A WeCom group robot is not signed: its key is in the URL', { details: [{ path: '/secret', message: 'not used by WeCom', code: 'not-used' }] });
    }
    const _id = `${team}:${platform}`;
    const previous = await this.robots.findOne({ _id });
    const secret = input.secret ?? (previous ? this.open(previous).secret : undefined);
    const credentials: RobotCredentials = { url, ...(secret ? { secret } : {}) };
    const view: RobotView = { _id, team, platform, urlHint: urlHint(url), hasSecret: secret !== undefined, updatedAt: this.deps.clock().toISOString(), updatedBy: principal.id };
    const { _id: _key, ...fields } = view;
    await this.robots.updateOne({ _id }, { $set: { ...fields, credentials: this.deps.cipher.seal(credentials, SEALED_FIELDS.robotCredentials, _id) } }, { upsert: true });
    return view;
  }

  async list(team: string): Promise<RobotView[]> {
    return (await this.robots.find({ team }, { sort: { platform: 1 } })).map(viewOf);
  }

  async remove(team: string, platform: RobotPlatform): Promise<void> {
    const { deletedCount } = await this.robots.deleteOne({ _id: `${team}:${platform}` });
    if (deletedCount === 0) throw new DomainError('not-found', 'This team has no robot on that platform');
  }

  /** The robots of any of the teams, with their credentials, for posting. */
  async ofTeams(teams: readonly string[]): Promise<RobotDoc[]> {
    if (teams.length === 0) return [];
    return (await this.robots.find({ team: { $in: [...teams] } })).map((doc) => ({ ...viewOf(doc), ...this.open(doc) }));
  }

  /** One robot with its credentials; null once removed. */
  async withCredentials(id: string): Promise<RobotDoc | null> {
    const doc = await this.robots.findOne({ _id: id });
    return doc && { ...viewOf(doc), ...this.open(doc) };
  }

  private open(doc: StoredRobotDoc): RobotCredentials {
    return this.deps.cipher.open(doc.credentials, SEALED_FIELDS.robotCredentials, doc._id);
  }
}

function viewOf(doc: StoredRobotDoc): RobotView {
  return { _id: doc._id, team: doc.team, platform: doc.platform, urlHint: doc.urlHint, hasSecret: doc.hasSecret, updatedAt: doc.updatedAt, updatedBy: doc.updatedBy };
}

function checkedUrl(raw: string, platform: RobotPlatform, outbound: OutboundGuard): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DomainError('invalid', 'url is not a URL', { details: [{ path: '/url', message: 'not a URL', code: 'not-a-url' }] });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new DomainError('invalid', 'url must be http or https', { details: [{ path: '/url', message: 'http or https only', code: 'not-http' }] });
  if (url.username || url.password) throw new DomainError('invalid', 'url must not carry a user name or password', { details: [{ path: '/url', message: 'credentials in the URL', code: 'credentials-in-url' }] });
  if (platform === 'wecom' && !url.searchParams.get('key')) throw new DomainError('invalid', 'A WeCom robot URL carries its key (…/webhook/send?key=…)', { details: [{ path: '/url', message: 'no key in the URL', code: 'no-key' }] });
  if (platform === 'dingtalk' && !url.searchParams.get('access_token')) throw new DomainError('invalid', 'A DingTalk robot URL carries its access token (…/robot/send?access_token=…)', { details: [{ path: '/url', message: 'no access_token in the URL', code: 'no-access-token' }] });
  const refused = outbound.refusal(url);
  if (refused) {
    throw new DomainError('invalid', `url must reach a public address: ${refused} (an operator can allow it with OUTBOUND_ALLOW)`, { details: [{ path: '/url', message: 'not a public address', code: 'address-not-allowed' }] });
  }
  return url.toString();
}

/** The URL with the last four characters of each token left: `…/hook/…9f3a`, `?key=…c2d1`. */
function urlHint(raw: string): string {
  const url = new URL(raw);
  const mask = (value: string) => `…${value.slice(-4)}`;
  const segments = url.pathname.split('/');
  const last = segments.at(-1) ?? '';
  if (last.length > 12) segments[segments.length - 1] = mask(last);
  const query = [...url.searchParams].map(([key, value]) => `${key}=${mask(value)}`).join('&');
  return `${url.origin}${segments.join('/')}${query ? `?${query}` : ''}`;
}
