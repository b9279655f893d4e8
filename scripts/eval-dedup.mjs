#!/usr/bin/env node
// npm run eval:dedup — precision and recall of duplicate detection on the labelled pairs, at the configured thresholds.
import { readFileSync } from 'node:fs';
import { DEFAULT_DUPLICATE_SETTINGS, matchCompanies, profileOf, verdictOf } from '@crm-policy/server';

const load = (file) => JSON.parse(readFileSync(new URL(`../test/fixtures/${file}`, import.meta.url), 'utf8'));
const pairs = [...load('duplicate-pairs.json'), ...load('duplicate-pairs-handwritten.json'), ...load('duplicate-pairs-identity.json')];
const settings = DEFAULT_DUPLICATE_SETTINGS;
let tp = 0, fp = 0, fn = 0, tn = 0, review = 0;
const byKind = new Map();
for (const pair of pairs) {
  const match = matchCompanies(profileOf(pair.a), profileOf(pair.b));
  const verdict = verdictOf(match, settings);
  const predicted = verdict === 'duplicate';
  if (verdict === 'review') review += 1;
  if (predicted && pair.duplicate) tp += 1;
  else if (predicted) fp += 1;
  else if (pair.duplicate) fn += 1;
  else tn += 1;
  const stats = byKind.get(pair.kind) ?? { right: 0, total: 0, wrong: [] };
  stats.total += 1;
  if (predicted === pair.duplicate) stats.right += 1;
  else if (stats.wrong.length < 6) stats.wrong.push(`${pair.a.companyName} ~ ${pair.b.companyName}: ${match.score} ${match.reasons.join('; ')}`);
  byKind.set(pair.kind, stats);
}
const precision = tp / Math.max(1, tp + fp);
const recall = tp / Math.max(1, tp + fn);
console.log(`${pairs.length} labelled pairs (${tp + fn} duplicates, ${fp + tn} distinct); thresholds high ${settings.high}, low ${settings.low}`);
console.log(`precision ${precision.toFixed(3)} (aim ≥ 0.98), recall ${recall.toFixed(3)} (aim ≥ 0.95); ${review} pairs fall in the review band`);
for (const [kind, stats] of byKind) {
  console.log(`  ${kind.padEnd(40)} ${stats.right}/${stats.total}`);
  for (const wrong of stats.wrong) console.log(`      wrong: ${wrong}`);
}
if (process.argv.includes('--check') && (precision < 0.98 || recall < 0.95)) process.exitCode = 1;
