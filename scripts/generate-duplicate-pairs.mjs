#!/usr/bin/env node
// Writes test/fixtures/duplicate-pairs.json: labelled pairs for `npm run eval:dedup`.
// Labels come from how each pair is built (a variant of one company, or a look-alike of another).
import { writeFileSync } from 'node:fs';
import { DISTINCT_VARIANTS, DUPLICATE_VARIANTS, company, formOf, random } from '../packages/server/bench/companyNames.mjs';

const rand = random(20261123);
const pairs = [];
for (let i = 0; pairs.filter((p) => p.duplicate).length < 200; i += 1) {
  const c = company(rand, i);
  const [kind, variant] = DUPLICATE_VARIANTS[i % DUPLICATE_VARIANTS.length];
  const b = variant(c);
  if (b) pairs.push({ kind, duplicate: true, a: formOf(c), b });
}
for (let i = 0; pairs.filter((p) => !p.duplicate).length < 200; i += 1) {
  const c = company(rand, 10_000 + i);
  const [kind, variant] = DISTINCT_VARIANTS[i % DISTINCT_VARIANTS.length];
  pairs.push({ kind, duplicate: false, a: formOf(c), b: variant(c, rand) });
}
writeFileSync(new URL('../test/fixtures/duplicate-pairs.json', import.meta.url), JSON.stringify(pairs, null, 1) + '\n');
console.log(`wrote ${pairs.length} pairs`);
