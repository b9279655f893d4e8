import { describeDocsPage } from './describeDocsPage.js';

const ADMIN_PASSWORD = 'docs-admin-password-2026';

/** A call as admin to the page's server; fails the setup with the answer when it is not a success. */
async function asAdmin(url: string, token: string, path: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

// docs/embedding.md, after "Setting up (an admin, once)": a rep li.na in a team, and an admin API key for the
// host's origin https://crm.example.com in CRM_POLICY_API_KEY. The page's crm-policy.example.com is the page's server.
describeDocsPage('docs/embedding.md', {
  env: () => ({ ADMIN_PASSWORD }),
  prepare: async ({ server }) => {
    const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) });
    if (!login.ok) throw new Error(`admin sign-in: ${login.status} ${await login.text()}`);
    const { token } = (await login.json()) as { token: string };
    const team = (await asAdmin(server.url, token, '/api/teams', { name: 'South Enterprise' })) as { team?: { _id: string }; _id?: string };
    const teamId = team.team?._id ?? team._id;
    await asAdmin(server.url, token, '/api/users', { username: 'li.na', password: 'li-na-password-2026', displayName: '李娜', role: 'rep', teams: [teamId] });
    const key = (await asAdmin(server.url, token, '/api/api-keys', { name: 'host', role: 'admin', origins: ['https://crm.example.com'] })) as { key: string };
    return { CRM_POLICY_API_KEY: key.key };
  },
  replace: ({ server }) => [['https://crm-policy.example.com', server.url]],
});
