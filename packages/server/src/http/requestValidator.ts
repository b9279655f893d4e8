/** @deprecated Moved to `src/validation/`; kept until the domain's imports move there. */
export { RequestValidator } from '../validation/requestValidator.js';
