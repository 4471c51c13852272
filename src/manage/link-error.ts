import { isoOrNull } from '../db/timestamps.js';

/** A link's last sync error as the API shows it, or null when it has none (a bare message reads as `sync_error`). */
export const linkErrorOf = (r: { last_error_code: string | null; last_error_message: string | null; last_error_at: Date | string | null }) =>
  r.last_error_code || r.last_error_message ? { code: r.last_error_code ?? 'sync_error', message: r.last_error_message ?? '', at: isoOrNull(r.last_error_at) } : null;
