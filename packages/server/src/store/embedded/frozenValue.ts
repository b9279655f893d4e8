/** Objects and arrays made by `frozenCopy` or `deepFreeze`: frozen all the way down, so they can be shared as they are. */
const deeplyFrozen = new WeakSet<object>();

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
  if (deeplyFrozen.has(value)) return value;
  let copy: object;
  if (Array.isArray(value)) {
    copy = value.map(frozenCopy);
  } else if (isPlain(value)) {
    const fields: Record<string, unknown> = {};
    for (const key of Object.keys(value)) fields[key] = frozenCopy((value as Record<string, unknown>)[key]);
    copy = fields;
  } else if (value instanceof Date) {
    copy = new Date(value.getTime());
  } else {
    return deepFreeze(structuredClone(value));
  }
  Object.freeze(copy);
  deeplyFrozen.add(copy);
  return copy as T;
}

/** Freezes a value all the way down, in place (values nothing else holds: parsed from the log, or built by an update). */
export function deepFreeze<T>(value: T): T {
  // Binary values cannot be frozen (the log, being JSON, does not keep them either).
  if (value === null || typeof value !== 'object' || deeplyFrozen.has(value) || ArrayBuffer.isView(value)) return value;
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  Object.freeze(value);
  deeplyFrozen.add(value);
  return value;
}

/** Whether a value is deeply frozen (made by `frozenCopy` or `deepFreeze`), so it can be shared. */
export function isDeeplyFrozen(value: unknown): boolean {
  return value !== null && typeof value === 'object' && deeplyFrozen.has(value);
}
