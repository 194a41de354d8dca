/** Sections I–III of the biên bản and the closing line. */
import { LABELS, localTime, sameDay, vietnameseClock, vietnameseDate } from './labels';
import { type PageFlow } from './page-flow';
import { drawRichText } from './rich-text';
import type { MinutesAttendee, MinutesData, MinutesPerson, MinutesSpeech, RichRun } from './types';

const ITEM_INDENT = 0;

export function sectionHeading(flow: PageFlow, title: string): void {
  // Keep the heading with at least two lines of its section.
  flow.ensure(flow.lineHeight() * 3 + 6);
  flow.gap(6);
  flow.text([{ text: title, bold: true }]);
}

function dashLine(flow: PageFlow, runs: RichRun[]): void {
  flow.text([{ text: '- ' }, ...runs], { x: 0 });
}

function personText(p: MinutesPerson): string {
  return p.role ? `${p.name}, ${p.role}` : p.name;
}

export function drawTimeAndPlace(flow: PageFlow, minutes: MinutesData): void {
  sectionHeading(flow, LABELS.sectionTime);
  const start = localTime(minutes.startsAt);
  dashLine(flow, [
    { text: `${LABELS.startsAt} `, italic: true },
    { text: `bắt đầu lúc ${vietnameseClock(start)}, ${vietnameseDate(start)}.` },
  ]);
  dashLine(flow, [{ text: `${LABELS.place} `, italic: true }, { text: `${minutes.place}.` }]);
}

function attendeeList(flow: PageFlow, people: readonly MinutesAttendee[]): void {
  people.forEach((a, i) => {
    const runs: RichRun[] = [{ text: a.name, bold: false }];
    if (a.role) runs.push({ text: ` – ${a.role}` });
    if (a.note) runs.push({ text: ` (${a.note})`, italic: true });
    const marker = `${i + 1}. `;
    const lines = flow.wrap(runs, { x: 50 });
    flow.ensure(flow.lineHeight());
    const markerLine = flow.wrap([{ text: marker }], { x: 20, width: 30 })[0];
    if (markerLine)
      flow.drawSegments(markerLine, flow.left(50) - markerLine.width - 4, flow.y + 13, 13);
    for (const line of lines) flow.drawLine(line, { x: 50 });
  });
}

export function drawAttendance(flow: PageFlow, minutes: MinutesData): void {
  sectionHeading(flow, LABELS.sectionAttendance);
  dashLine(flow, [{ text: `${LABELS.chair} `, italic: true }, { text: personText(minutes.chair) }]);
  dashLine(flow, [
    { text: `${LABELS.secretary} `, italic: true },
    { text: personText(minutes.secretary) },
  ]);
  const present = minutes.attendance.filter((a) => a.present);
  const absent = minutes.attendance.filter((a) => !a.present);
  const total = minutes.attendance.length;
  dashLine(flow, [
    { text: `${LABELS.present}: ${present.length}/${total}`, italic: true },
    { text: present.length ? ':' : '.' },
  ]);
  attendeeList(flow, present);
  dashLine(flow, [
    { text: `${LABELS.absent}: ${absent.length}/${total}`, italic: true },
    { text: absent.length ? ':' : '.' },
  ]);
  attendeeList(flow, absent);
}

export function drawContent(flow: PageFlow, minutes: MinutesData): void {
  sectionHeading(flow, LABELS.sectionContent);
  if (minutes.items.length === 0) flow.text([{ text: LABELS.noItems }], { firstIndent: 28 });
  minutes.items.forEach((item, i) => {
    flow.ensure(flow.lineHeight() * 3);
    flow.gap(3);
    flow.text([{ text: `${i + 1}. ${item.title}`, bold: true }], { x: ITEM_INDENT });
    flow.ensure(flow.lineHeight() * 2);
    // Only what was written: an empty part keeps its label and a blank line, never a filler.
    flow.text([{ text: `a) ${LABELS.discussion}`, italic: true }]);
    for (const speech of item.speeches ?? []) dashLine(flow, [{ text: speechText(speech) }]);
    if (item.discussion.length === 0 && !item.speeches?.length) flow.gap(flow.lineHeight());
    drawRichText(flow, item.discussion);
    flow.ensure(flow.lineHeight() * 2);
    flow.text([{ text: `b) ${LABELS.decisions}`, italic: true }]);
    if (item.decisions.length === 0) flow.gap(flow.lineHeight());
    drawRichText(flow, item.decisions);
  });
}

const SPEECH_VERBS: Record<MinutesSpeech['kind'], string> = {
  speech: 'phát biểu',
  reply: 'tranh luận, chất vấn',
  'point-of-order': 'nêu kiến nghị về thủ tục',
};

/** "08 giờ 40 phút: Đồng chí Lê Văn Dũng, Phó Chủ tịch Công đoàn, phát biểu." */
export function speechText(s: MinutesSpeech): string {
  const who = s.position ? `Đồng chí ${s.name}, ${s.position},` : `Đồng chí ${s.name}`;
  return `${vietnameseClock(localTime(s.at))}: ${who} ${SPEECH_VERBS[s.kind]}.`;
}

/** What the secretary wrote above the first agenda item, under the title. */
export function drawOpening(flow: PageFlow, minutes: MinutesData): void {
  if (!minutes.opening || minutes.opening.length === 0) return;
  drawRichText(flow, minutes.opening);
  flow.gap(4);
}

/** The closing line, only when the meeting's close is known: an end is never invented. */
export function closingText(minutes: MinutesData): string | null {
  if (!minutes.endsAt) return null;
  const start = localTime(minutes.startsAt);
  const end = localTime(minutes.endsAt);
  const day = sameDay(start, end) ? 'cùng ngày' : vietnameseDate(end);
  return `Cuộc họp kết thúc lúc ${vietnameseClock(end)} ${day}./.`;
}
