import { LevelStore, type LevelStoreOptions } from './level';
import { CodedError } from '../../core/errors/coded-error';

export class DataDirectoryInUseError extends CodedError<'data-dir-in-use'> {
  override readonly name = 'DataDirectoryInUseError';
  constructor(dataDir: string) {
    super(
      'data-dir-in-use',
      `The data directory ${dataDir} is in use by another Diên Hồng process (a running server?). Stop it first.`,
    );
  }
}

/** Opens the embedded store, turning LevelDB's lock error into one an operator understands. */
export async function openStore(
  dataDir: string,
  options: LevelStoreOptions = {},
): Promise<LevelStore> {
  try {
    return await LevelStore.open(dataDir, options);
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    if (cause?.code === 'LEVEL_LOCKED') throw new DataDirectoryInUseError(dataDir);
    throw error;
  }
}
