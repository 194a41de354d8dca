import { CodedError } from '../../core/errors/coded-error';

/** Flags of admin commands: `--name value`, repeated flags collect, `--flag` alone is boolean. */
export class ArgumentError extends CodedError<'usage'> {
  override readonly name = 'ArgumentError';
  constructor(message: string) {
    super('usage', message);
  }
}

export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string[]>;
}

export function parseArgs(argv: readonly string[], booleans: readonly string[] = []): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const name = arg.slice(2);
    if (booleans.includes(name)) {
      flags.set(name, ['true']);
      continue;
    }
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--'))
      throw new ArgumentError(`--${name} needs a value`);
    flags.set(name, [...(flags.get(name) ?? []), value]);
    i++;
  }
  return { positional, flags };
}

export function flag(args: ParsedArgs, name: string): string | undefined {
  return args.flags.get(name)?.at(-1);
}

export function requiredFlag(args: ParsedArgs, name: string): string {
  const value = flag(args, name);
  if (value === undefined) throw new ArgumentError(`--${name} is required`);
  return value;
}
