// Puts the declarations tsc wrote for <RegistrationForm> (tsc --build runs first) beside the library build.
import { copyFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const from = fileURLToPath(new URL('../../../node_modules/.cache/tsc/admin-ui/src/embed/', import.meta.url));
const to = fileURLToPath(new URL('../dist-lib/', import.meta.url));
for (const [source, target] of [
  ['RegistrationForm.d.ts', 'registration-form.d.ts'],
  ['registrationFormTypes.d.ts', 'registrationFormTypes.d.ts'],
]) {
  if (!existsSync(from + source)) throw new Error(`${from + source} is missing: run tsc --build first`);
  copyFileSync(from + source, to + target);
}
