/**
 * The rank of a value's type in MongoDB's sort order: null and missing, then
 * numbers, strings, objects, arrays, binary data, booleans, dates, regular
 * expressions (ObjectId, timestamps and the min/max keys are never stored here).
 */
export function bsonRank(value: unknown): number {
  if (value === undefined || value === null) return 1;
  switch (typeof value) {
    case 'number':
    case 'bigint':
      return 2;
    case 'string':
      return 3;
    case 'boolean':
      return 8;
    default:
      if (Array.isArray(value)) return 5;
      if (ArrayBuffer.isView(value)) return 6;
      if (value instanceof Date) return 9;
      if (value instanceof RegExp) return 11;
      return 4;
  }
}

const sign = (a: number | bigint | string, b: number | bigint | string): number => (a < b ? -1 : a > b ? 1 : 0);

function compareNumbers(a: number | bigint, b: number | bigint): number {
  // NaN sorts before every other number, and equals itself.
  const aNaN = typeof a === 'number' && Number.isNaN(a);
  const bNaN = typeof b === 'number' && Number.isNaN(b);
  if (aNaN || bNaN) return aNaN && bNaN ? 0 : aNaN ? -1 : 1;
  return sign(a, b);
}

function compareObjects(a: Record<string, unknown>, b: Record<string, unknown>): number {
  const aKeys = Object.keys(a);
  const bKeys = Object.keys(b);
  for (let i = 0; i < Math.min(aKeys.length, bKeys.length); i += 1) {
    const [aKey, bKey] = [aKeys[i]!, bKeys[i]!];
    const order = bsonRank(a[aKey]) - bsonRank(b[bKey]) || sign(aKey, bKey) || compareBson(a[aKey], b[bKey]);
    if (order !== 0) return Math.sign(order);
  }
  return sign(aKeys.length, bKeys.length);
}

function compareArrays(a: ArrayLike<unknown>, b: ArrayLike<unknown>): number {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    const order = compareBson(a[i], b[i]);
    if (order !== 0) return order;
  }
  return sign(a.length, b.length);
}

/**
 * Compares two stored values in MongoDB's (BSON) order: -1, 0 or 1. Types
 * compare by `bsonRank` (null and missing equal, numbers of any kind
 * together); strings by UTF-16 code unit, as MongoDB's binary comparison does
 * for text without surrogate pairs; objects field by field (type, name,
 * value), arrays and binary data element by element, then by length.
 */
export function compareBson(a: unknown, b: unknown): number {
  const rank = bsonRank(a) - bsonRank(b);
  if (rank !== 0) return Math.sign(rank);
  switch (bsonRank(a)) {
    case 1:
      return 0;
    case 2:
      return compareNumbers(a as number | bigint, b as number | bigint);
    case 3:
    case 8:
      return sign(a as string, b as string);
    case 4:
      return compareObjects(a as Record<string, unknown>, b as Record<string, unknown>);
    case 5:
      return compareArrays(a as unknown[], b as unknown[]);
    case 6: {
      const [x, y] = [a as ArrayBufferView, b as ArrayBufferView];
      return sign(x.byteLength, y.byteLength) || compareArrays(new Uint8Array(x.buffer, x.byteOffset, x.byteLength), new Uint8Array(y.buffer, y.byteOffset, y.byteLength));
    }
    case 9:
      return compareNumbers((a as Date).getTime(), (b as Date).getTime());
    default:
      return sign(String(a), String(b));
  }
}
