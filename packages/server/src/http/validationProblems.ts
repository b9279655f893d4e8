/** @deprecated Moved to `src/validation/`; kept until the domain's imports move there. */
export { validationProblems } from '../validation/validationProblems.js';
