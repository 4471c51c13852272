import { syncKinds, type PreviewCounts, type SettingsPreview, type SyncKind } from '../../api/integrations';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { countOf } from '../labels';

interface Props {
  preview: SettingsPreview | undefined;
  /** What the admin changed, in words ("1 configuration type stops syncing"). */
  changes: string[];
  /** Contacts are being turned off, which is why contacts would be orphaned. */
  contactsOff: boolean;
  busy: boolean;
  error: string | undefined;
  onApply: () => void;
  onCancel: () => void;
}

/** The settings preview: what the next sync would do to records because of these changes, before they are saved. */
export function SettingsPreviewDialog({ preview, changes, contactsOff, busy, error, onApply, onCancel }: Props) {
  const effects = preview ? syncKinds.flatMap((kind) => sentences(kind, preview.byKind[kind], kind === 'contact' && contactsOff)) : [];
  return (
    <ConfirmDialog
      open={Boolean(preview)}
      wide
      title="Apply these sync settings?"
      confirmLabel="Apply"
      confirmTone={preview && preview.total.orphan > 0 ? 'danger' : 'primary'}
      busyLabel="Saving…"
      busy={busy}
      error={error}
      onConfirm={onApply}
      onCancel={onCancel}
    >
      <ul className="effects-list effects-changes">
        {changes.map((change) => (
          <li key={change}>{change}</li>
        ))}
      </ul>
      <h3 className="dialog-subtitle">At the next sync</h3>
      {effects.length === 0 ? (
        <p>No records change: nothing is created, linked, orphaned or brought back.</p>
      ) : (
        <ul className="effects-list preview-effects">
          {effects.map((effect) => (
            <li key={effect.text} className={`effect-${effect.tone}`}>
              {effect.text}
            </li>
          ))}
        </ul>
      )}
      {preview && preview.total.orphan > 0 && (
        <p className="muted">Orphaned records stay in psalink with their passwords and documents; the sync just stops updating them. Ticking the type again brings them back.</p>
      )}
    </ConfirmDialog>
  );
}

function sentences(kind: SyncKind, counts: PreviewCounts, switchedOff: boolean) {
  const out: { text: string; tone: 'warning' | 'neutral' }[] = [];
  const their = (n: number) => (n === 1 ? 'its' : 'their');
  if (counts.orphan > 0) out.push({ tone: 'warning', text: `${countOf(counts.orphan, kind)} would be orphaned because ${switchedOff ? 'contacts are' : `${their(counts.orphan)} type or status is`} no longer synced.` });
  if (counts.heal > 0) out.push({ tone: 'neutral', text: `${countOf(counts.heal, kind)} orphaned earlier would sync again.` });
  if (counts.create > 0) out.push({ tone: 'neutral', text: `${countOf(counts.create, kind)} would be created from the PSA.` });
  if (counts.link > 0) out.push({ tone: 'neutral', text: `${countOf(counts.link, kind)} would be linked to matching records already in psalink.` });
  return out;
}
