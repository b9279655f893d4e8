import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ApiError } from '../http/apiError.js';
import { defineRoute } from '../http/route.js';
import type { Services } from '../services.js';
import { ExchangeError } from '../store/exchange/exchangeError.js';
import { exportStore } from '../store/exchange/exportStore.js';
import { INDEXES_FILE, INDEXES_SCRIPT } from '../store/exchange/indexCommands.js';

/**
 * Operations on the data as a whole, for admins. `POST /api/admin/export`
 * writes what `crm-policy-server export` writes, from the running server (the
 * CLI cannot open a folder the server holds), into a new folder under
 * `exportDir` on the server, and answers where.
 */
export function adminRoutes(services: Services, options: { exportDir: string }) {
  let exporting = false;
  return [
    defineRoute({
      method: 'post',
      path: '/api/admin/export',
      summary: 'Export the embedded store as MongoDB Extended JSON files into a new folder under EXPORT_DIR on the server (201 with the folder); 409 on MongoDB or while an export runs',
      access: ['admin'],
      async handler({ principal }) {
        if (services.store.kind !== 'embedded') {
          throw new ApiError('conflict', 'The server runs on MongoDB: copy its data with mongodump or mongoexport', { reason: 'store-is-mongodb' });
        }
        if (exporting) throw new ApiError('conflict', 'An export is being written: wait for it to finish', { reason: 'export-running' });
        exporting = true;
        try {
          const stamp = services.clock().toISOString().replace(/[:.]/g, '-');
          const dir = join(options.exportDir, `${stamp}-${randomBytes(3).toString('hex')}`);
          const summary = await exportStore(services.store, dir, { label: 'The export folder' });
          const documents = summary.collections.reduce((sum, collection) => sum + collection.documents, 0);
          await services.audit.record({ actor: principal, action: 'data.exported', subject: summary.dir, data: { collections: summary.collections.length, documents } });
          return { status: 201, body: { ...summary, files: { indexes: INDEXES_FILE, script: INDEXES_SCRIPT } } };
        } catch (error) {
          if (error instanceof ExchangeError) throw new ApiError('conflict', error.message, { reason: error.code });
          throw error;
        } finally {
          exporting = false;
        }
      },
    }),
  ];
}
