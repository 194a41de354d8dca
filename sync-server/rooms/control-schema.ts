import type * as Y from 'yjs';
import { ControlSchemaError, migrateControl } from '../../core/docs/control/migrations';
import { parseDocName } from '../../core/docs/names';
import { HttpError } from '../http/router';
import type { Logger } from '../log';

/**
 * The rooms' load hook: a stored control document older than the code is migrated before any
 * client reads it. A newer one is left untouched (clients see it as newer; the server refuses to
 * write it) and logged; other documents have no schema to migrate.
 */
export function prepareStoredDocument(logger: Logger) {
  return (docName: string, doc: Y.Doc): void => {
    if (parseDocName(docName)?.kind !== 'control') return;
    // An empty document is a meeting nothing has written yet: its first write stamps it.
    if (doc.store.clients.size === 0) return;
    try {
      const outcome = migrateControl(doc);
      if (outcome.applied.length > 0)
        logger.log('info', 'sync.control-migrated', {
          doc: docName,
          from: outcome.from,
          to: outcome.to,
        });
    } catch (error) {
      if (!(error instanceof ControlSchemaError)) throw error;
      logger.log('warn', 'sync.control-schema-refused', {
        doc: docName,
        code: error.code,
        version: error.version,
      });
    }
  };
}

/** A write refused because of the control document's version, as an HTTP answer (409). */
export function controlSchemaHttpError(error: unknown): HttpError | null {
  return error instanceof ControlSchemaError ? new HttpError(409, error.code, error.message) : null;
}
