import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Express, Request, RequestHandler, Response } from 'express';
import type { Principal, Role } from '../auth/principal.js';
import { ApiError } from './apiError.js';
import type { FieldProblem } from '../validation/fieldProblem.js';
import type { Language } from './language.js';
import { languageOf } from './language.js';
import { assertSafeInput } from './requestGuards.js';
import { uploadPath } from './uploadFolder.js';
import type { RequestValidator } from '../validation/requestValidator.js';
import { validationProblems } from '../validation/validationProblems.js';

/** Who may call a route: anyone, any signed-in caller, or the listed roles. */
export type Access = 'public' | 'signed-in' | readonly Role[];

/** What a handler sees of a request. */
export interface RequestContext<B = unknown> {
  principal: Principal;
  body: B;
  params: Record<string, string>;
  query: Record<string, string | undefined>;
  language: Language;
  /** The caller's network address: the connection's, or the one a trusted proxy forwarded (the app's `trust proxy` setting). */
  address: string;
  /** The uploaded file (routes with `upload`), saved to a temporary file: deleted if the handler throws, else the handler's to delete. */
  upload?: { path: string; format: string; bytes: number };
}

export interface RouteResult {
  status?: number;
  body: unknown;
  /** Instead of a JSON body: text streamed chunk by chunk (a download). */
  stream?: { contentType: string; filename?: string; chunks: AsyncIterable<string> };
}

/** A route: its method and path, who may call it, its body schema and its handler. */
export interface RouteSpec<B = unknown> {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  summary: string;
  access: Access;
  /** JSON Schema of the body; unknown fields are rejected (`additionalProperties: false` is added at every object level without it). */
  body?: Record<string, unknown>;
  /** The body carries a JSON Schema: its `$schema`, `$ref`, `$defs`… keywords are allowed (other `$` keys never are). */
  bodyIsSchema?: boolean;
  /**
   * The body is a file, streamed to a temporary file (never held in memory):
   * the accepted media types, each with the format name the handler sees, and the size limit.
   */
  upload?: { types: Record<string, string>; maxBytes: number };
  /** An embedded registration form (an embed token) may call it; every other route refuses such a caller. */
  embeddable?: boolean;
  /** A registrar key may call it; every other route refuses such a key. */
  registrar?: boolean;
  /** Query parameters the route reads; any other is refused with 400. */
  query?: readonly string[];
  handler(context: RequestContext<B>): Promise<RouteResult>;
}

/** Declares a route; the type of `body` is the caller's to give. */
export function defineRoute<B = unknown>(spec: RouteSpec<B>): RouteSpec<B> {
  return spec;
}

export interface MountOptions {
  authenticate(request: Request): Promise<Principal | undefined>;
  validator: RequestValidator;
  /** Where uploads are saved while they are read (see `prepareUploadFolder`). */
  uploadDir: string;
}

const ANONYMOUS: Principal = { kind: 'user', id: '', username: '', displayName: '', role: 'rep', teams: [] };

