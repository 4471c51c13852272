import { z } from 'zod';

export const roles = ['readonly', 'editor', 'manager', 'admin'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

/*
 * Roles are ranked: each includes the one before it.
 * readonly reads; editor creates and edits records; manager also deletes them; admin also manages users,
 * API keys, integrations and Manage Data.
 */
export const hasRole = (actual: Role, required: Role) => roles.indexOf(actual) >= roles.indexOf(required);
