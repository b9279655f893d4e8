import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import type { CreditReport } from './creditReport.js';

/** Who a report is asked for. */
export interface ReportSubject {
  customerId: string;
  name: string;
  creditCode?: string;
}

/**
 * Where credit reports come from. A provider answers the subject's latest
 * report, null when it has none, and throws when it cannot answer (down, refused, malformed).
 */
export interface CreditReportProvider {
  readonly name: string;
  fetch(subject: ReportSubject, signal: AbortSignal): Promise<CreditReport | null>;
}

/** A provider that could not answer; the assessment reports `provider-unavailable`. */
export class ProviderUnavailable extends Error {
  override readonly name = 'ProviderUnavailable';
}

/**
 * Reports kept as JSON files in a folder, named by the subject's credit code
 * (`91440300MA5F0ABC1M.json`) or, without one, its customer id. Each file is
 * checked against the credit report schema; a malformed file is the provider failing.
 */
export class FileReportProvider implements CreditReportProvider {
  readonly name = 'file';

  constructor(
    private readonly dir: string,
    private readonly validate: ValidateFunction,
  ) {}

  async fetch(subject: ReportSubject, signal: AbortSignal): Promise<CreditReport | null> {
    for (const key of [subject.creditCode, subject.customerId]) {
      if (!key || !/^[0-9A-Za-z-]+$/.test(key)) continue;
      let text: string;
      try {
        text = await readFile(join(this.dir, `${key}.json`), { encoding: 'utf8', signal });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw new ProviderUnavailable(`reading the report file for ${key} failed: ${(error as Error).message}`);
      }
      let report: unknown;
      try {
        report = JSON.parse(text);
      } catch {
        throw new ProviderUnavailable(`the report file ${key}.json is not JSON`);
      }
      if (!this.validate(report)) {
        const first = this.validate.errors?.[0];
        throw new ProviderUnavailable(`the report file ${key}.json does not match the credit report schema: ${first?.instancePath || '/'} ${first?.message ?? ''}`.trim());
      }
      return report as CreditReport;
    }
    return null;
  }
}

/** Asks a provider, turning a failure or no answer within `timeoutMs` into `ProviderUnavailable`. */
export async function fetchReport(provider: CreditReportProvider, subject: ReportSubject, timeoutMs: number): Promise<CreditReport | null> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new ProviderUnavailable(`${provider.name} did not answer within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([provider.fetch(subject, controller.signal), timeout]);
  } catch (error) {
    if (error instanceof ProviderUnavailable) throw error;
    throw new ProviderUnavailable(`${provider.name} failed: ${(error as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
}
