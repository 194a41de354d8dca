import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoginProblem } from './errors';

/** An error the user must read: announced, and focused so keyboard users land on it. */
export function ProblemMessage({ problem, id }: { problem: LoginProblem | null; id: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (problem) ref.current?.focus();
  }, [problem]);
  if (!problem) return null;
  return (
    <p id={id} ref={ref} className="login__error" role="alert" tabIndex={-1}>
      {/* One key stands for the union: i18next's typed t takes literal keys only. */}
      {t(problem.key as 'login.error.unexpected')}
    </p>
  );
}
