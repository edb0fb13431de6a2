import express, { type Response } from 'express';
import { BillingQuery, FeedbackTextsQuery, InterpretingQuery, VisitsQuery, type Principal } from '@etapiste/shared';
import type { TokenService } from '../auth/tokens.ts';
import { parseBody } from '../http/validation.ts';
import { allow, principalOf } from '../security/route-policy.ts';
import type { StatisticsService } from './statistics-service.ts';

function sendCsv(response: Response, filename: string, document: string): void {
  response.setHeader('Content-Type', 'text/csv; charset=utf-8');
  response.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  response.send(document);
}

/**
 * REST for statistics exports, mounted at /api/statistics (shapes: shared/src/protocol/statistics-rest.ts).
 * Supervisors read their own agency, admins everything; `format=csv` answers a CSV attachment.
 */
export function statisticsRouter(deps: { statistics: StatisticsService; tokens: TokenService }): express.Router {
  const { statistics } = deps;
  const router = express.Router();
  /** Authentication and role first, so an expert learns nothing from validation errors. */
  const readers = allow(deps.tokens, ['admin', 'supervisor']);
  const reader = (response: Response): Principal => {
    const principal = principalOf(response);
    statistics.requireReader(principal);
    response.setHeader('Cache-Control', 'no-store');
    return principal;
  };

  router.get('/visits', readers, async (request, response) => {
    const principal = reader(response);
    const query = parseBody(VisitsQuery, request.query);
    const report = await statistics.visits(principal, query);
    if (query.format === 'csv') sendCsv(response, `etapiste-visits-${query.from}-${query.to}.csv`, await statistics.visitsCsv(report));
    else response.json(report);
  });
  router.get('/interpreting', readers, async (request, response) => {
    const principal = reader(response);
    const query = parseBody(InterpretingQuery, request.query);
    const report = await statistics.interpreting(principal, query);
    if (query.format === 'csv') sendCsv(response, `etapiste-interpreting-${query.from}-${query.to}.csv`, await statistics.interpretingCsv(report));
    else response.json(report);
  });
  router.get('/billing', readers, async (request, response) => {
    const principal = reader(response);
    const query = parseBody(BillingQuery, request.query);
    const report = await statistics.billing(principal, query);
    if (query.format === 'csv') sendCsv(response, `etapiste-billing-${query.month}.csv`, await statistics.billingCsv(report));
    else response.json(report);
  });
  router.get('/feedback-texts', readers, async (request, response) => {
    const principal = reader(response);
    const query = parseBody(FeedbackTextsQuery, request.query);
    const report = await statistics.feedbackTexts(principal, query);
    if (query.format === 'csv') sendCsv(response, `etapiste-feedback-texts-${query.from}-${query.to}.csv`, await statistics.feedbackTextsCsv(report));
    else response.json(report);
  });
  return router;
}
