import type { CanonicalRecord, RecordKind } from '../../psa/canonical.js';
import type { LinkState, OrphanReason } from './link-states.js';
import type { ScopeState } from './scope-states.js';

/** What the planner needs to know about an existing PSA link (loaded for the page's external ids). */
export interface StoredLink {
  linkId: string;
  recordId: string;
  state: LinkState;
  orphanReason: OrphanReason | null;
  payloadHash: string | null;
}

/** The organization a PSA company id resolves to, and whether it is synced (linked and not orphaned). */
export interface ParentOrganization {
  organizationId: string;
  synced: boolean;
}

export interface PlanContext {
  kind: RecordKind;
  links: ReadonlyMap<string, StoredLink>;
  /** Scope state of a PSA type or status of this kind; null ids (no type/status) do not restrict. */
  scopeState(dimension: 'type' | 'status', externalId: string): ScopeState;
  /** Contacts can be switched off as a whole in the settings. */
  kindEnabled: boolean;
  /** For configurations and contacts: their PSA company id → organization. */
  parent(externalCompanyId: string): ParentOrganization | undefined;
  /** Unlinked local records this PSA record could be (see matching.ts); more than one = ambiguous. */
  matches(record: CanonicalRecord): readonly string[];
  /** What match review says for an unlinked PSA record: an admin's decision, or a proposal that must wait for one. */
  review?(record: CanonicalRecord): ReviewDecision | undefined;
}

export type ReviewDecision =
  | { decision: 'link'; recordId: string }
  | { decision: 'create' }
  | { decision: 'ignore' }
  /** Ambiguous or near names: an admin decides; the sync never guesses. */
  | { decision: 'wait'; candidates: readonly string[] };

/** Why a record was left exactly as it is. */
export type SkipReason = 'disabled' | 'paused' | 'disconnected' | 'not_in_scope' | 'inactive' | 'deleted' | 'parent_not_synced' | 'already_orphaned' | 'ignored';

export type RecordDecision =
  | { action: 'create'; record: CanonicalRecord; hash: string; organizationId: string | null }
  | { action: 'link'; record: CanonicalRecord; hash: string; recordId: string; organizationId: string | null }
  | { action: 'update'; record: CanonicalRecord; hash: string; link: StoredLink; organizationId: string | null; healed: boolean }
  | { action: 'unchanged'; link: StoredLink }
  | { action: 'orphan'; link: StoredLink; reason: OrphanReason }
  | { action: 'fail'; record: CanonicalRecord; link: StoredLink; code: string; message: string }
  | { action: 'reject'; record: CanonicalRecord; code: string; message: string }
  | { action: 'ambiguous'; record: CanonicalRecord; candidates: readonly string[] }
  /** `externalId` names the PSA record when no link does. */
  | { action: 'skip'; reason: SkipReason; link?: StoredLink; externalId?: string };
