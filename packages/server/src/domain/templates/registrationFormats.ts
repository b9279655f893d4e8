import type { Ajv2020 } from 'ajv/dist/2020.js';
import { isValidCreditCode } from '@crm-policy/engine';
import { isDivision } from '../assignment/divisions.js';

/** The formats registration templates use: `credit-code` (with its check digit) and `region-code` (six digits naming a GB/T 2260 division of the bundled dataset). */
export function addRegistrationFormats(ajv: Ajv2020): void {
  ajv.addFormat('credit-code', { type: 'string', validate: isValidCreditCode });
  ajv.addFormat('region-code', { type: 'string', validate: (code: string) => code.length === 6 && isDivision(code) });
}
