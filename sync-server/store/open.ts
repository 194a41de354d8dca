import { LevelStore, type LevelStoreOptions } from './level';

export class DataDirectoryInUseError extends Error {
  readonly code = 'data-dir-in-use';
  constructor(dataDir: string) {
    super(
      `The data directory ${dataDir} is in use by another Diên Hồng process (a running server?). Stop it first.`,
    );
    this.name = 'DataDirectoryInUseError';
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
