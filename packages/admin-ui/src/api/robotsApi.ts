import type { ApiClient } from './client.js';

/** The chat tools whose group robots a team's notifications are posted to, in the order the screen shows them. */
export const ROBOT_PLATFORMS = ['dingtalk', 'wecom', 'feishu'] as const;
export type RobotPlatform = (typeof ROBOT_PLATFORMS)[number];

/** Whether a platform's robot signs its posts with a secret (DingTalk 加签, Feishu 签名校验); WeCom's key is in its URL. */
export const SIGNED_PLATFORMS: ReadonlySet<RobotPlatform> = new Set(['dingtalk', 'feishu']);

/** A team's robot as the server shows it: the URL masked, never the URL or the secret themselves. */
export interface TeamRobot {
  _id: string;
  team: string;
  platform: RobotPlatform;
  urlHint: string;
  hasSecret: boolean;
  updatedAt: string;
  updatedBy: string;
}

/** One try at posting, as the dispatcher records it. */
export interface RobotAttempt {
  at: string;
  status?: number;
  /** `answered <status>`, `answered 200, message refused`, or `receiver unreachable`. */
  error?: string;
}

/** One notification posted (or to be posted) to a robot, with its attempts. */
export interface RobotDelivery {
  _id: string;
  status: 'pending' | 'delivering' | 'delivered' | 'failed' | 'cancelled';
  attempts: number;
  createdAt: string;
  nextAttemptAt: string;
  deliveredAt?: string;
  history: RobotAttempt[];
  /** What was posted (in Chinese, as the group reads it). */
  robot?: { platform: RobotPlatform; text: { title: string; body: string } };
}

const base = (team: string) => `/api/teams/${encodeURIComponent(team)}/robots`;

/** The team's robots, one per platform at most. */
export async function fetchRobots(api: ApiClient, team: string): Promise<TeamRobot[]> {
  return (await api.call<{ robots: TeamRobot[] }>('GET', base(team))).robots;
}

/** Sets or replaces the team's robot on a platform; a secret left out keeps the one saved. */
export function saveRobot(api: ApiClient, team: string, platform: RobotPlatform, body: { url: string; secret?: string }): Promise<TeamRobot> {
  return api.call<TeamRobot>('PUT', `${base(team)}/${platform}`, body);
}

/** Removes the team's robot on a platform (its pending posts are cancelled). */
export async function removeRobot(api: ApiClient, team: string, platform: RobotPlatform): Promise<void> {
  await api.call('DELETE', `${base(team)}/${platform}`);
}

/** The latest posts to the team's robot on a platform, newest first. */
export async function fetchRobotDeliveries(api: ApiClient, team: string, platform: RobotPlatform, limit = 10): Promise<RobotDelivery[]> {
  return (await api.call<{ deliveries: RobotDelivery[] }>('GET', `${base(team)}/${platform}/deliveries?limit=${limit}`)).deliveries;
}
