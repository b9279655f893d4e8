#!/usr/bin/env node
import { existsSync } from 'node:fs';

const entry = new URL('../dist/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('crm-policy-server: the server is not built; run `npm install` (or `npm run build`) at the repository root\n');
  process.exit(2);
}
const { main } = await import(entry.href);
main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(`crm-policy-server: ${error.message}\n`);
  process.exit(1);
});