function handlerFor(spec: RouteSpec, options: MountOptions): RequestHandler {
  const validate: ValidateFunction | undefined = spec.body ? options.validator.compile(spec.body) : undefined;
  return async (request, response, next) => {
    try {
      const language = languageOf(request);
      let principal = ANONYMOUS;
      if (spec.access !== 'public') {
        const found = await options.authenticate(request);
        if (!found) throw new ApiError('unauthenticated', 'Sign in first: send Authorization: Bearer <token> or X-API-Key');
        if (found.embed && !spec.embeddable) throw new ApiError('forbidden', 'An embed token only registers customers through the embedded form');
        if (found.registrar && !spec.registrar) throw new ApiError('forbidden', 'A registrar key only registers customers for a rep and decides policies');
        if (Array.isArray(spec.access) && !spec.access.includes(found.role)) {
          throw new ApiError('forbidden', `This needs the role ${spec.access.join(' or ')}`);
        }
        principal = found;
      } else if (request.headers.authorization || request.headers['x-api-key']) {
        // A public route may say more to a caller who identifies (GET /api/health to an admin).
        principal = (await options.authenticate(request)) ?? ANONYMOUS;
      }
      // Before anything reads it (the schema's validator included): any JSON body, whether or not the route takes one.
      if (request.body !== undefined) assertSafeInput(request.body, '', spec.bodyIsSchema ?? false);
      let body: unknown = undefined;
      if (validate) {
        body = request.body;
        if (body === undefined) throw new ApiError('bad-request', 'Send a JSON body with Content-Type: application/json');
        if (!validate(body)) {
          const details: FieldProblem[] = validationProblems(validate.errors as ErrorObject[], language);
          throw new ApiError('invalid', language === 'zh' ? '请求内容有误' : 'The request has invalid fields', { details });
        }
      }
      assertSafeInput(request.query);
      const unknownParams = Object.keys(request.query as object).filter((key) => !(spec.query ?? []).includes(key));
      if (unknownParams.length > 0) {
        throw new ApiError('bad-request', `Unknown query parameter(s): ${unknownParams.join(', ')}`, {
          details: unknownParams.map((key) => ({ path: `query.${key}`, message: 'is not a known parameter' })),
        });
      }
      for (const [key, value] of Object.entries(request.query as object)) {
        if (typeof value !== 'string') throw new ApiError('bad-request', `Give the query parameter ${key} once`, { details: [{ path: `query.${key}`, message: 'repeated' }] });
      }
      const upload = spec.upload ? await saveUpload(request, spec.upload, options.uploadDir) : undefined;
      let result: RouteResult;
      try {
        result = await spec.handler({
          principal,
          body,
          params: request.params as Record<string, string>,
          query: request.query as Record<string, string | undefined>,
          language,
          address: request.ip ?? request.socket.remoteAddress ?? 'unknown',
          ...(upload ? { upload } : {}),
        });
      } catch (error) {
        // A refused upload leaves no file behind.
        if (upload) await unlink(upload.path).catch(() => undefined);
        throw error;
      }
      if (result.stream) {
        await streamResult(response, result.status ?? 200, result.stream);
        return;
      }
      response.status(result.status ?? 200).json(result.body);
    } catch (error) {
      next(error);
    }
  };
}

async function streamResult(response: Response, status: number, stream: NonNullable<RouteResult['stream']>): Promise<void> {
  // attachment() guesses a type from the file name: the declared type goes after it.
  if (stream.filename) response.attachment(stream.filename);
  response.status(status).type(stream.contentType);
  for await (const chunk of stream.chunks) {
    if (!response.write(chunk)) await once(response, 'drain');
  }
  response.end();
}

/** Streams a request body to a temporary file, refusing other media types (415) and bodies over the limit (413). */
async function saveUpload(request: Request, upload: NonNullable<RouteSpec['upload']>, dir: string): Promise<{ path: string; format: string; bytes: number }> {
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const format = upload.types[type];
  if (!format) {
    throw new ApiError('unsupported-media-type', `Send the file with Content-Type ${Object.keys(upload.types).join(' or ')}`, { details: [{ path: 'header.content-type', message: type || 'missing' }] });
  }
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > upload.maxBytes) throw new ApiError('payload-too-large', `The file is larger than ${upload.maxBytes} bytes`);
  const path = uploadPath(dir);
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > upload.maxBytes) done(new ApiError('payload-too-large', `The file is larger than ${upload.maxBytes} bytes`));
      else done(null, chunk);
    },
  });
  try {
    await pipeline(request, limit, createWriteStream(path));
  } catch (error) {
    await unlink(path).catch(() => undefined);
    throw error instanceof ApiError ? error : new ApiError('bad-request', 'The upload was interrupted');
  }
  if (bytes === 0) {
    await unlink(path).catch(() => undefined);
    throw new ApiError('bad-request', 'The file is empty', { details: [{ path: '/', message: 'empty' }] });
  }
  return { path, format, bytes };
}

/** Mounts routes on an app. */
export function mountRoutes(app: Express, routes: readonly RouteSpec<never>[], options: MountOptions): void {
  for (const spec of routes as readonly RouteSpec[]) app[spec.method](spec.path, handlerFor(spec, options));
}
