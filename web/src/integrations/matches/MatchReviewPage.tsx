import { useState } from 'react';
import type { Match, MatchSummary } from '../../api/integrations';
import { useDocumentTitle, useUrlParam } from '../../ui/hooks';
import { EmptyState, ErrorState, errorMessage, LoadingState } from '../../ui/States';
import { useAcceptExactMatches, useDecideMatch, useMatches, usePrepareMatches, type MatchFilter } from '../hooks/use-matches';
import { useIntegrationContext } from '../integration-context';
import { LinkToDialog } from './LinkToDialog';
import { isAcceptable, summaryTiles } from './match-labels';
import { MatchTable } from './MatchTable';

/**
 * Before the sync links or creates anything, the admin reviews how PSA records map onto what is already in psalink.
 * Decisions are applied by the next run; ambiguous ones are never guessed.
 */
export function MatchReviewPage() {
  const { integration } = useIntegrationContext();
  useDocumentTitle(`Match review · ${integration.name}`);
  const [filterParam, setFilter] = useUrlParam('show', 'open');
  const filter: MatchFilter = filterParam === 'all' ? 'all' : 'open';
  const matches = useMatches(integration.id, filter);
  const prepare = usePrepareMatches(integration.id);
  const acceptExact = useAcceptExactMatches(integration.id);
  const decide = useDecideMatch(integration.id);
  const [linking, setLinking] = useState<Match | null>(null);
  const [notice, setNotice] = useState<{ tone: 'success' | 'error' | 'info'; text: string } | null>(null);

  const items = matches.data?.items ?? [];
  const acceptable = items.filter(isAcceptable).length;
  const fail = (error: unknown) => setNotice({ tone: 'error', text: errorMessage(error) });

  const onPrepare = () =>
    prepare.mutate(undefined, {
      onSuccess: (list) => setNotice({ tone: 'info', text: `Read the PSA: ${list.items.length} ${list.items.length === 1 ? 'record' : 'records'} to review.` }),
      onError: fail,
    });
  const onAcceptExact = () =>
    acceptExact.mutate(undefined, {
      onSuccess: ({ accepted }) => setNotice({ tone: 'success', text: `Accepted ${accepted} ${accepted === 1 ? 'match' : 'matches'}. The next sync links them.` }),
      onError: fail,
    });

  return (
    <section aria-label="Match review" className="match-review">
      <p className="muted tab-intro">
        Before creating anything, the sync looks for records already in psalink. Review its proposals here; the next sync applies your decisions.
      </p>
      {matches.data && <Summary summary={matches.data.summary} />}
      <div className="toolbar">
        <div className="segmented" role="group" aria-label="Show">
          <button type="button" aria-pressed={filter === 'open'} onClick={() => setFilter('open')}>
            Open
          </button>
          <button type="button" aria-pressed={filter === 'all'} onClick={() => setFilter('all')}>
            All
          </button>
        </div>
        <div className="toolbar-spacer" />
        <button type="button" className="btn btn-secondary" onClick={onPrepare} disabled={prepare.isPending}>
          {prepare.isPending ? 'Reading the PSA…' : 'Read companies from the PSA'}
        </button>
        <button type="button" className="btn btn-primary" onClick={onAcceptExact} disabled={acceptExact.isPending || acceptable === 0}>
          {acceptExact.isPending ? 'Accepting…' : `Accept all exact matches (${acceptable})`}
        </button>
      </div>
      <div role="status" aria-live="polite">
        {notice && <p className={`notice notice-${notice.tone}`}>{notice.text}</p>}
        {decide.isError && <p className="notice notice-error">{errorMessage(decide.error)}</p>}
      </div>
      {matches.isPending ? (
        <LoadingState label="Loading matches…" />
      ) : matches.isError ? (
        <ErrorState error={matches.error} onRetry={() => void matches.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={filter === 'open' ? 'Nothing to review' : 'No matches yet'}>
          <p>
            Match review maps PSA companies (and configurations or contacts that fit several records) onto records already in psalink, so that the
            sync links them instead of creating duplicates. Exact and normalized name matches can be accepted in one go; close names wait for you.
          </p>
          <p>Use “Read companies from the PSA” to prepare the proposals before the first sync.</p>
        </EmptyState>
      ) : (
        <MatchTable
          matches={items}
          busy={matches.isFetching}
          savingId={decide.isPending ? decide.variables?.matchId : undefined}
          onDecide={(match, body) => decide.mutate({ matchId: match.id, body })}
          onLinkTo={(match) => {
            decide.reset();
            setLinking(match);
          }}
        />
      )}
      <LinkToDialog
        match={linking}
        busy={decide.isPending}
        error={linking && decide.isError ? errorMessage(decide.error) : undefined}
        onCancel={() => setLinking(null)}
        onLink={(recordId) => linking && decide.mutate({ matchId: linking.id, body: { decision: 'link', recordId } }, { onSuccess: () => setLinking(null) })}
      />
    </section>
  );
}

function Summary({ summary }: { summary: MatchSummary }) {
  return (
    <dl className="summary-tiles" aria-label="Match summary">
      {summaryTiles.map((tile) => (
        <div key={tile.key} className={`summary-tile${tile.tone && summary[tile.key] > 0 ? ` tone-${tile.tone}` : ''}`}>
          <dt>{tile.label}</dt>
          <dd>{summary[tile.key].toLocaleString()}</dd>
        </div>
      ))}
    </dl>
  );
}
