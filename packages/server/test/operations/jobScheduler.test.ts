import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JobScheduler } from '../../src/domain/jobs/jobScheduler.js';
import type { JobRun } from '../../src/domain/jobs/jobScheduler.js';
import { Leases } from '../../src/domain/jobs/leases.js';
import { memoryLogger } from '../../src/logger.js';
import { EmbeddedStore } from '../../src/store/embedded/embeddedStore.js';

describe('scheduled jobs', () => {
  it('run on one of several processes sharing a store, move to another when the holder stops, and report failures', async () => {
    const store = await EmbeddedStore.open(mkdtempSync(join(tmpdir(), 'crm-policy-jobs-')));
    try {
      const now = { at: new Date('2026-11-23T08:00:00Z') };
      const ran: string[] = [];
      const runs: JobRun[] = [];
      const logger = memoryLogger();
      // Three "processes": each its own scheduler and lease holder, on one store.
      const processes = ['p1', 'p2', 'p3'].map(
        (name) =>
          new JobScheduler(
            [
              { name: 'expiry', everyMs: 60_000, run: async () => void ran.push(name) },
              { name: 'broken', everyMs: 60_000, run: () => Promise.reject(new Error(`${name} broke`)) },
            ],
            { leases: new Leases(store, () => now.at), logger, onRun: (run) => runs.push(run) },
          ),
      );
      for (let tick = 0; tick < 3; tick += 1) await Promise.all(processes.map((p) => p.runNow('expiry')));
      expect(ran).toEqual(['p1', 'p1', 'p1']);
      expect(runs.filter((run) => run.outcome === 'skipped')).toHaveLength(6);

      // p1 stops: it gives its leases up, and the next tick runs elsewhere, once.
      await processes[0]!.stop();
      await Promise.all(processes.slice(1).map((p) => p.runNow('expiry')));
      expect(ran).toHaveLength(4);
      expect(['p2', 'p3']).toContain(ran[3]);

      expect((await processes[1]!.runNow('broken')).outcome).toBe('failed');
      expect(logger.lines).toContainEqual({ level: 'error', message: 'scheduled job failed', fields: { job: 'broken', error: 'p2 broke' } });
      await expect(processes[1]!.runNow('nothing')).rejects.toThrow('No job named nothing');
    } finally {
      await store.close();
    }
  });
});
