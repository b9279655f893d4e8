import { describeDocsPage } from './describeDocsPage.js';

const ADMIN_PASSWORD = 'docs-admin-password-2026';

// docs/webhooks.md: an admin registers an endpoint, with an admin's token in ADMIN as the page says.
describeDocsPage('docs/webhooks.md', {
  env: () => ({ ADMIN_PASSWORD }),
  prepare: async ({ server }) => {
    const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) });
    if (!login.ok) throw new Error(`admin sign-in: ${login.status} ${await login.text()}`);
    return { ADMIN: ((await login.json()) as { token: string }).token };
  },
});
