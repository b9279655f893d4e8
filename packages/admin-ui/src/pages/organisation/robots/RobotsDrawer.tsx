import { Alert, Drawer, Grid, Skeleton, Tabs, Tag, Typography, message as antMessage } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../../../api/client.js';
import { ApiProblem } from '../../../api/client.js';
import { fetchRobots, removeRobot, ROBOT_PLATFORMS } from '../../../api/robotsApi.js';
import type { RobotPlatform, TeamRobot } from '../../../api/robotsApi.js';
import { useI18n } from '../../../i18n/I18nContext.js';
import type { OrgTeam } from '../organisationTypes.js';
import { placeRobotProblems } from './robotProblems.js';
import { RobotModal } from './RobotModal.js';
import { RobotPanel } from './RobotPanel.js';

interface Props {
  api: ApiClient;
  /** The team whose robots are shown; undefined when closed. */
  team: OrgTeam | undefined;
  onClose(): void;
}

/** A team's group robots on DingTalk, WeCom and Feishu, one tab each, beside the list of teams. */
export function RobotsDrawer({ api, team, onClose }: Props) {
  const { t } = useI18n();
  const wide = Grid.useBreakpoint().md ?? true;
  const [message, messageHolder] = antMessage.useMessage();
  const [robots, setRobots] = useState<TeamRobot[]>();
  const [failed, setFailed] = useState(false);
  const [editing, setEditing] = useState<RobotPlatform>();
  const [tab, setTab] = useState<RobotPlatform>('dingtalk');
  const teamId = team?._id;

  const load = useCallback(async (id: string) => {
    try {
      setRobots(await fetchRobots(api, id));
      setFailed(false);
    } catch {
      setFailed(true);
    }
  }, [api]);

  useEffect(() => {
    setRobots(undefined);
    setFailed(false);
    setTab('dingtalk');
    if (teamId) void load(teamId);
  }, [teamId, load]);

  const robotOn = (platform: RobotPlatform) => robots?.find((robot) => robot.platform === platform);
  const remove = async (platform: RobotPlatform) => {
    if (!teamId) return;
    const name = t(`robots.platform.${platform}`);
    try {
      await removeRobot(api, teamId, platform);
      void message.success(t('robots.removed', { platform: name }));
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      void message.error(placeRobotProblems(error, t).page ?? t('robots.problem.notSaved'));
    }
    await load(teamId);
  };

  return (
    <Drawer open={team !== undefined} size={wide ? 720 : '100%'} title={team ? t('robots.drawerTitle', { name: team.name }) : t('robots.open')} onClose={onClose} destroyOnHidden>
      {messageHolder}
      <Typography.Paragraph type="secondary">{t('robots.intro')}</Typography.Paragraph>
      {failed && <Alert type="error" title={t('robots.loadFailed')} />}
      {!robots && !failed && <Skeleton active />}
      {robots && teamId && (
        <Tabs
          activeKey={tab}
          onChange={(key) => setTab(key as RobotPlatform)}
          items={ROBOT_PLATFORMS.map((platform) => ({
            key: platform,
            label: (
              <span>
                {t(`robots.platform.${platform}`)} <Tag color={robotOn(platform) ? 'green' : 'default'} style={{ marginInlineStart: 4 }}>{t(robotOn(platform) ? 'robots.set' : 'robots.notSet')}</Tag>
              </span>
            ),
            children: <RobotPanel api={api} team={teamId} platform={platform} robot={robotOn(platform)} onEdit={() => setEditing(platform)} onRemove={() => remove(platform)} />,
          }))}
        />
      )}
      {teamId && (
        <RobotModal
          api={api}
          team={teamId}
          platform={editing}
          current={editing ? robotOn(editing) : undefined}
          onClose={() => setEditing(undefined)}
          onSaved={(robot) => {
            void message.success(t('robots.saved', { platform: t(`robots.platform.${robot.platform}`) }));
            setEditing(undefined);
            void load(teamId);
          }}
        />
      )}
    </Drawer>
  );
}
