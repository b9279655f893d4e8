import { ApiError } from './apiError.js';

/**
 * A body that is JSON but neither an object nor an array (`null`, `"x"`, `12`).
 * express.json's strict mode refuses it with the same error type as broken
 * JSON (`entity.parse.failed`); the text it kept tells the two apart.
 */
function isJsonScalar(text: unknown): boolean {
  if (typeof text !== 'string') return false;
  const first = text.trimStart()[0];
  if (first === undefined || first === '{' || first === '[') return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * What a refusal by express.json's parser (body-parser: `type` names why) is
 * answered with; `undefined` for anything else.
 */
export function bodyParserError(thrown: unknown): ApiError | undefined {
  const { type, body } = (thrown ?? {}) as { type?: unknown; body?: unknown };
  if (type === 'entity.parse.failed') {
    if (isJsonScalar(body)) {
      return new ApiError('bad-request', 'The request body must be a JSON object', { details: [{ path: '/', message: 'must be a JSON object' }] });
    }
    return new ApiError('malformed-json', 'The request body is not valid JSON');
  }
  if (type === 'entity.too.large') return new ApiError('payload-too-large', 'The request body is too large');
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') return new ApiError('unsupported-media-type', 'Send the body as UTF-8 JSON');
  return undefined;
}
