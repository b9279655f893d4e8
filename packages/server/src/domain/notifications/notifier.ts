import type { EventDoc } from '../events/outbox.js';
import type { UsersRepository } from '../users/usersRepository.js';
import type { Inbox } from './inbox.js';
import type { NoticeText } from './notice.js';
import type { Directory } from './noticesFor.js';
import { NOTIFYING_EVENTS, noticesFor } from './noticesFor.js';
import type { RobotPlatform, TeamRobots } from './teamRobots.js';

/** A notice for one team's group robot, to be delivered (and retried) by the webhook dispatcher. */
export interface RobotPost {
  /** Unique within the event: the notice's kind and the robot. */
  key: string;
  robotId: string;
  platform: RobotPlatform;
  urlHint: string;
  /** Group chats read Chinese, the teams' working language. */
  text: NoticeText;
}

/**
 * Turns events from the outbox into notifications: each notice goes into its
 * recipients' inboxes at once, and becomes a post for the group robot of every
 * team it concerns. Called by the webhook dispatcher for each event it hands
 * out, so notifications ride the same outbox, lease and retries as webhooks;
 * handling an event twice (a crash between steps) adds nothing twice.
 */
export class Notifier {
  private readonly directory: Directory;

  constructor(private readonly deps: { inbox: Inbox; robots: TeamRobots; users: UsersRepository }) {
    const ids = async (filter: Record<string, unknown>) => (await deps.users.users.find({ ...filter, disabled: { $ne: true } }, { projection: { _id: 1 } })).map((user) => user._id);
    this.directory = {
      managersOf: (teams) => ids({ role: 'manager', teams: { $in: [...teams] } }),
      managersOfEvery: (teams) => ids({ role: 'manager', teams: { $all: [...teams] } }),
      admins: () => ids({ role: 'admin' }),
    };
  }

  /** Delivers an event's notices to inboxes and answers the robot posts it calls for. */
  async consume(event: EventDoc): Promise<RobotPost[]> {
    if (!(NOTIFYING_EVENTS as readonly string[]).includes(event.type)) return [];
    const posts: RobotPost[] = [];
    for (const notice of await noticesFor(event, this.directory)) {
      await this.deps.inbox.deliver(event._id, event.at, notice);
      for (const robot of await this.deps.robots.ofTeams(notice.teams)) {
        posts.push({ key: `${notice.kind}:${robot._id}`, robotId: robot._id, platform: robot.platform, urlHint: robot.urlHint, text: notice.text.zh });
      }
    }
    return posts;
  }
}
