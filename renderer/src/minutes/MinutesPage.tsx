/**
 * The minutes page: the live draft while it is one, then the frozen PDF with its status, the
 * signing step for the secretary and then the chair, download, and verification of this PDF
 * or any PDF from disk — verified here, in the browser, against the server's trusted CAs.
 */
import type { Editor } from '@tiptap/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { migrateMinutesDraft } from '../../../core/minutes/draft-migration';
import type { MeetingMemberView } from '../../../core/api/meetings';
import { generatedSectionNode } from '../../../core/minutes/generated';
import { ROLE_TITLES } from '../../../core/minutes/labels';
import { attendanceNote, attended } from '../../../core/minutes/attendance-note';
import { VIETNAM_UTC_OFFSET_MINUTES } from '../../../core/minutes/parse';
import { publishedVote, type GeneratedVote } from '../../../core/minutes/generated-view';
import {
  minutesRefusal,
  minutesSigner,
  nextMinutesField,
  type MinutesIntent,
} from '../../../core/minutes/lifecycle';
import { sharedMinutesDraft } from '../../../core/docs/shared';
import type { PdfSignatureReport } from '../../../core/signing';
import type { SigningKeySource } from '../../../core/bridge/contract';
import { ApiError } from '../api/client';
import { bridge } from '../bridge';
import { useControlPart, useMeetingConnection, useMeetingDocs } from '../collab/MeetingDocsContext';
import { PdfViewer } from '../documents/viewer/PdfViewer';
import { useRoom } from '../room-context/RoomContext';
import { minutesApi } from './api';
import { agendaBlock, signingReason } from './blocks';
import { GeneratedRecordsContext, type GeneratedRecords } from './generated-records';
import { MinutesEditor, Toolbar, insertBlocks } from './MinutesEditor';
import { errorMessage } from '../i18n/error-message';
import { ConfirmBox } from './ConfirmBox';
import { SignDialog } from './SignDialog';
import { signingImages } from './signature-images';
import { VerificationPanel } from './VerificationPanel';
import { verifySignedPdf } from './verify';
import './minutes.css';

