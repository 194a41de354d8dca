/** Server options from the command line, validated; bad flags are refused with a clear message. */

export interface ServerOptions {
  port: number;
  host: string;
  dataDir: string;
  /** Folder with the built renderer (web mode); null serves no web client. */
  webRoot: string | null;
  /**
   * The key that seals secret polls' keys; outside the data directory, so that a copy of the
   * data directory alone opens no ballot. Default: `<dataDir>.ballot-key` beside it.
   */
  ballotKeyFile?: string;
  /** Seed demo identities and a meeting on first start (npm start passes --demo). */
  demo?: boolean;
}

export const DEFAULT_PORT = 4870;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_DATA_DIR = '.dienhong-data';

export class UsageError extends Error {
  readonly code = 'usage';
}

export function parseServerArgs(
  argv: readonly string[],
  defaults: { webRoot: string | null; dataDir?: string },
): ServerOptions {
  const options: ServerOptions = {
    port: DEFAULT_PORT,
    host: DEFAULT_HOST,
    dataDir: defaults.dataDir ?? DEFAULT_DATA_DIR,
    webRoot: defaults.webRoot,
    demo: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    const need = (): string => {
      if (value === undefined || value.startsWith('--'))
        throw new UsageError(`${flag} needs a value`);
      i++;
      return value;
    };
    switch (flag) {
      case '--port': {
        const port = Number(need());
        if (!Number.isInteger(port) || port < 0 || port > 65535) {
          throw new UsageError(`--port must be an integer 0–65535`);
        }
        options.port = port;
        break;
      }
      case '--host':
        options.host = need();
        break;
      case '--data':
        options.dataDir = need();
        break;
      case '--ballot-key':
        options.ballotKeyFile = need();
        break;
      case '--web-root':
        options.webRoot = need();
        break;
      case '--demo':
        options.demo = true;
        break;
      case '--no-web':
        options.webRoot = null;
        break;
      default:
        throw new UsageError(`unknown option ${flag}`);
    }
  }
  return options;
}
