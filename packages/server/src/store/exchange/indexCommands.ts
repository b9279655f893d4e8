import type { ErrorObject } from 'ajv';
import { EJSON } from 'bson';
import type { Filter, IndexSpec } from '../collection.js';
import { RequestValidator } from '../../validation/requestValidator.js';
import { ExchangeError } from './exchangeError.js';

/** The file of an export naming every collection's indexes. */
export const INDEXES_FILE = 'indexes.json';
/** The mongosh script of an export that creates them. */
export const INDEXES_SCRIPT = 'create-indexes.js';

/** One collection's indexes, in the shape of MongoDB's `createIndexes` command. */
export interface CreateIndexesCommand {
  createIndexes: string;
  indexes: Array<{ key: Record<string, 1 | -1>; name: string; unique?: true; partialFilterExpression?: Filter }>;
}

/** The command creating a collection's indexes. */
export function createIndexesCommand(collection: string, specs: readonly IndexSpec[]): CreateIndexesCommand {
  return {
    createIndexes: collection,
    indexes: specs.map((spec) => ({
      key: spec.keys,
      name: spec.name,
      ...(spec.unique ? { unique: true as const } : {}),
      ...(spec.partialFilterExpression ? { partialFilterExpression: spec.partialFilterExpression } : {}),
    })),
  };
}

/** The index specs a command creates. */
export function indexSpecsOf(command: CreateIndexesCommand): IndexSpec[] {
  return command.indexes.map((index) => ({
    name: index.name,
    keys: index.key,
    ...(index.unique ? { unique: true } : {}),
    ...(index.partialFilterExpression ? { partialFilterExpression: index.partialFilterExpression } : {}),
  }));
}

/** `indexes.json`'s text: relaxed Extended JSON, indented for reading. */
export function indexesFileText(commands: readonly CreateIndexesCommand[]): string {
  return `${EJSON.stringify(commands, undefined, 2, { relaxed: true })}\n`;
}

const NAME = { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_.-]{0,127}$' };
const COMMANDS_SCHEMA = {
  type: 'array',
  items: {
    type: 'object',
    required: ['createIndexes', 'indexes'],
    properties: {
      createIndexes: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_.-]{0,63}$' },
      indexes: {
        type: 'array',
        items: {
          type: 'object',
          required: ['key', 'name'],
          properties: {
            key: { type: 'object', minProperties: 1, additionalProperties: { enum: [1, -1] } },
            name: NAME,
            unique: { type: 'boolean' },
            partialFilterExpression: { type: 'object' },
          },
        },
      },
    },
  },
};

let validate: ReturnType<RequestValidator['compile']> | undefined;

/** Reads `indexes.json`'s text, refusing anything but a list of createIndexes commands with `ExchangeError('bad-indexes')` at the first wrong place. */
export function parseIndexesFile(text: string): CreateIndexesCommand[] {
  let value: unknown;
  try {
    value = EJSON.parse(text, { relaxed: true });
  } catch (error) {
    throw new ExchangeError('bad-indexes', `${INDEXES_FILE}: not Extended JSON (${(error as Error).message})`, { file: INDEXES_FILE });
  }
  validate ??= new RequestValidator().compile(COMMANDS_SCHEMA);
  if (!validate(value)) {
    const [first] = validate.errors as ErrorObject[];
    throw new ExchangeError('bad-indexes', `${INDEXES_FILE}: ${first?.instancePath || '/'} ${first?.message ?? 'is wrong'}`, { file: INDEXES_FILE });
  }
  return value as CreateIndexesCommand[];
}

/**
 * A mongosh script running the commands on the database named in the URI it
 * is given: `mongosh "mongodb://…/crm_policy" create-indexes.js`.
 */
export function createIndexesScript(commands: readonly CreateIndexesCommand[]): string {
  return `// crm-policy's indexes, from its export. Run: mongosh "mongodb://host/crm_policy?replicaSet=rs0" ${INDEXES_SCRIPT}
// The server creates the same indexes at start (createIndex changes nothing for an index that exists):
// running this first builds them before the server takes traffic, and shows at once a unique index the data breaks.
const commands = EJSON.deserialize(${EJSON.stringify(commands, undefined, 2, { relaxed: true })});
for (const command of commands) {
  const result = db.runCommand(command);
  if (!result.ok) throw new Error(command.createIndexes + ': ' + result.errmsg);
  print(command.createIndexes + ': ' + command.indexes.map((index) => index.name).join(', '));
}
`;
}
