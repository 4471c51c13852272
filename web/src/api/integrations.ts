/**
 * The PSA integration and sync DTOs as the SPA sees them, mirrored by hand from the server's zod schemas
 * (src/integrations/integration.schemas.ts, integration-dto.ts, src/sync/runs/run-dto.ts and the sync contract).
 */
export type Provider = 'connectwise' | 'autotask' | 'halo';

/** The three PSA record kinds a sync touches, as the sync API names them (singular). */
export type SyncKind = 'organization' | 'configuration' | 'contact';
export const syncKinds: SyncKind[] = ['organization', 'configuration', 'contact'];

export type ScopeState = 'enabled' | 'excluded' | 'paused' | 'disconnected';
export type ScopeDimension = 'type' | 'status';

export interface SyncScope {
  id: string;
  externalId: string;
  name: string;
  state: ScopeState;
}

export type GroupedScopes = Record<SyncKind, Record<ScopeDimension, SyncScope[]>>;

export interface SyncSettings {
  scheduleMinutes: number;
  contactsEnabled: boolean;
  brake: { maxShare: number; minCount: number };
  overlapMinutes: number;
}

export interface SyncSettingsPatch {
  scheduleMinutes?: number;
  contactsEnabled?: boolean;
  brake?: { maxShare?: number; minCount?: number };
  overlapMinutes?: number;
}

export interface Integration {
  id: string;
  provider: Provider;
  name: string;
  baseUrl: string;
  status: 'active' | 'paused';
  settings: SyncSettings;
  /** Which credentials are stored: names only, the values never leave the server. */
  credentialKeys: string[];
  createdAt: string;
  updatedAt: string;
  scopes: GroupedScopes;
}

export type Credentials = Record<string, string>;

export interface ConnectionInput {
  provider: Provider;
  baseUrl: string;
  credentials: Credentials;
}

export type TestErrorClass = 'auth' | 'permission' | 'not_found' | 'rate_limited' | 'transient' | 'bad_response' | 'config';

export interface ConnectionTest {
  ok: boolean;
  errorClass?: TestErrorClass;
  message: string;
}

export interface ScopeChange {
  id: string;
  kind: SyncKind;
  dimension: ScopeDimension;
  externalId: string;
  name: string;
  state: ScopeState;
}

export interface ScopeRefresh {
  added: ScopeChange[];
  renamed: ScopeChange[];
  listed: number;
  scopes: GroupedScopes;
}

export interface ScopeUpdate {
  changed: (ScopeChange & { previousState: ScopeState })[];
  scopes: GroupedScopes;
}

export interface ScopeStateChange {
  id: string;
  state: 'enabled' | 'excluded';
}

export type LinkState = 'syncing' | 'orphaned' | 'disabled' | 'error';
export type LinkCounts = Record<SyncKind, Record<LinkState | 'total', number>>;

export interface RemovalPreview {
  integrationId: string;
  links: LinkCounts;
  totalLinks: number;
  scopes: number;
  runs: number;
  syncRunning: boolean;
  effects: string[];
  confirmationToken: string;
}

export interface PreviewCounts {
  create: number;
  link: number;
  orphan: number;
  heal: number;
}

export interface SettingsPreview {
  byKind: Record<SyncKind, PreviewCounts>;
  total: PreviewCounts;
}

export type OrphanReason = 'deleted_in_psa' | 'inactive_in_psa' | 'excluded_by_settings' | 'parent_not_synced';
export type RunStatus = 'queued' | 'running' | 'succeeded' | 'partial' | 'failed' | 'held' | 'cancelled';
export type RunTrigger = 'schedule' | 'manual' | 'cli' | 'demo' | 'retry';
export type RunPhase = 'waiting' | 'listing' | 'reconciling' | 'done' | 'skipped';

export interface RunCounts {
  created: number;
  updated: number;
  unchanged: number;
  linked: number;
  orphaned: number;
  healed: number;
  errors: number;
  skipped: number;
  ambiguous: number;
  orphanedByReason: Record<OrphanReason, number>;
}

export interface KindProgress {
  phase: RunPhase;
  listed: number;
  processed: number;
  /** From the previous run's listing; null on a first run. */
  estimatedTotal: number | null;
}

export interface SyncRun {
  id: string;
  integrationId: string;
  trigger: RunTrigger;
  full: boolean;
  status: RunStatus;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  /** Email of who started it; null for schedules and scripts. */
  triggeredBy: string | null;
  counts: RunCounts;
  progress: Record<SyncKind, KindProgress>;
  held: null | { orphans: Record<SyncKind, number>; threshold: { maxShare: number; minCount: number } };
  errorCode: string | null;
  errorMessage: string | null;
}

export interface RunIssue {
  kind: SyncKind;
  externalId: string;
  name: string;
  outcome: 'error' | 'ambiguous' | 'orphaned';
  reason: OrphanReason | null;
  message: string;
}

export interface SyncRunDetail extends SyncRun {
  /** The first 200 issues of the run. */
  issues: RunIssue[];
}

export interface SyncErrorItem {
  id: string;
  kind: SyncKind;
  /** Null when the PSA record could not be created at all. */
  recordId: string | null;
  recordName: string;
  externalId: string;
  code: string;
  message: string;
  at: string;
  integrationId: string;
}

export interface SyncErrorRetry {
  outcome: 'fixed' | 'still_failing' | 'gone';
  message: string;
}

export type MatchProposal = 'link' | 'create' | 'decide';
export type MatchDecision = 'pending' | 'link' | 'create' | 'ignore';

export interface MatchSuggestion {
  recordId: string;
  name: string;
  /** 0..1, best first. */
  score: number;
}

export interface Match {
  id: string;
  kind: SyncKind;
  externalId: string;
  psaName: string;
  psaDetail: string | null;
  proposal: MatchProposal;
  matchType: 'exact' | 'normalized' | null;
  proposedRecordId: string | null;
  proposedRecordName: string | null;
  suggestions: MatchSuggestion[];
  decision: MatchDecision;
  decidedRecordId: string | null;
  decidedRecordName: string | null;
  updatedAt: string;
}

export interface MatchSummary {
  exact: number;
  normalized: number;
  decide: number;
  create: number;
  decided: number;
  ignored: number;
}

export interface MatchList {
  items: Match[];
  summary: MatchSummary;
}

export type MatchDecisionBody = { decision: 'link'; recordId: string } | { decision: 'create' } | { decision: 'ignore' } | { decision: 'pending' };
