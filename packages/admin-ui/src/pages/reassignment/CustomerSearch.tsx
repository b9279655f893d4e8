import { Select, Space, Spin, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../../api/client.js';
import { ApiProblem } from '../../api/client.js';
import { useI18n } from '../../i18n/I18nContext.js';

/** A held customer the signed-in manager may move, as the server's search answers it. */
export interface FoundCustomer {
  customerId: string;
  name: string;
  regionName: string;
  teamName: string;
  owners: string[];
}

/** How long typing pauses before the server is asked. */
const PAUSE_MS = 250;

/**
 * Picks a customer by typing part of its name: the server searches the
 * customers the signed-in manager may move, and each option shows the
 * company name with its region, team and owners; the id is only the value.
 */
export function CustomerSearch({ api, value, onChange, status, id }: { api: ApiClient; value?: FoundCustomer; onChange(customer: FoundCustomer | undefined): void; status?: 'error'; id?: string }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [found, setFound] = useState<FoundCustomer[]>([]);
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<string>();
  const asked = useRef(0);

  useEffect(() => {
    const typed = text.trim();
    if (!typed) {
      setFound([]);
      setLoading(false);
      return;
    }
    setLoading(true);
    const ask = ++asked.current;
    const timer = setTimeout(() => {
      api.call<{ customers: FoundCustomer[] }>('GET', `/api/customers/search?q=${encodeURIComponent(typed.slice(0, 50))}`).then(
        (answer) => {
          if (ask !== asked.current) return;
          setFound(answer.customers);
          setProblem(undefined);
          setLoading(false);
        },
        (error: unknown) => {
          if (ask !== asked.current) return;
          setProblem(error instanceof ApiProblem ? error.message : t('ra.searchFailed'));
          setLoading(false);
        },
      );
    }, PAUSE_MS);
    return () => clearTimeout(timer);
  }, [api, text]);

  const offered = value && !found.some((customer) => customer.customerId === value.customerId) ? [value, ...found] : found;
  const empty = loading ? <Spin size="small" /> : problem ? <Typography.Text type="danger">{problem}</Typography.Text> : text.trim() ? t('ra.noMatch', { text: text.trim() }) : t('ra.typeName');
  return (
    <Select<string>
      id={id}
      aria-label={t('customer')}
      placeholder={t('ra.searchCustomer')}
      style={{ width: '100%', maxWidth: 520 }}
      value={value?.customerId}
      status={status}
      allowClear
      showSearch={{ filterOption: false, onSearch: setText }}
      notFoundContent={empty}
      onChange={(chosen) => onChange(offered.find((customer) => customer.customerId === chosen))}
      // The chosen customer shows by name, never by id, whatever is typed next.
      labelRender={() => value?.name}
      options={offered.map((customer) => ({
        value: customer.customerId,
        title: customer.name,
        label: (
          <Space orientation="vertical" size={0}>
            <Typography.Text>{customer.name}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('ra.customerLine', { region: customer.regionName || '—', team: customer.teamName, owners: customer.owners.join('、') || '—' })}
            </Typography.Text>
          </Space>
        ),
      }))}
    />
  );
}
