/**
 * Undo/redo of one member's own annotation edits across their two documents. A Y.UndoManager
 * follows a single Y.Doc (Yjs warns "Not same Y.Doc" otherwise), so there is one per document
 * and this keeps the combined order; a visibility switch (a write in each document) is one step.
 * Only transactions with the member's local origin are tracked: others' marks are never undone.
 */
import * as Y from 'yjs';
import { privateAnnotations } from '../docs/private';
import { sharedAnnotations } from '../docs/shared';
import type { AnnotationDocs } from './store';

type Step = Y.UndoManager[];

export class AnnotationHistory {
  private readonly managers: Y.UndoManager[];
  private undoSteps: Step[] = [];
  private redoSteps: Step[] = [];
  private group: Step | null = null;
  private replaying = false;
  private readonly listeners = new Set<() => void>();

  constructor(docs: AnnotationDocs, origin: unknown) {
    this.managers = [
      new Y.UndoManager(sharedAnnotations(docs.shared), {
        trackedOrigins: new Set([origin]),
        captureTimeout: 0,
      }),
      new Y.UndoManager(privateAnnotations(docs.private), {
        trackedOrigins: new Set([origin]),
        captureTimeout: 0,
      }),
    ];
    for (const manager of this.managers)
      manager.on('stack-item-added', (event) => {
        if (this.replaying || event.type !== 'undo') return;
        if (this.group) this.group.push(manager);
        else this.undoSteps.push([manager]);
        this.redoSteps = [];
        this.changed();
      });
  }

  /** Runs `edit` so everything it writes (in either document) is undone in one step. */
  batch<T>(edit: () => T): T {
    if (this.group) return edit();
    this.group = [];
    try {
      return edit();
    } finally {
      const step = this.group;
      this.group = null;
      if (step.length > 0) {
        this.undoSteps.push(step);
        this.changed();
      }
    }
  }

  canUndo(): boolean {
    return this.undoSteps.length > 0;
  }
  canRedo(): boolean {
    return this.redoSteps.length > 0;
  }

  undo(): void {
    const step = this.undoSteps.pop();
    if (!step) return;
    this.replay(() => [...step].reverse().forEach((m) => m.undo()));
    this.redoSteps.push(step);
    this.changed();
  }

  redo(): void {
    const step = this.redoSteps.pop();
    if (!step) return;
    this.replay(() => step.forEach((m) => m.redo()));
    this.undoSteps.push(step);
    this.changed();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  destroy(): void {
    for (const manager of this.managers) manager.destroy();
    this.listeners.clear();
  }

  private replay(run: () => void): void {
    this.replaying = true;
    try {
      run();
    } finally {
      this.replaying = false;
    }
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
