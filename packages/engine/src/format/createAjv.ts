import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { linearRegExp } from '../patterns/linearRegExp.js';
import { DATE_OR_DATE_TIME } from './dateOrDateTime.js';

// ajv-formats is CommonJS with a default export; under NodeNext it arrives as the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

/** A JSON Schema 2020-12 validator with every error reported, the formats rule files use, and patterns run on RE2 (linear time). */
export function createAjv(options: { useDefaults?: boolean } = {}): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: false,
    useDefaults: options.useDefaults ?? false,
    code: { regExp: linearRegExp },
  });
  addFormats(ajv);
  ajv.addFormat('date-or-date-time', {
    type: 'string',
    validate: (value: string) => DATE_OR_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)),
  });
  return ajv;
}

export type { Ajv2020 };
