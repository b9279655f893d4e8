// Where a profile of a server process went: a V8 CPU profile (`.cpuprofile`, as
// `node --cpu-prof` writes) by time, or a sampling heap profile (`.heapprofile`, with
// the objects garbage collection freed) by bytes allocated. Both are listed by self
// share and, for the project's own functions, by total share (self and callees).
// `node profileTop.mjs <file> [count]` prints one; server.bench.mjs prints its own.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Where a profile node's function lives, short: `name file:line`. */
function label(frame) {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return name;
  const path = frame.url.startsWith('file://') ? relative(ROOT, fileURLToPath(frame.url)) : frame.url;
  return `${name} ${path.replace(/^node_modules\//, '')}:${frame.lineNumber + 1}`;
}

const ranked = (map, total, count) => [...map].sort((a, b) => b[1] - a[1]).slice(0, count).map(([name, n]) => ({ name, share: n / total }));

/** Self and total weight per function, from leaves weighted by `weightOf` with their stacks. */
function tally(leaves, count) {
  const self = new Map();
  const inclusive = new Map();
  let total = 0;
  for (const { stack, weight } of leaves) {
    total += weight;
    const key = label(stack[0]);
    self.set(key, (self.get(key) ?? 0) + weight);
    // Each function on the stack once, however deep its recursion.
    const onStack = new Set(stack.filter((frame) => frame.url.includes('/packages/')).map(label));
    for (const name of onStack) inclusive.set(name, (inclusive.get(name) ?? 0) + weight);
  }
  return { total, self, top: ranked(self, total, count), topTotal: ranked(inclusive, total, count) };
}

/** A CPU profile's samples, each with its stack (innermost first). */
function cpuLeaves(profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const hits = new Map();
  for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  return [...hits].map(([id, weight]) => {
    const stack = [];
    for (let at = id; at !== undefined; at = parent.get(at)) stack.push(byId.get(at).callFrame);
    return { stack, weight };
  });
}

/** A heap profile's allocation sites, each with the bytes sampled there and its stack. */
function heapLeaves(profile) {
  const leaves = [];
  const walk = (node, above) => {
    const stack = [node.callFrame, ...above];
    if (node.selfSize > 0) leaves.push({ stack, weight: node.selfSize });
    for (const child of node.children) walk(child, stack);
  };
  walk(profile.head, []);
  return leaves;
}

/** The `count` heaviest entries of a profile file, by self and by total share. */
export function topOfProfile(file, count = 25) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  if (profile.head) return { kind: 'allocation', ...tally(heapLeaves(profile), count) };
  const { total, self, top, topTotal } = tally(cpuLeaves(profile), count);
  return { kind: 'time', total, busyShare: (total - (self.get('(idle)') ?? 0)) / total, top, topTotal };
}

/** Prints a profile's top entries. */
export function printTop(file, count = 25) {
  const { kind, total, busyShare, top, topTotal } = topOfProfile(file, count);
  const size = kind === 'time' ? `${total} samples, busy ${(100 * busyShare).toFixed(1)}%` : `${(total / 2 ** 20).toFixed(1)} MB sampled`;
  console.log(`${file}: ${size}`);
  console.log(`self ${kind}:`);
  for (const { name, share } of top) console.log(`${(100 * share).toFixed(1).padStart(6)}%  ${name}`);
  console.log(`total ${kind}, the project's functions:`);
  for (const { name, share } of topTotal) console.log(`${(100 * share).toFixed(1).padStart(6)}%  ${name}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) printTop(process.argv[2], Number(process.argv[3] ?? 25));