export function MinutesPage() {
  const { t } = useTranslation();
  const { meeting, session, principal, may } = useRoom();
  const docs = useMeetingDocs();
  const state = useControlPart('minutes');
  const [editor, setEditor] = useState<Editor | null>(null);
  const [loaded, setLoaded] = useState<{
    sha: string;
    bytes: Uint8Array;
    reports: PdfSignatureReport[];
  } | null>(null);
  const [checked, setChecked] = useState<{ name: string; reports: PdfSignatureReport[] } | null>(
    null,
  );
  const [error, setError] = useState<string | null>(null);
  const [signing, setSigning] = useState(false);
  const [signError, setSignError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<'finalize' | 'reopen' | null>(null);
  const [busy, setBusy] = useState(false);
  const sha = state?.pdfSha256 ?? null;
  // Only the file the state names: right after a signature the status is already new while the
  // new file is still on its way, and the old one must not be shown, signed or downloaded.
  const pdf = loaded && loaded.sha === sha ? loaded : null;
  const reports = pdf?.reports ?? null;
  const sharedSynced = useMeetingConnection((d) => d.synced('shared'), false);
  const writesDraft = may('shared.write');
  const attendance = useControlPart('attendance');
  const polls = useControlPart('polls');
  const [members, setMembers] = useState<MeetingMemberView[] | null>(null);
  const [preview, setPreview] = useState<Uint8Array | null>(null);
  // The draft preview opens under the editor, below the fold of a 1366×768 screen once the
  // draft is long: bring it into view (under the sticky toolbar) each time it is (re)drawn.
  const previewRef = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    if (preview) previewRef.current?.scrollIntoView({ block: 'start' });
  }, [preview]);
  const roster = attendance?.members.map((m) => m.memberId).join(' ') ?? '';

  // The members (names, positions) behind the attendance section, again when the roster changes.
  useEffect(() => {
    let live = true;
    minutesApi.members(meeting.id).then(
      (list) => live && setMembers(list),
      () => live && setMembers(null),
    );
    return () => {
      live = false;
    };
  }, [meeting.id, roster]);

  const records = useMemo<GeneratedRecords>(() => {
    const presence = new Map(attendance?.members.map((m) => [m.memberId, m]) ?? []);
    return {
      ready: members !== null && attendance !== null && polls !== null,
      attendance: (members ?? []).map((m) => {
        const record = presence.get(m.id);
        // The same note the PDF prints (reason, late arrival, early departure), in UTC+07.
        const note = record ? attendanceNote(record, VIETNAM_UTC_OFFSET_MINUTES) : undefined;
        return {
          name: m.name,
          role: m.role,
          position: m.position,
          present: record ? attended(record) : false,
          ...(note ? { note } : {}),
        };
      }),
      votes: (polls ?? []).map(publishedVote).filter((v): v is GeneratedVote => v !== null),
    };
  }, [members, attendance, polls]);

  // A draft stored before typed generated sections is migrated once, by whoever may write it.
  useEffect(() => {
    if (docs && sharedSynced && writesDraft) migrateMinutesDraft(docs.doc('shared'));
  }, [docs, sharedSynced, writesDraft]);

  useEffect(() => {
    if (!sha) return;
    let live = true;
    void (async () => {
      try {
        const bytes = await minutesApi.download(meeting.id, sha);
        const trust = await minutesApi.trust();
        const found = await verifySignedPdf(bytes, trust);
        if (!live) return;
        setLoaded({ sha, bytes, reports: found });
      } catch (e) {
        if (live) setError(errorMessage(t, e, 'minutes'));
      }
    })();
    return () => {
      live = false;
    };
  }, [meeting.id, sha, t]);

  const run = useCallback(
    async (work: () => Promise<unknown>) => {
      setBusy(true);
      setError(null);
      try {
        await work();
      } catch (e) {
        setError(errorMessage(t, e, 'minutes'));
      } finally {
        setBusy(false);
      }
    },
    [t],
  );

  if (!docs || !state) return <p role="status">{t('minutes.loading')}</p>;
  const draft = state.status === 'draft';
  const canEdit = draft && writesDraft;
  const next = nextMinutesField(state.status);
  // Which steps the caller may take now: core/minutes/lifecycle decides, as on the server.
  const allowed = (intent: MinutesIntent) => minutesRefusal(state, principal, intent) === null;

  // Errors of signing stay in the dialog, next to the password that caused them.
  const sign = async (key: SigningKeySource): Promise<boolean> => {
    if (!pdf || !next) return false;
    setBusy(true);
    setSignError(null);
    try {
      const images = await signingImages(session.member.id, next);
      const result = await bridge.signPdf({
        ...key,
        pdf: pdf.bytes,
        fieldName: next,
        name: session.member.name,
        role: ROLE_TITLES[minutesSigner(next)],
        reason: signingReason(meeting.title),
        location: meeting.place ?? meeting.location,
        ...(images ? { images } : {}),
      });
      if (!result.ok) throw new ApiError(null, result.error.code, result.error.message);
      const uploaded = await minutesApi.upload(meeting.id, result.value);
      await minutesApi.sign(meeting.id, uploaded, next);
      setSigning(false);
      return true;
    } catch (e) {
      setSignError(errorMessage(t, e, 'minutes'));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const confirmStep = () => {
    const step = confirming;
    void run(async () => {
      if (step === 'finalize') await minutesApi.finalize(meeting.id);
      if (step === 'reopen') await minutesApi.reopen(meeting.id);
      setConfirming(null);
    });
  };

  const openAndVerify = () =>
    run(async () => {
      const file = await bridge.openFile({
        title: t('minutes.openFile.title'),
        extensions: ['pdf'],
      });
      if (!file) return;
      try {
        setChecked({
          name: file.name,
          reports: await verifySignedPdf(file.bytes, await minutesApi.trust()),
        });
      } catch {
        setChecked(null);
        throw new ApiError(null, 'unreadable', 'unreadable');
      }
    });

  const confirmBox = confirming ? (
    <ConfirmBox
      title={t(`minutes.${confirming}.title` as 'minutes.finalize.title')}
      body={t(`minutes.${confirming}.confirm` as 'minutes.finalize.confirm')}
      confirm={t(`minutes.${confirming}.do` as 'minutes.finalize.do')}
      cancel={t('minutes.sign.cancel')}
      busy={busy}
      onConfirm={confirmStep}
      onCancel={() => setConfirming(null)}
    />
  ) : null;

  return (
    <section className="minutes" aria-labelledby="minutes-title">
      <header className="minutes-head">
        <h2 id="minutes-title">{t('minutes.title')}</h2>
        <p className={`minutes-status minutes-status--${state.status}`} role="status">
          {t(`minutes.status.${state.status}` as 'minutes.status.draft')}
        </p>
        <button type="button" className="minutes-open" onClick={() => void openAndVerify()}>
          {t('minutes.openFile')}
        </button>
      </header>
      {error ? (
        <p role="alert" className="minutes-error">
          {error}
        </p>
      ) : null}
      {checked ? (
        <div className="minutes-verify minutes-checked">
          <h3>{t('minutes.verify.file', { name: checked.name })}</h3>
          <VerificationPanel reports={checked.reports} />
          <button type="button" onClick={() => setChecked(null)}>
            {t('minutes.verify.close')}
          </button>
        </div>
      ) : null}
      {draft ? (
        <>
          {canEdit && editor ? (
            <div className="minutes-tools">
              <Toolbar editor={editor} />
              {may('minutes.insertRecords') ? (
                <div className="minutes-insert" role="group" aria-label={t('minutes.insert')}>
                  <button
                    type="button"
                    onClick={() => insertBlocks(editor, [generatedSectionNode('attendance')])}
                  >
                    {t('minutes.insert.attendance')}
                  </button>
                  <button
                    type="button"
                    onClick={() =>
                      insertBlocks(editor, agendaBlock(meeting.agenda.map((a) => a.title)))
                    }
                  >
                    {t('minutes.insert.agenda')}
                  </button>
                  <button
                    type="button"
                    onClick={() => insertBlocks(editor, [generatedSectionNode('votes')])}
                  >
                    {t('minutes.insert.votes')}
                  </button>
                </div>
              ) : null}
            </div>
          ) : null}
          {!canEdit ? <p className="muted">{t('minutes.readOnly')}</p> : null}
          <GeneratedRecordsContext.Provider value={records}>
            <MinutesEditor
              fragment={sharedMinutesDraft(docs.doc('shared'))}
              provider={docs.provider('shared')}
              user={{ id: session.member.id, name: session.member.name }}
              editable={canEdit}
              onReady={setEditor}
            />
          </GeneratedRecordsContext.Provider>
          <div className="minutes-actions">
            <button
              type="button"
              disabled={busy}
              onClick={() => void run(async () => setPreview(await minutesApi.preview(meeting.id)))}
            >
              {preview ? t('minutes.preview.refresh') : t('minutes.preview.show')}
            </button>
            {preview ? (
              <button type="button" onClick={() => setPreview(null)}>
                {t('minutes.preview.close')}
              </button>
            ) : null}
          </div>
          {preview ? (
            <div className="minutes-preview" aria-label={t('minutes.preview')} ref={previewRef}>
              <PdfViewer data={preview} zoom="page-width" />
            </div>
          ) : null}
          {allowed({ type: 'finalize' }) ? (
            <div className="minutes-actions">
              <p className="muted">{t('minutes.finalize.hint')}</p>
              {confirmBox ?? (
                <button
                  type="button"
                  className="primary"
                  disabled={busy}
                  onClick={() => setConfirming('finalize')}
                >
                  {t('minutes.finalize')}
                </button>
              )}
            </div>
          ) : null}
        </>
      ) : (
        <div className="minutes-split">
          <div className="minutes-preview" aria-label={t('minutes.preview')}>
            {pdf ? (
              <PdfViewer data={pdf.bytes} zoom="page-width" />
            ) : (
              <p role="status">{t('minutes.loading')}</p>
            )}
          </div>
          <aside className="minutes-side">
            <p className="muted">{t('minutes.frozen')}</p>
            {signing && next ? (
              <SignDialog
                field={next}
                busy={busy}
                error={signError}
                memberName={session.member.name}
                onSign={sign}
                onCancel={() => {
                  setSigning(false);
                  setSignError(null);
                }}
              />
            ) : (
              <div className="minutes-actions">
                {next && allowed({ type: 'sign', field: next }) ? (
                  <button
                    type="button"
                    className="primary"
                    onClick={() => setSigning(true)}
                    disabled={!pdf}
                  >
                    {t('minutes.sign')}
                  </button>
                ) : null}
                {pdf ? (
                  <button
                    type="button"
                    className={state.status === 'signed' ? 'primary' : undefined}
                    onClick={() =>
                      void bridge.saveFile({
                        suggestedName: `bien-ban-${meeting.id}.pdf`,
                        bytes: pdf.bytes,
                      })
                    }
                  >
                    {t('minutes.download')}
                  </button>
                ) : null}
              </div>
            )}
            <section className="minutes-verify" aria-labelledby="minutes-verify-title">
              <h3 id="minutes-verify-title">{t('minutes.verify.title')}</h3>
              {reports ? <VerificationPanel reports={reports} /> : null}
            </section>
            {allowed({ type: 'reopen' }) && !signing ? (
              <div className="minutes-actions minutes-reopen">
                {confirmBox ?? (
                  <button type="button" disabled={busy} onClick={() => setConfirming('reopen')}>
                    {t('minutes.reopen')}
                  </button>
                )}
              </div>
            ) : null}
          </aside>
        </div>
      )}
    </section>
  );
}
