import type { Doc, Update } from '../collection.js';
import { freezeValues, frozenCopy } from './frozenValue.js';

type Field = Record<string, unknown>;
type Step = { op: '$set' | '$unset' | '$inc'; path: string[]; value: unknown };

const isPlainObject = (value: unknown): value is Field => {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
};

/** The steps of an update made only of `$set`, `$unset`, `$inc` (and `$setOnInsert`) on plain paths; undefined otherwise. */
function stepsOf(update: Update, inserting: boolean): Step[] | undefined {
  const steps: Step[] = [];
  for (const [operator, operand] of Object.entries(update)) {
    if (operator !== '$set' && operator !== '$unset' && operator !== '$inc' && operator !== '$setOnInsert') return undefined;
    if (!isPlainObject(operand)) return undefined;
    if (operator === '$setOnInsert' && !inserting) continue;
    for (const [field, value] of Object.entries(operand)) {
      const path = field.split('.');
      if (path[0] === '_id' || path.some((part) => part === '' || part.startsWith('$'))) return undefined;
      if (operator === '$inc' && typeof value !== 'number') return undefined;
      steps.push({ op: operator === '$setOnInsert' ? '$set' : operator, path, value });
    }
  }
  // Two steps on one path, or on a path and a field inside it, conflict (MongoDB refuses them): left to mingo.
  const fields = new Set(steps.map((step) => step.path.join('.')));
  if (fields.size < steps.length) return undefined;
  for (const { path } of steps) {
    for (let depth = 1; depth < path.length; depth += 1) if (fields.has(path.slice(0, depth).join('.'))) return undefined;
  }
  return steps;
}

/**
 * The new version of a stored document (frozen values) under an update of `$set`,
 * `$unset` and `$inc` (and `$setOnInsert` when inserting), without mingo:
 * only the objects on the changed paths are copied; everything else is
 * shared with the previous version. MongoDB's semantics: `$inc` of a missing
 * field sets it to the increment; missing objects on a path are created.
 * Undefined when the update needs more (other operators, a path through an
 * array, `null` or a scalar, `$inc` of a value that is not a number, `_id`,
 * conflicting paths): mingo then applies it, with its own rules and errors.
 */
export function nativeUpdate(doc: Doc, update: Update, inserting: boolean): Doc | undefined {
  const steps = stepsOf(update, inserting);
  if (!steps) return undefined;
  const copied = new Set<object>();
  const copy = (value: Field): Field => {
    const fresh = { ...value };
    copied.add(fresh);
    return fresh;
  };
  let root = copy(doc);
  // Objects a field was deleted from: V8 keeps those in a slow, several times larger form; copied again at the end, they are compact.
  const shrunk = new Set<Field>();
  for (const { op, path, value } of steps) {
    let parent: Field | undefined = root;
    for (const part of path.slice(0, -1)) {
      const child: unknown = parent[part];
      if (child === undefined) {
        // Nothing to unset below a missing field; $set and $inc create it.
        if (op === '$unset') {
          parent = undefined;
          break;
        }
        parent = parent[part] = copy({});
      } else if (isPlainObject(child)) {
        parent = parent[part] = copied.has(child) ? child : copy(child);
      } else {
        return undefined;
      }
    }
    if (!parent) continue;
    const field = path[path.length - 1]!;
    if (op === '$set') {
      parent[field] = frozenCopy(value);
    } else if (op === '$unset') {
      if (field in parent) {
        delete parent[field];
        shrunk.add(parent);
      }
    } else {
      const current = parent[field];
      if (current === undefined) parent[field] = value;
      else if (typeof current === 'number') parent[field] = current + (value as number);
      else return undefined;
    }
  }
  if (shrunk.size > 0) root = compacted(root, shrunk);
  return freezeValues(root) as Doc;
}

/** A copy of `value` in which every object of `shrunk` (and the objects holding them) is copied afresh. */
function compacted(value: Field, shrunk: ReadonlySet<Field>): Field {
  let changed = shrunk.has(value);
  const fields: Field = {};
  for (const key of Object.keys(value)) {
    const child = value[key];
    if (isPlainObject(child) && !Object.isFrozen(child)) {
      const fresh = compacted(child as Field, shrunk);
      if (fresh !== child) changed = true;
      fields[key] = fresh;
    } else {
      fields[key] = child;
    }
  }
  return changed ? { ...fields } : value;
}
