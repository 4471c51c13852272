import type { Match, MatchSummary } from '../../api/integrations';

type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

/** The proposal as the admin reads it: how sure the match is, or that it needs them. */
export function proposalBadge(match: Match): { label: string; tone: Tone; help: string } {
  if (match.proposal === 'link' && match.matchType === 'exact') return { label: 'Exact match', tone: 'success', help: 'Same name as a record already in psalink.' };
  if (match.proposal === 'link') return { label: 'Normalized match', tone: 'info', help: 'Same name once case, accents, punctuation and forms like “Inc.” are ignored.' };
  if (match.proposal === 'decide') return { label: 'Needs decision', tone: 'warning', help: 'Several records are close; psalink never guesses.' };
  return { label: 'Create new', tone: 'neutral', help: 'Nothing in psalink matches; the sync would create it.' };
}

export function decisionLabel(match: Match): string {
  switch (match.decision) {
    case 'link':
      return `Link to ${match.decidedRecordName ?? 'the chosen record'}`;
    case 'create':
      return 'Create new';
    case 'ignore':
      return 'Ignored: not synced';
    default:
      return 'Open';
  }
}

/** Pending proposals that "Accept all exact matches" would take. */
export const isAcceptable = (match: Match) => match.decision === 'pending' && match.proposal === 'link' && match.matchType !== null;

export const summaryTiles: { key: keyof MatchSummary; label: string; tone?: Tone }[] = [
  { key: 'exact', label: 'Exact matches', tone: 'success' },
  { key: 'normalized', label: 'Normalized matches', tone: 'info' },
  { key: 'decide', label: 'Need a decision', tone: 'warning' },
  { key: 'create', label: 'Would be created' },
  { key: 'decided', label: 'Decided' },
  { key: 'ignored', label: 'Ignored' },
];

export const percent = (score: number) => `${Math.round(score * 100)}%`;
