/**
 * The collaborative draft: Tiptap bound to the shared document's `minutesDraft` fragment, with
 * live carets named and coloured per member (the shared document's awareness). Undo/redo is
 * Collaboration's own, so StarterKit's is off; Tiptap's CSS injection is off for the strict CSP.
 */
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor, type Editor, type JSONContent } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { GeneratedSectionNode, GeneratedSections } from './generated-sections';
import { insertionRange } from './insertion';

const CARET_COLOURS = ['#b3261e', '#1f6f8b', '#7a5c00', '#2e7d32', '#6a1b9a', '#c2185b', '#455a64'];

/** A stable colour per member; FNV-1a plus a final mix, so similar ids still spread out. */
export function memberColour(memberId: string): string {
  let h = 0x811c9dc5;
  for (const c of memberId) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  h ^= h >>> 12;
  return CARET_COLOURS[(h >>> 0) % CARET_COLOURS.length] ?? '#b3261e';
}

interface Props {
  fragment: Y.XmlFragment;
  provider: WebsocketProvider;
  user: { id: string; name: string };
  editable: boolean;
  /** Receives the editor, for the generated-block buttons. */
  onReady: (editor: Editor | null) => void;
}

export function MinutesEditor({ fragment, provider, user, editable, onReady }: Props) {
  const { t } = useTranslation();
  const editor = useEditor(
    {
      injectCSS: false,
      editable,
      extensions: [
        StarterKit.configure({
          undoRedo: false,
          heading: { levels: [2, 3] },
          blockquote: false,
          codeBlock: false,
          code: false,
          horizontalRule: false,
          strike: false,
          underline: false,
          link: false,
        }),
        GeneratedSections,
        GeneratedSectionNode,
        Collaboration.configure({ fragment }),
        CollaborationCaret.configure({
          provider,
          user: { name: user.name, color: memberColour(user.id) },
        }),
      ],
      editorProps: {
        attributes: {
          class: 'minutes-editor__content',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': t('minutes.editor.label'),
        },
      },
    },
    [fragment, provider, user.id],
  );
  useEffect(() => {
    editor?.setEditable(editable);
  }, [editor, editable]);
  useEffect(() => {
    onReady(editor);
    return () => onReady(null);
  }, [editor, onReady]);
  return <EditorContent editor={editor} className="minutes-editor" />;
}

/**
 * Inserts blocks at the cursor (or the end when the editor has no focus yet); after a selected
 * generated section rather than over it (insertion.ts).
 */
export function insertBlocks(editor: Editor, blocks: JSONContent[]): void {
  editor.chain().focus().insertContentAt(insertionRange(editor.state), blocks).run();
}

export function Toolbar({ editor }: { editor: Editor }) {
  const { t } = useTranslation();
  const button = (label: string, active: boolean, run: () => void) => (
    <button
      type="button"
      className="minutes-tool"
      aria-pressed={active}
      onMouseDown={(e) => e.preventDefault()}
      onClick={run}
    >
      {label}
    </button>
  );
  return (
    <div className="minutes-toolbar" role="toolbar" aria-label={t('minutes.editor.label')}>
      {button(t('minutes.tool.bold'), editor.isActive('bold'), () =>
        editor.chain().focus().toggleBold().run(),
      )}
      {button(t('minutes.tool.italic'), editor.isActive('italic'), () =>
        editor.chain().focus().toggleItalic().run(),
      )}
      {button(t('minutes.tool.h2'), editor.isActive('heading', { level: 2 }), () =>
        editor.chain().focus().toggleHeading({ level: 2 }).run(),
      )}
      {button(t('minutes.tool.h3'), editor.isActive('heading', { level: 3 }), () =>
        editor.chain().focus().toggleHeading({ level: 3 }).run(),
      )}
      {button(t('minutes.tool.bullets'), editor.isActive('bulletList'), () =>
        editor.chain().focus().toggleBulletList().run(),
      )}
      {button(t('minutes.tool.numbers'), editor.isActive('orderedList'), () =>
        editor.chain().focus().toggleOrderedList().run(),
      )}
    </div>
  );
}
