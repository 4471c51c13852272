import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { Match } from '../../api/integrations';
import type { Page } from '../../api/types';
import { paths } from '../../records/kinds';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { useDebouncedValue } from '../../ui/hooks';
import { ExternalIcon, SearchIcon } from '../../ui/icons';
import { syncKindNames } from '../labels';
import { percent } from './match-labels';

interface Props {
  match: Match | null;
  busy: boolean;
  error: string | undefined;
  onLink: (recordId: string) => void;
  onCancel: () => void;
}

type Found = { id: string; name?: string; fullName?: string };

/** Link a PSA record to a local one: a ranked suggestion, or any record found by name. */
export function LinkToDialog({ match, busy, error, onLink, onCancel }: Props) {
  const [chosen, setChosen] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [missing, setMissing] = useState(false);
  const q = useDebouncedValue(search.trim(), 250);
  const kind = match ? syncKindNames[match.kind] : null;

  useEffect(() => {
    setChosen(match?.decidedRecordId ?? match?.proposedRecordId ?? match?.suggestions[0]?.recordId ?? null);
    setSearch('');
    setMissing(false);
  }, [match]);

  const found = useQuery({
    queryKey: [kind?.path, 'link-search', q],
    queryFn: ({ signal }) => api.get<Page<Found>>(`/${kind!.path}`, { q, limit: 10 }, signal),
    enabled: Boolean(match && q),
  });
  const suggestionIds = new Set(match?.suggestions.map((s) => s.recordId));
  const results = (found.data?.items ?? []).filter((r) => !suggestionIds.has(r.id));

  return (
    <ConfirmDialog
      open={match !== null}
      wide
      title={match ? `Link “${match.psaName}” to…` : 'Link to…'}
      confirmLabel="Link"
      confirmTone="primary"
      busyLabel="Linking…"
      busy={busy}
      error={missing ? `Choose the ${kind?.noun} to link to.` : error}
      onCancel={onCancel}
      onConfirm={() => (chosen ? onLink(chosen) : setMissing(true))}
    >
      <p className="muted">The next sync links this PSA {kind?.noun} to the chosen record and updates it from the PSA; its passwords and documents stay.</p>
      {match && match.suggestions.length > 0 && (
        <fieldset className="choice-list">
          <legend>Suggestions, closest first</legend>
          {match.suggestions.map((s) => (
            <Choice
              key={s.recordId}
              id={s.recordId}
              label={s.name}
              detail={`${percent(s.score)} similar`}
              href={paths.view(kind!.path, s.recordId)}
              chosen={chosen}
              onChoose={setChosen}
            />
          ))}
        </fieldset>
      )}
      <div className="field">
        <label htmlFor="link-search">Find another {kind?.noun}</label>
        <span className="input-with-icon">
          <SearchIcon aria-hidden="true" />
          <input
            id="link-search"
            type="search"
            autoComplete="off"
            value={search}
            placeholder="Type a name"
            onChange={(e) => setSearch(e.target.value)}
            // Enter searches; it must not submit the dialog and link whatever was chosen before.
            onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}
          />
        </span>
      </div>
      {q && (
        <fieldset className="choice-list" aria-busy={found.isFetching || undefined}>
          <legend>{found.isFetching ? 'Searching…' : results.length ? `Found ${results.length}` : `No other ${kind?.plural.toLowerCase()} match “${q}”`}</legend>
          {results.map((r) => (
            <Choice key={r.id} id={r.id} label={r.name ?? r.fullName ?? r.id} href={paths.view(kind!.path, r.id)} chosen={chosen} onChoose={setChosen} />
          ))}
        </fieldset>
      )}
    </ConfirmDialog>
  );
}

interface ChoiceProps {
  id: string;
  label: string;
  detail?: string;
  /** Where the record can be looked at: two suggestions may carry the same name. */
  href: string;
  chosen: string | null;
  onChoose: (id: string) => void;
}

function Choice({ id, label, detail, href, chosen, onChoose }: ChoiceProps) {
  return (
    <div className={`choice${chosen === id ? ' is-chosen' : ''}`}>
      <label className="choice-main">
        <input type="radio" name="link-target" value={id} checked={chosen === id} onChange={() => onChoose(id)} />
        <span className="choice-label">{label}</span>
        {detail && <span className="muted choice-detail">{detail}</span>}
      </label>
      <a href={href} target="_blank" rel="noopener" className="choice-open" aria-label={`Open ${label} in a new tab`}>
        <ExternalIcon />
      </a>
    </div>
  );
}
