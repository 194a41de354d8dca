import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { IdentitySummary, PickedFile } from '../../../core/bridge/contract';
import { bridge } from '../bridge';
import { loginProblem, type LoginProblem } from './errors';
import { ProblemMessage } from './ProblemMessage';

interface ImportIdentityProps {
  /** The file's password comes along: it also opens the key, so login need not ask again. */
  onImported: (identity: IdentitySummary, password: string) => void;
  /** No certificate on this computer yet: importing is the first step, shown as such. */
  first?: boolean;
}

/**
 * "Import a .p12 file": pick it, type its password once; the bridge checks and keeps it and
 * the login screen logs in with the same password.
 */
export function ImportIdentity({ onImported, first = false }: ImportIdentityProps) {
  const { t } = useTranslation();
  const ids = useId();
  const [file, setFile] = useState<PickedFile | null>(null);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<LoginProblem | null>(null);

  const pick = () => {
    setProblem(null);
    // Called straight from the click, so the browser's file chooser may open.
    bridge
      .openFile({ title: t('login.importDialogTitle'), extensions: ['p12', 'pfx'] })
      .then((picked) => {
        if (!picked) return;
        setFile(picked);
        setPassword('');
      })
      .catch((error: unknown) => setProblem(loginProblem(error)));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file || busy) return;
    setBusy(true);
    setProblem(null);
    try {
      const result = await bridge.importIdentity({
        fileName: file.name,
        bytes: file.bytes,
        password,
      });
      if (result.ok) {
        setFile(null);
        setPassword('');
        onImported(result.value, password);
      } else {
        setProblem(loginProblem(result.error));
      }
    } catch (error) {
      setProblem(loginProblem(error));
    } finally {
      setBusy(false);
    }
  };

  if (!file) {
    return (
      <div className="login__import">
        <button type="button" className={first ? 'primary' : 'secondary'} onClick={pick}>
          {t('login.import')}
        </button>
        <ProblemMessage problem={problem} id={`${ids}-error`} />
      </div>
    );
  }

  return (
    <form className="login__import login__panel" onSubmit={(e) => void submit(e)}>
      <h3>{t('login.importHeading', { fileName: file.name })}</h3>
      <label htmlFor={`${ids}-password`}>{t('login.importPassword')}</label>
      <input
        id={`${ids}-password`}
        type="password"
        autoComplete="off"
        autoFocus
        value={password}
        aria-invalid={problem !== null}
        aria-describedby={problem ? `${ids}-error` : undefined}
        onChange={(e) => setPassword(e.target.value)}
      />
      <ProblemMessage problem={problem} id={`${ids}-error`} />
      <div className="login__actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('login.importBusy') : t('login.importSubmit')}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={busy}
          onClick={() => {
            setFile(null);
            setProblem(null);
          }}
        >
          {t('login.importCancel')}
        </button>
      </div>
    </form>
  );
}
