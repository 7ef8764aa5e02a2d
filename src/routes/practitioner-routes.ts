import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { bearerToken } from '../auth/access-token-verifier.js';
import { BadRequestError } from '../errors.js';
import { parseCsv } from '../practitioners/csv.js';
import type { PractitionerService } from '../practitioners/practitioner-service.js';
import { parseInput } from './parse-input.js';
import { limitBy, type RateLimits } from './rate-limits.js';

const phoneBody = z.strictObject({ phone_number: z.string().min(1).max(40) });
const verifyBody = z.strictObject({
  phone_number: z.string().min(1).max(40),
  otp: z.string().regex(/^\d{4,10}$/, 'the digits of the code'),
});
const importBody = z.strictObject({ records: z.array(z.unknown()).max(50_000, 'at most 50000 records a request') });
const languageQuery = z.object({ language: z.string().regex(/^[a-z]{2}(-[A-Za-z]{2})?$/, 'use a language code such as "en" or "es"').optional() });

/** The largest import body: 50,000 records of the calling system fit in it. */
const IMPORT_MAX_BYTES = 20 * 1024 * 1024;

export interface PractitionerRoutesOptions {
  practitioners: PractitionerService;
  /** Resolves for the service-role key, throws 401 / 403 otherwise. */
  requireServiceRole(token: string): Promise<void>;
  limits: RateLimits | null;
}

/**
 * Practitioners (prefix /api/v2/practitioners): the calling team's import (service role; JSON `{ records }` or a
 * CSV body), and the web sign-in: a code by SMS, then its check, which answers the onboarding session to continue
 * over the session API (/api/v2/onboarding/session/:id/reply, the widget's) or the dashboard.
 */
export const practitionerRoutes: FastifyPluginAsync<PractitionerRoutesOptions> = async (app, { practitioners, requireServiceRole, limits }) => {
  // Sign-in requests per client address, like session starts (the code sends have their own hourly limits).
  const perAddress = limitBy(limits, (l) => l.startsPerMinute, (request) => `practitioner-otp:${request.ip}`);
  app.addContentTypeParser(['text/csv', 'application/csv'], { parseAs: 'string', bodyLimit: IMPORT_MAX_BYTES }, (_request, body, done) => done(null, body));

  const languagesOf = (request: FastifyRequest): string[] => {
    const query = parseInput(languageQuery, request.query, 'query');
    const accepted = String(request.headers['accept-language'] ?? '')
      .split(',')
      .map((part) => part.split(';')[0]?.trim() ?? '')
      .filter((part) => part !== '');
    return [...(query.language ? [query.language] : []), ...accepted];
  };

  const importSchema = {
    schema: {
      tags: ['practitioners'],
      summary: 'Import the calling team\'s records',
      description:
        'Service role only. JSON { records: [...] } or a CSV file (text/csv) with the columns phone_number, name, email, practice_type, location, is_contacted, contact_status; upserts by normalised phone and answers a report of accepted and rejected rows.',
      security: [{ bearer: [] }],
    },
  };
  const otpSchema = {
    schema: {
      tags: ['practitioners'],
      summary: 'Send a sign-in code by SMS',
      description: 'Sends a one-time code to the practitioner\'s phone (Twilio Verify, or the log in console mode); limited per phone and per address.',
      body: phoneBody,
      querystring: languageQuery,
    },
  };
  const verifySchema = {
    schema: {
      tags: ['practitioners'],
      summary: 'Check a sign-in code',
      description: 'Answers { success, is_new_user, needs_onboarding, prefilled_data } and the onboarding session to continue, or the dashboard URL.',
      body: verifyBody,
      querystring: languageQuery,
    },
  };

  app.post('/import', { ...importSchema, bodyLimit: IMPORT_MAX_BYTES, onRequest: async (request) => requireServiceRole(bearerToken(request.headers.authorization)) }, async (request) => {
    if (typeof request.body === 'string') {
      const csv = parseCsv(request.body);
      if ('problem' in csv) throw new BadRequestError('INVALID_CSV', csv.problem);
      if (!csv.header.includes('phone_number')) throw new BadRequestError('INVALID_CSV', 'The first line names the columns, phone_number among them.');
      return practitioners.importRecords(csv.records);
    }
    const body = parseInput(importBody, request.body, 'request body');
    return practitioners.importRecords(body.records);
  });

  app.post('/otp', { ...otpSchema, ...perAddress }, async (request) => {
    const body = parseInput(phoneBody, request.body, 'request body');
    return practitioners.sendCode(body.phone_number, request.ip, languagesOf(request)[0]);
  });

  app.post('/otp/verify', { ...verifySchema, ...perAddress }, async (request) => {
    const body = parseInput(verifyBody, request.body, 'request body');
    return practitioners.verifyCode(body.phone_number, body.otp, languagesOf(request));
  });
};
