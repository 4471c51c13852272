import { z } from 'zod';

/** The error body of every route, as documented in the OpenAPI document. */
export const errorBody = z
  .object({
    error: z.object({
      code: z.string().describe('Stable machine-readable code, e.g. validation_failed, not_found'),
      message: z.string().describe('What went wrong and what to do, for a person'),
      details: z.unknown().optional(),
    }),
  })
  .describe('Error');

export const errorResponses = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 429: errorBody } as const;

/** Text fields: trimmed, bounded, so huge or empty values are refused at the door. */
export const name = (max = 255) => z.string().trim().min(1).max(max);
export const optionalText = (max = 1000) => z.string().trim().max(max).nullable().optional();
export const notes = z.string().max(100_000).optional();
export const isoDateTime = z.iso.datetime();
