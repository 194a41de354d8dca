/**
 * Results export (issue 12 §3): every poll of a meeting, or one poll, as CSV (UTF-8 with BOM,
 * RFC 4180) or PDF (core/results). Who may: `results.export` (core/roles). Secret polls carry
 * counts only; polls without a published result carry their state only.
 */
import { ApiValidationError } from './meetings';
import { binaryAnswer, defineRoute, noBody, type ParamCheck } from './http';
import { POLL, MEETING } from './route-errors';

export const EXPORT_FORMATS = ['csv', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_CONTENT_TYPES: Readonly<Record<ExportFormat, string>> = {
  csv: 'text/csv; charset=utf-8',
  pdf: 'application/pdf',
};

export const isExportFormat = (value: string): value is ExportFormat =>
  (EXPORT_FORMATS as readonly string[]).includes(value);

const formatParam: ParamCheck = (value) => {
  if (!isExportFormat(value))
    throw new ApiValidationError('bad-export-format', 'format', 'Export as "csv" or "pdf".');
};

export const resultsRoutes = {
  exportResults: defineRoute({
    method: 'GET',
    path: '/api/meetings/:id/results/export/:format',
    auth: 'session',
    status: 200,
    params: { format: formatParam },
    body: noBody,
    answer: binaryAnswer,
    errors: [...MEETING, 'bad-export-format'],
  }),
  exportPollResult: defineRoute({
    method: 'GET',
    path: '/api/meetings/:id/polls/:pollId/export/:format',
    auth: 'session',
    status: 200,
    params: { format: formatParam },
    body: noBody,
    answer: binaryAnswer,
    errors: [...POLL, 'bad-export-format'],
  }),
} as const;
