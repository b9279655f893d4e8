import type { Server } from 'node:http';
import type { JobScheduler } from '../domain/jobs/jobScheduler.js';
import { consoleLogger } from '../logger.js';
import type { Services } from '../services.js';
import type { Store } from '../store/collection.js';

export interface ShutdownParts {
  server: Server;
  scheduler: JobScheduler;
  services: Services;
  store: Store;
  /** How long in-flight requests may take before their connections are cut. */
  timeoutMs: number;
  stopTimers(): void;
}

/**
 * What SIGTERM and SIGINT do: report unhealthy so a load balancer stops
 * sending work; stop accepting connections; let the requests in flight
 * finish (cut after `timeoutMs`); let running jobs finish and give their
 * leases up; relay the events still staged; then flush and close the store and exit 0.
 */
export function gracefulShutdown(parts: ShutdownParts): () => void {
  const { server, scheduler, services, store } = parts;
  return () => {
    const started = Date.now();
    services.lifecycle.stopping = true;
    consoleLogger.info('stopping: finishing requests in flight', { timeoutMs: parts.timeoutMs });
    parts.stopTimers();
    const cut = setTimeout(() => {
      consoleLogger.warn('stopping: requests still in flight after the timeout were cut');
      server.closeAllConnections();
    }, parts.timeoutMs);
    cut.unref();
    server.close(() => {
      clearTimeout(cut);
      void (async () => {
        let code = 0;
        try {
          await scheduler.stop();
          await services.outbox.flush().catch(() => 0);
          await services.leases.releaseAll();
          await services.simulations.close();
          await store.close();
          consoleLogger.info('stopped', { ms: Date.now() - started });
        } catch (error) {
          code = 1;
          consoleLogger.error('stopping failed', { error: (error as Error).message });
        }
        process.exit(code);
      })();
    });
    // Idle keep-alive connections would hold the close up.
    server.closeIdleConnections();
  };
}
