import { Skeleton } from 'antd';
import { lazy, Suspense } from 'react';
import type { ApiClient } from '../../api/client.js';

const MyCustomersTable = lazy(() => import('./MyCustomersTable.js').then((module) => ({ default: module.MyCustomersTable })));

/** A rep's customers and appeals, loaded when first opened: the table's code stays out of the first download (the sign-in and registration screens). */
export function MyCustomersPage({ api }: { api: ApiClient }) {
  return (
    <Suspense fallback={<Skeleton active />}>
      <MyCustomersTable api={api} />
    </Suspense>
  );
}
