import { Skeleton } from 'antd';
import { lazy, Suspense } from 'react';
import type { ApiClient } from '../../api/client.js';

const PoolTable = lazy(() => import('./PoolTable.js').then((module) => ({ default: module.PoolTable })));

/** The public pool, loaded when first opened: the table's code stays out of the first download (the sign-in and registration screens). */
export function PoolPage({ api }: { api: ApiClient }) {
  return (
    <Suspense fallback={<Skeleton active />}>
      <PoolTable api={api} />
    </Suspense>
  );
}
