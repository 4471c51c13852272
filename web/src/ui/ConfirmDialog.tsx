import { useEffect, useId, useRef, type ReactNode } from 'react';

interface Props {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busyLabel?: string;
  busy?: boolean;
  error?: string | undefined;
  onConfirm: () => void;
  onCancel: () => void;
  /** Destructive by default; `primary` for confirmations that only apply a reviewed change. */
  confirmTone?: 'danger' | 'primary';
  /** Room for a small table in the body. */
  wide?: boolean;
  /** Keeps Confirm disabled, e.g. until a typed confirmation matches. */
  confirmDisabled?: boolean;
}

/**
 * A modal confirmation on the native <dialog>: it traps focus, closes on Escape and restores focus by itself.
 * Focus starts on Cancel, so a stray Enter never confirms a destructive action.
 */
export function ConfirmDialog({ open, title, children, confirmLabel, busyLabel = 'Working…', busy, error, onConfirm, onCancel, confirmTone = 'danger', wide, confirmDisabled }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  return (
    <dialog
      ref={dialog}
      className={`dialog${wide ? ' dialog-wide' : ''}`}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onCancel();
      }}
    >
      {open && (
        <form
          method="dialog"
          onSubmit={(event) => {
            event.preventDefault();
            onConfirm();
          }}
        >
          <h2 id={titleId}>{title}</h2>
          <div className="dialog-body">{children}</div>
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" className="btn btn-secondary" onClick={onCancel} disabled={busy} autoFocus>
              Cancel
            </button>
            <button type="submit" className={`btn btn-${confirmTone}`} disabled={busy || confirmDisabled}>
              {busy ? busyLabel : confirmLabel}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
