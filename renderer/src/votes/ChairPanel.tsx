import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgendaItemSummary } from '../../../core/api/meetings';
import { useMembers } from '../members/useMembers';
import { useControlPart } from '../collab/MeetingDocsContext';
import { useRoom } from '../room-context/RoomContext';
import { PollControl } from './PollControl';
import { PollForm } from './PollForm';
import { usePolls } from './usePolls';
import './panel.css';

const RUNNING = new Set(['draft', 'open', 'closed']);

/** The chair's polls on one agenda item: draft one, open it, watch the count, close, publish. */
export function ChairPanel({ item }: { item: AgendaItemSummary }) {
  const { t } = useTranslation();
  const { meeting } = useRoom();
  const members = useMembers(meeting.id);
  const polls = usePolls().filter((p) => p.agendaItemId === item.id && RUNNING.has(p.state));
  const votingMembers = useControlPart('attendance')?.votingMembers ?? null;
  const [drafting, setDrafting] = useState(false);

  return (
    <section className="chair-panel" aria-labelledby={`chair-${item.id}`}>
      <header className="chair-panel__header">
        <h3 id={`chair-${item.id}`}>{t('votes.panel.title')}</h3>
        {!drafting && (
          <button type="button" className="primary" onClick={() => setDrafting(true)}>
            {t('votes.panel.create')}
          </button>
        )}
      </header>
      {drafting && (
        <PollForm
          item={item}
          votingMembers={votingMembers === 0 ? null : votingMembers}
          onDone={() => setDrafting(false)}
        />
      )}
      {polls.length === 0 && !drafting ? (
        <p className="muted">{t('votes.panel.empty')}</p>
      ) : (
        polls.map((poll) => <PollControl key={poll.id} poll={poll} members={members} />)
      )}
    </section>
  );
}
