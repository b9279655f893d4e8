import type { Ajv2020 } from 'ajv/dist/2020.js';
import { isValidCreditCode, regionPrefix } from '@crm-policy/engine';

/** The formats registration templates use: `credit-code` (with its check digit) and `region-code` (GB/T 2260 district). */
export function addRegistrationFormats(ajv: Ajv2020): void {
  ajv.addFormat('credit-code', { type: 'string', validate: isValidCreditCode });
  ajv.addFormat('region-code', { type: 'string', validate: (code: string) => code.length === 6 && regionPrefix(code) !== undefined });
}
