import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { AnalyticsReader } from '../analytics/analytics-reader.js';
import { barChart, escapeXml, funnel } from '../analytics/svg.js';

export interface AnalyticsRoutesOptions {
  reader: AnalyticsReader;
  /** ANALYTICS_TOKEN: the password of HTTP Basic auth (any user name), or a bearer token. */
  token: string;
}

const DAYS = 30;

function equal(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The browser asks for a password (Basic, any user name); scripts may send the token as a bearer token. */
function authorized(request: FastifyRequest, token: string): boolean {
  const header = request.headers.authorization ?? '';
  if (header.startsWith('Bearer ')) return equal(header.slice(7), token);
  if (!header.startsWith('Basic ')) return false;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 && equal(decoded.slice(colon + 1), token);
}

/**
 * The analysts' dashboard: one server-rendered page with SVG charts of the analytics views (src/analytics/svg.ts),
 * the last 30 days of sessions and of charts, and each flow's funnel. No script runs on the page (its CSP says so).
 */
export const analyticsRoutes: FastifyPluginAsync<AnalyticsRoutesOptions> = async (app, { reader, token }) => {
  const schema = {
    tags: ['analytics'],
    summary: 'Analysts\' dashboard',
    description: 'An HTML page with SVG charts from the analytics views (aggregates only). ANALYTICS_TOKEN as the Basic auth password (any user name) or a bearer token.',
    security: [{ analyticsBasic: [] }, { bearer: [] }] as Array<Record<string, string[]>>,
  };
  app.get('/analytics', { schema }, async (request, reply) => {
    if (!authorized(request, token)) {
      return reply
        .code(401)
        .header('www-authenticate', 'Basic realm="analytics", charset="UTF-8"')
        .send({ code: 'UNAUTHORIZED', message: 'The dashboard needs ANALYTICS_TOKEN (as the password).' });
    }
    const [stats, conversion, funnels] = await Promise.all([reader.dailyStats(DAYS), reader.dailyConversion(DAYS), reader.funnels()]);
    const totals = stats.reduce((t, d) => ({ started: t.started + d.started, completed: t.completed + d.completed }), { started: 0, completed: 0 });
    const rate = totals.started > 0 ? Math.round((totals.completed / totals.started) * 1000) / 10 : 0;
    const charts = [
      `<h2>Sessions, last ${DAYS} days</h2>`,
      `<p class="summary">${totals.started} started, ${totals.completed} completed (${rate}%)</p>`,
      barChart({
        title: `Sessions started, completed and failed per day, last ${DAYS} days`,
        description: `${totals.started} sessions started and ${totals.completed} completed over ${stats.length} days, every channel together.`,
        categories: stats.map((d) => d.date.slice(5)),
        series: [
          { name: 'started', values: stats.map((d) => d.started) },
          { name: 'completed', values: stats.map((d) => d.completed) },
          { name: 'failed', values: stats.map((d) => d.failed) },
        ],
      }),
      `<h2>Charts generated, viewed and shared, last ${DAYS} days</h2>`,
      barChart({
        title: `Charts generated, viewed and shared per day, last ${DAYS} days`,
        description: `Profiles made per day and how many were viewed and shared.`,
        categories: conversion.map((d) => d.date.slice(5)),
        series: [
          { name: 'generated', values: conversion.map((d) => d.generated) },
          { name: 'viewed', values: conversion.map((d) => d.viewed) },
          { name: 'shared', values: conversion.map((d) => d.shared) },
        ],
      }),
      ...funnels.flatMap((f) => [
        `<h2>Funnel: ${escapeXml(f.flow)} (version ${f.version})</h2>`,
        funnel({
          title: `Sessions reaching each step of ${f.flow}, version ${f.version}`,
          description: `Of ${f.steps[0]?.reached ?? 0} sessions that reached the first step, how many reached each next one (every channel and language).`,
          steps: f.steps.map((s) => ({ label: s.step, value: s.reached })),
        }),
      ]),
    ];
    const page = [
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Onboarding analytics</title>',
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
      '<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:760px;color:#111}h2{font-size:1.05rem;margin-top:2rem}svg{max-width:100%;height:auto;display:block}.summary{color:#444}</style>',
      '</head><body><h1>Onboarding analytics</h1>',
      `<p>From the analytics views (aggregates only; days in UTC). Generated ${escapeXml(new Date().toISOString())}.</p>`,
      ...charts,
      '</body></html>',
    ].join('\n');
    return reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .send(page);
  });
};
