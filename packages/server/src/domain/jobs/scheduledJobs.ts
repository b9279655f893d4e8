import type { Services } from '../../services.js';
import type { ScheduledJob } from './jobScheduler.js';

/** The server's scheduled jobs: each runs on one process at a time, whatever the number of processes. */
export function scheduledJobs(services: Services): ScheduledJob[] {
  return [
    {
      // Claims whose protection ran out go back to the pool; holders of claims about to lapse are reminded.
      name: 'claim-expiry',
      everyMs: 60_000,
      run: async () => {
        await services.pool.expireClaims();
        await services.pool.remind();
      },
    },
    {
      // Staged events enter the feed (those a request did not relay itself), then go out to webhooks, retries when due.
      name: 'event-delivery',
      everyMs: 1_000,
      run: () => services.webhookDispatcher.tick(),
    },
    {
      // Credit reviews that came due, and sector changes whose date came.
      name: 'credit-reviews',
      everyMs: 600_000,
      run: async () => {
        await services.creditReviews.runDueReviews();
        await services.creditReviews.startScheduledJobs();
      },
    },
  ];
}
