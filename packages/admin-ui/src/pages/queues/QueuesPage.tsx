import { Tabs } from 'antd';
import type { ApiClient } from '../../api/client.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { CreditQueue } from './CreditQueue.js';
import { DuplicateQueue } from './DuplicateQueue.js';
import { UnassignedQueue } from './UnassignedQueue.js';

const CREDIT_DECIDERS = ['manager', 'finance', 'director'];
const ORGANISERS = ['admin', 'manager'];

/** What waits for the caller, by role: credit approvals and limit cuts for those who decide credit; flagged duplicates and unassigned leads for admins and managers. */
export function QueuesPage({ api, role }: { api: ApiClient; role: string }) {
  const { t } = useI18n();
  const items = [
    ...(CREDIT_DECIDERS.includes(role)
      ? [
          { key: 'credit', label: t('queue.credit'), children: <CreditQueue api={api} cuts={false} /> },
          { key: 'cuts', label: t('queue.cuts'), children: <CreditQueue api={api} cuts /> },
        ]
      : []),
    ...(ORGANISERS.includes(role)
      ? [
          { key: 'duplicates', label: t('queue.duplicates'), children: <DuplicateQueue api={api} canResolve={role === 'admin'} /> },
          { key: 'unassigned', label: t('queue.unassigned'), children: <UnassignedQueue api={api} /> },
        ]
      : []),
  ];
  return <Tabs items={items} destroyOnHidden />;
}
