import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../errors.js';
import { isDatabaseUnavailable } from '../store/database-unavailable.js';

/** What a 503 for an unreachable database tells clients to wait before trying again. */
const RETRY_AFTER_SECONDS = 5;

/** Fastify's own errors that are the client's fault, by code, with the stable code we answer. */
const CLIENT_ERRORS: Record<string, { code: string; message: string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the body as application/json.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'INVALID_JSON', message: 'The body is empty; send a JSON object.' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'INVALID_JSON', message: 'The body is not valid JSON.' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', message: 'The body is too large.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'INVALID_REQUEST', message: 'The Content-Length header does not match the body.' },
};

/** How a 400 names the part of the request a schema refused (as parseInput names them). */
const PART_NAMES: Record<string, string> = { body: 'request body', params: 'path', querystring: 'query', headers: 'headers' };

/** The one place errors become HTTP answers: `{ code, message, details? }`, with 5xx details kept in the log. */
export function errorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof AppError && error.status < 500) {
    if (error.status === 401) reply.header('www-authenticate', 'Bearer');
    if ('retryAfter' in error && typeof error.retryAfter === 'number') reply.header('retry-after', String(error.retryAfter));
    return reply.code(error.status).send({ code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) });
  }
  // A route's zod schema refused the request (src/routes/openapi.ts): worded as parseInput words it.
  if (hasZodFastifySchemaValidationErrors(error)) {
    const problems = error.validation
      .map((issue) => {
        const path = issue.instancePath.split('/').filter(Boolean).join('.');
        return path ? `${path}: ${issue.message}` : issue.message;
      })
      .join('; ');
    return reply.code(400).send({ code: 'INVALID_REQUEST', message: `Invalid ${PART_NAMES[error.validationContext ?? ''] ?? 'request'}: ${problems}` });
  }
  const fastifyError = error as FastifyError;
  const known = fastifyError.code ? CLIENT_ERRORS[fastifyError.code] : undefined;
  if (known) return reply.code(fastifyError.statusCode ?? 400).send(known);
  if (error instanceof SyntaxError && fastifyError.statusCode === 400) {
    return reply.code(400).send({ code: 'INVALID_JSON', message: 'The body is not valid JSON.' });
  }
  // Over a rate limit (@fastify/rate-limit set Retry-After already).
  if (fastifyError.statusCode === 429) {
    return reply.code(429).send({ code: 'RATE_LIMITED', message: 'Too many requests; try again after the time in Retry-After.' });
  }
  if (fastifyError.statusCode && fastifyError.statusCode < 500) {
    return reply.code(fastifyError.statusCode).send({ code: 'BAD_REQUEST', message: error.message });
  }
  // The database is down or restarting: nothing was committed, and the client should try again shortly.
  if (isDatabaseUnavailable(error)) {
    request.log.warn({ err: error }, 'database unavailable');
    return reply
      .code(503)
      .header('retry-after', String(RETRY_AFTER_SECONDS))
      .send({ code: 'SERVICE_UNAVAILABLE', message: 'The service cannot reach its database right now. Please try again in a few seconds.' });
  }
  request.log.error({ err: error }, 'request failed');
  const code = error instanceof AppError ? error.code : 'INTERNAL_ERROR';
  const status = error instanceof AppError ? error.status : 500;
  return reply.code(status).send({ code, message: 'Something went wrong on our side. Please try again.' });
}
