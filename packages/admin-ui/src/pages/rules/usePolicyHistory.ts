import type { RuleFile } from '@crm-policy/engine';
import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../../api/client.js';

/** One version as the history lists it (its rules are fetched on their own). */
export interface VersionSummary {
  _id: string;
  version: string;
  status: 'draft' | 'published' | 'retired';
  comment: string;
  createdAt: string;
  createdBy?: { id?: string; name: string };
  publishedBy?: { name: string };
  rolledBackFrom?: { version: string };
  /** `rules-folder` on the version seeded from the rules folder at first start. */
  origin?: string;
}

/** A policy's versions, newest first, and the published rule file (what a draft's next version is proposed against). */
export function usePolicyHistory(api: ApiClient, policy: string, refresh: unknown) {
  const [versions, setVersions] = useState<VersionSummary[]>();
  const [published, setPublished] = useState<RuleFile>();
  const load = useCallback(async () => {
    const [list, current] = await Promise.all([
      api.call<{ versions: VersionSummary[] }>('GET', `/api/policies/${policy}/versions`),
      api.call<{ file: RuleFile }>('GET', `/api/policies/${policy}/versions/published`),
    ]);
    setVersions(list.versions);
    setPublished(current.file);
  }, [api, policy]);
  useEffect(() => {
    setVersions(undefined);
    load().catch(() => setVersions([]));
  }, [load, refresh]);
  return { versions, published, reload: load };
}
