/** An in-page confirmation for a step that cannot be undone lightly (finalize, reopen). */
import { useEffect, useId, useRef } from 'react';

interface Props {
  title: string;
  body: string;
  confirm: string;
  cancel: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmBox({ title, body, confirm, cancel, busy, onConfirm, onCancel }: Props) {
  const id = useId();
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    first.current?.focus();
  }, []);
  return (
    <div
      className="minutes-confirm"
      role="dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
    >
      <h3 id={`${id}-title`}>{title}</h3>
      <p id={`${id}-body`}>{body}</p>
      <div className="minutes-actions">
        <button ref={first} type="button" className="primary" disabled={busy} onClick={onConfirm}>
          {confirm}
        </button>
        <button type="button" disabled={busy} onClick={onCancel}>
          {cancel}
        </button>
      </div>
    </div>
  );
}
