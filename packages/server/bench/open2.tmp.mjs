import { EmbeddedStore } from '@crm-policy/server';
const t = performance.now();
const store = await EmbeddedStore.open(process.argv[2]);
console.log('open', ((performance.now() - t) / 1000).toFixed(1), 's');
for (const [k, v] of globalThis.__idx ?? []) console.log(k, (Number(v) / 1e6).toFixed(0), 'ms');
process.exit(0);
