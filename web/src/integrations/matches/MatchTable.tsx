import { Link } from 'react-router';
import type { Match, MatchDecisionBody } from '../../api/integrations';
import { paths } from '../../records/kinds';
import { Badge } from '../../ui/Badge';
import { DataTable, type Column } from '../../ui/DataTable';
import { MenuButton } from '../components/MenuButton';
import { syncKindNames } from '../labels';
import { decisionLabel, percent, proposalBadge } from './match-labels';

interface Props {
  matches: Match[];
  /** The match whose decision is being saved, to disable its buttons. */
  savingId: string | undefined;
  onDecide: (match: Match, body: MatchDecisionBody) => void;
  onLinkTo: (match: Match) => void;
  busy: boolean;
}

/** PSA records with what psalink proposes, the closest local records, and the admin's decision per row. */
export function MatchTable({ matches, savingId, onDecide, onLinkTo, busy }: Props) {
  const columns: Column<Match>[] = [
    {
      key: 'psa',
      header: 'PSA record',
      cell: (m) => (
        <span className="cell-stack">
          <strong>{m.psaName}</strong>
          <span className="muted small">
            {m.kind !== 'organization' && `${syncKindNames[m.kind].noun} · `}
            {m.psaDetail ?? `PSA id ${m.externalId}`}
          </span>
        </span>
      ),
    },
    {
      key: 'proposal',
      header: 'Proposal',
      cell: (m) => {
        const badge = proposalBadge(m);
        return (
          <Badge tone={badge.tone} title={badge.help}>
            {badge.label}
          </Badge>
        );
      },
    },
    { key: 'local', header: 'In psalink', cell: (m) => <LocalRecord match={m} /> },
    {
      key: 'decision',
      header: 'Decision',
      cell: (m) => <span className={m.decision === 'pending' ? 'muted' : 'decision-made'}>{decisionLabel(m)}</span>,
    },
    { key: 'actions', header: 'Actions', className: 'col-actions', cell: (m) => <Actions match={m} saving={savingId === m.id} onDecide={onDecide} onLinkTo={onLinkTo} /> },
  ];
  return <DataTable label="Match review" columns={columns} rows={matches} rowKey={(m) => m.id} busy={busy} />;
}

function LocalRecord({ match }: { match: Match }) {
  const path = syncKindNames[match.kind].path;
  const id = match.decision === 'link' ? match.decidedRecordId : match.proposedRecordId;
  const name = match.decision === 'link' ? match.decidedRecordName : match.proposedRecordName;
  const others = match.suggestions.filter((s) => s.recordId !== id).slice(0, 3);
  return (
    <span className="cell-stack">
      {id ? (
        <Link to={paths.view(path, id)} className="row-link">
          {name}
        </Link>
      ) : (
        <span className="muted">{match.proposal === 'create' ? 'Nothing similar' : 'No proposal'}</span>
      )}
      {others.length > 0 && (
        <span className="muted small suggestions">
          {id ? 'Also near: ' : 'Near: '}
          {others.map((s, i) => (
            <span key={s.recordId}>
              {i > 0 && ', '}
              {s.name} <span className="score">{percent(s.score)}</span>
            </span>
          ))}
        </span>
      )}
    </span>
  );
}

function Actions({ match, saving, onDecide, onLinkTo }: { match: Match; saving: boolean; onDecide: Props['onDecide']; onLinkTo: Props['onLinkTo'] }) {
  if (match.decision !== 'pending') {
    return (
      <button type="button" className="btn btn-ghost btn-sm" disabled={saving} onClick={() => onDecide(match, { decision: 'pending' })} aria-label={`Undo the decision for ${match.psaName}`}>
        Undo
      </button>
    );
  }
  const accept: MatchDecisionBody | null =
    match.proposal === 'link' && match.proposedRecordId ? { decision: 'link', recordId: match.proposedRecordId } : match.proposal === 'create' ? { decision: 'create' } : null;
  return (
    <span className="row-actions">
      {accept && (
        <button type="button" className="btn btn-secondary btn-sm" disabled={saving} onClick={() => onDecide(match, accept)} aria-label={`Accept the proposal for ${match.psaName}`}>
          Accept
        </button>
      )}
      <button type="button" className="btn btn-secondary btn-sm" disabled={saving} onClick={() => onLinkTo(match)} aria-label={`Link ${match.psaName} to…`}>
        Link to…
      </button>
      <MenuButton
        label={`More actions for ${match.psaName}`}
        className="btn btn-ghost btn-sm"
        items={[
          { label: 'Create new', detail: 'Create it as a new record at the next sync', onSelect: () => onDecide(match, { decision: 'create' }), disabled: saving },
          { label: 'Ignore', detail: 'Do not sync this PSA record', onSelect: () => onDecide(match, { decision: 'ignore' }), disabled: saving },
        ]}
      >
        <span className="visually-hidden">More actions for {match.psaName}</span>
      </MenuButton>
    </span>
  );
}
