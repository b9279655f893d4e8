import type { PolicyEvent, RuleFile } from '@crm-policy/engine';

/** A saved draft as the server answers it: the version, its warnings and how each of its tests came out. */
export interface DraftReport {
  draft: { _id: string; version: string; status: string; file: RuleFile };
  warnings: Array<{ code: string; pointer: string; message: { zh: string; en: string } }>;
  tests: {
    passed: number;
    failed: number;
    failures: Array<{ name: string; message: string }>;
    results?: Array<{ name: string; passed: boolean; failures: string[]; actual?: PolicyEvent }>;
  };
}
