import { ReactNode, useCallback, useEffect, useId, useRef, useState } from 'react';
import { ApiError } from './api';

/** Loads with `load` whenever `deps` change; `reload()` loads again without clearing what is shown. */
export const useLoad = <T,>(load: () => Promise<T>, deps: unknown[]) => {
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean }>({ loading: true });
  const generation = useRef(0);
  const run = useCallback(() => {
    const mine = ++generation.current;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => mine === generation.current && setState({ data, loading: false }),
      (error) => mine === generation.current && setState({ error: asApiError(error), loading: false }),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  useEffect(run, [run]);
  return { ...state, reload: run };
};

export const asApiError = (error: unknown): ApiError =>
  error instanceof ApiError ? error : new ApiError(0, error instanceof Error ? error.message : 'Something went wrong.');

/** The heading of a screen; it takes the focus when the screen opens so keyboard and screen-reader users start there. */
export const PageTitle = ({ children, actions }: { children: ReactNode; actions?: ReactNode }) => {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className="page-title">
      <h1 ref={ref} tabIndex={-1}>
        {children}
      </h1>
      {actions && <div className="actions">{actions}</div>}
    </div>
  );
};

export const Loading = ({ label = 'Loading…' }: { label?: string }) => (
  <p className="loading" role="status">
    <span className="spinner" aria-hidden="true" /> {label}
  </p>
);

export const Empty = ({ children }: { children: ReactNode }) => <p className="empty">{children}</p>;

/** The API's message, plus any field errors that have no input on this form. */
export const ErrorMessage = ({ error, shownFields = [] }: { error?: ApiError | null; shownFields?: string[] }) => {
  if (!error) return null;
  const others = error.errors.filter((e) => !shownFields.includes(e.field));
  return (
    <div className="alert error" role="alert">
      <p>{error.errors.length && !others.length ? 'Please correct the marked fields.' : error.message}</p>
      {others.length > 0 && (
        <ul>
          {others.map((e) => (
            <li key={e.field + e.message}>
              {e.field}: {e.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
};

export const Notice = ({ children, onClose }: { children: ReactNode; onClose?: () => void }) => (
  <div className="alert success" role="status">
    <p>{children}</p>
    {onClose && (
      <button type="button" className="link" onClick={onClose} aria-label="Dismiss">
        ×
      </button>
    )}
  </div>
);

export const Badge = ({ tone, children }: { tone: 'ok' | 'warn' | 'info' | 'muted'; children: ReactNode }) => <span className={`badge ${tone}`}>{children}</span>;

interface FieldProps {
  label: string;
  error?: string;
  hint?: string;
  children: (props: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode;
  className?: string;
}

/** A labelled input with its hint and its error from the API right below it. */
export const Field = ({ label, error, hint, children, className }: FieldProps) => {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {hint && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
      {error && (
        <small id={`${id}-error`} className="field-error">
          {error}
        </small>
      )}
    </div>
  );
};

interface ConfirmProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => Promise<void> | void;
  onClose: () => void;
}

/** A modal confirmation (native dialog: focus stays inside, Escape cancels, focus goes back to what opened it). */
export const ConfirmDialog = ({ title, children, confirmLabel, danger, onConfirm, onClose }: ConfirmProps) => {
  const ref = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      // The dialog is already out of the page here, so the browser cannot hand the focus back by itself.
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, []);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
    } catch (e) {
      setError(asApiError(e));
      setBusy(false);
    }
  };
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} onCancel={(e) => (e.preventDefault(), !busy && onClose())}>
      <h2 id={titleId}>{title}</h2>
      <div className="dialog-body">{children}</div>
      <ErrorMessage error={error} />
      <div className="actions">
        <button type="button" onClick={onClose} disabled={busy} autoFocus>
          Cancel
        </button>
        <button type="button" className={danger ? 'danger' : 'primary'} onClick={confirm} disabled={busy}>
          {busy ? 'Working…' : confirmLabel}
        </button>
      </div>
    </dialog>
  );
};

/** Runs a form submission: tracks busy state and keeps the API error for the fields. */
export const useSubmit = () => {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, submit, fields: error?.byField ?? {} };
};
