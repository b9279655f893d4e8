import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { describeDocsPage, ROOT } from './describeDocsPage.js';

// README.md as a newcomer runs it: the demo organisation loaded (as the page says, before the server starts),
// the server started with ADMIN_PASSWORD, the data folder away from ./data (where defaults would hide a wrong path).
describeDocsPage('README.md', {
  seedDemo: true,
  env: () => ({ ADMIN_PASSWORD: 'docs-admin-password-2026' }),
  after: ({ checkout }) => {
    // `crm-policy export` of the policies as committed leaves `git diff` empty.
    for (const name of ['assignment.json', 'claim-eligibility.json', 'credit-risk.json']) {
      expect(readFileSync(join(checkout, 'rules', name), 'utf8'), `rules/${name} changed`).toBe(readFileSync(join(ROOT, 'rules', name), 'utf8'));
    }
  },
});
