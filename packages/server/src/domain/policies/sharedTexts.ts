/**
 * A page's JSON texts, their UTF-8 written one after another into shared
 * memory, with where each ends: the worker reads them where they lie.
 * Joined into one string and posted, the page was copied twice on the
 * server's thread (the join, then the message's copy), a quarter of that
 * thread's time in a simulation; and a string that large is slow to make on
 * either side (it goes to V8's large-object space), where each document's
 * own short text is not.
 */
export function sharedTexts(texts: readonly string[]): { shared: SharedArrayBuffer; ends: Uint32Array } {
  // UTF-8 takes at most three bytes per UTF-16 unit: room enough without measuring each text first.
  let room = 0;
  for (const text of texts) room += text.length * 3;
  const shared = new SharedArrayBuffer(room);
  const into = Buffer.from(shared);
  const ends = new Uint32Array(texts.length);
  let at = 0;
  texts.forEach((text, i) => {
    at += into.write(text, at, 'utf8');
    ends[i] = at;
  });
  return { shared, ends };
}

/** The texts `sharedTexts` wrote, each parsed. */
export function parseSharedTexts<T>({ shared, ends }: { shared: SharedArrayBuffer; ends: Uint32Array }): T[] {
  const bytes = Buffer.from(shared);
  const parsed = new Array<T>(ends.length);
  let start = 0;
  for (let i = 0; i < ends.length; i += 1) {
    parsed[i] = JSON.parse(bytes.toString('utf8', start, ends[i])) as T;
    start = ends[i]!;
  }
  return parsed;
}
