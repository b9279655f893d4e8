/**
 * Marks objects and arrays made by `frozenCopy` or `deepFreeze`: frozen all
 * the way down, so they can be shared as they are. A hidden property (a
 * private symbol, not enumerable: no copy, JSON or key listing sees it) set
 * before freezing; a WeakSet of every stored object made each write several
 * times costlier and gave every collection a large weak table to trace.
 */
const DEEPLY_FROZEN = Symbol('deeply frozen');
const isMarked = (value: object): boolean => Object.hasOwn(value, DEEPLY_FROZEN);

/** Whether a value is frozen all the way down: marked, or (values loaded from the data folder are frozen without the mark) found so by a walk, with no copy. */
function isDeeplyFrozen(value: object): boolean {
  if (isMarked(value)) return true;
  if (!Object.isFrozen(value) || ArrayBuffer.isView(value)) return false;
  for (const key of Object.keys(value)) {
    const field = (value as Record<string, unknown>)[key];
    if (field !== null && typeof field === 'object' && !isDeeplyFrozen(field)) return false;
  }
  return true;
}

/** Marks and freezes a value whose parts are deeply frozen (one frozen or sealed already cannot take the mark: it stays frozen, unmarked, and is copied when met again). */
function freezeMarked(value: object): void {
  if (Object.isExtensible(value)) Object.defineProperty(value, DEEPLY_FROZEN, { value: true });
  Object.freeze(value);
}

const isPlain = (value: object): boolean => {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
};

/**
 * A deep copy of a value that nothing can change: plain objects and arrays
 * are copied and frozen; parts already deeply frozen (taken from stored
 * documents) are shared, not copied. A Date is copied (its time stays
 * settable, as Date's own methods allow); anything else is copied with
 * `structuredClone`, then frozen.
 */
export function frozenCopy<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (isDeeplyFrozen(value)) return value;
  let copy: object;
  if (Array.isArray(value)) {
    copy = value.map(frozenCopy);
  } else if (isPlain(value)) {
    copy = copiedFields(value as Record<string, unknown>);
  } else if (value instanceof Date) {
    copy = new Date(value.getTime());
  } else {
    return deepFreeze(structuredClone(value));
  }
  freezeMarked(copy);
  return copy as T;
}

/** Freezes a value all the way down, in place (values nothing else holds: parsed from the log, or built by an update). */
export function deepFreeze<T>(value: T): T {
  // Binary values cannot be frozen (the log, being JSON, does not keep them either).
  if (value === null || typeof value !== 'object' || isMarked(value) || ArrayBuffer.isView(value)) return value;
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  freezeMarked(value);
  return value;
}

/**
 * A document as the store keeps it: a top-level object of its own (never
 * handed out, so left unfrozen: copying a frozen object is several times
 * slower) whose values are frozen copies.
 */
export function storedCopy<T extends Record<string, unknown>>(doc: T): T {
  return copiedFields(doc) as T;
}

/**
 * An object with the same fields holding frozen copies of the values. Spread
 * first, then overwritten: adding the fields one by one to `{}` from a call
 * site that sees many shapes leaves V8 with a slow (dictionary) object,
 * several times costlier to copy and read.
 */
function copiedFields(value: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...value };
  for (const key of Object.keys(copy)) {
    const field = copy[key];
    if (field !== null && typeof field === 'object') copy[key] = frozenCopy(field);
  }
  return copy;
}

/**
 * Freezes a value parsed from the data folder all the way down, in place,
 * without the mark (a property on every object of a large store costs memory
 * and time at start); `frozenCopy` still shares such values.
 */
function freezeParsed(value: unknown): void {
  if (value === null || typeof value !== 'object') return;
  // Walked without a list of keys per object (parsed JSON has plain objects and arrays only): a million customers made millions of them.
  if (Array.isArray(value)) for (const element of value) freezeParsed(element);
  else for (const key in value) freezeParsed((value as Record<string, unknown>)[key]);
  Object.freeze(value);
}

/** Freezes the values of a document read from the data folder, in place. */
export function freezeLoaded<T extends Record<string, unknown>>(doc: T): T {
  for (const key in doc) freezeParsed(doc[key]);
  return doc;
}

/** Freezes the values of a document the store is about to keep (parsed from the log, or built by an update), in place. */
export function freezeValues<T extends Record<string, unknown>>(doc: T): T {
  for (const key of Object.keys(doc)) deepFreeze(doc[key]);
  return doc;
}
