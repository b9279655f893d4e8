import { join } from 'node:path';
import { describeDocsPage } from './describeDocsPage.js';

// docs/deployment.md: the move to MongoDB. The page's /srv/crm-policy stands for a scratch folder, whose data/
// is the server's DATA_DIR; the export runs once the server is stopped, as the page says. The MongoDB steps are not run.
describeDocsPage('docs/deployment.md', {
  env: (scratch) => ({ DATA_DIR: join(scratch, 'srv/data'), ADMIN_PASSWORD: 'docs-admin-password-2026' }),
  replace: ({ scratch }) => [['/srv/crm-policy', join(scratch, 'srv')]],
});
