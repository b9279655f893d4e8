import { EmbeddedStore } from '@crm-policy/server';
const t = performance.now();
const store = await EmbeddedStore.open(process.argv[2]);
console.log('open', ((performance.now() - t) / 1000).toFixed(1), 's');
process.exit(0);
