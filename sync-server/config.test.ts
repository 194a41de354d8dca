import { describe, expect, it } from 'vitest';
import { parseServerArgs, UsageError } from './config';

const parse = (...argv: string[]) => parseServerArgs(argv, { webRoot: null });
const tls = ['--tls-cert', 'c.pem', '--tls-key', 'k.pem'];

function refusal(argv: string[]): string {
  try {
    parse(...argv);
    return 'accepted';
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
}

describe('parseServerArgs: transport security', () => {
  it.each([
    [[], 'accepted'],
    [['--host', '127.0.0.1'], 'accepted'],
    [['--host', '127.8.9.10'], 'accepted'],
    [['--host', 'localhost'], 'accepted'],
    [['--host', '::1'], 'accepted'],
    [['--host', '0.0.0.0'], 'reaches the network'],
    [['--host', '::'], 'reaches the network'],
    [['--host', '10.0.0.5'], 'reaches the network'],
    [['--host', 'phonghop.local'], 'reaches the network'],
    [['--host', '0.0.0.0', '--insecure-http'], 'accepted'],
    [['--host', '0.0.0.0', ...tls], 'accepted'],
    [['--host', '0.0.0.0', '--tls-cert', 'c.pem'], 'go together'],
    [['--tls-key', 'k.pem'], 'go together'],
    [['--public-origin', 'https://phonghop.example:4870', ...tls], 'accepted'],
    [['--public-origin', 'http://phonghop.example:4870', ...tls], 'must be https'],
    [['--public-origin', 'https://phonghop.example'], 'has no --tls-cert'],
    [['--public-origin', 'https://phonghop.example', '--insecure-http'], 'accepted'],
    [['--public-origin', 'https://phonghop.example/app', ...tls], 'must be an origin'],
    [['--public-origin', 'https://u:p@phonghop.example', ...tls], 'must be an origin'],
    [['--public-origin', 'ftp://phonghop.example', ...tls], 'must be an origin'],
    [['--public-origin', 'phonghop', ...tls], 'is not a URL'],
  ])('%j → %s', (argv, expected) => {
    const outcome = refusal(argv);
    if (expected === 'accepted') expect(outcome).toBe('accepted');
    else expect(outcome).toContain(expected);
  });

  it('keeps the files and normalises public origins', () => {
    const options = parse(
      '--host',
      '0.0.0.0',
      ...tls,
      '--public-origin',
      'https://PhongHop.example:4870/',
      '--public-origin',
      'https://10.0.0.5:443',
    );
    expect(options.tls).toEqual({ certFile: 'c.pem', keyFile: 'k.pem' });
    expect(options.publicOrigins).toEqual(['https://phonghop.example:4870', 'https://10.0.0.5']);
  });
});

describe('revocation policy flags', () => {
  it('sets the unreachable policy per purpose or for both, and the timeout', () => {
    expect(parse('--revocation-unreachable', 'warn').revocation).toEqual({
      login: { unreachable: 'warn' },
      signing: { unreachable: 'warn' },
    });
    expect(
      parse('--login-revocation-unreachable', 'refuse', '--revocation-timeout-ms', '2000')
        .revocation,
    ).toEqual({ login: { unreachable: 'refuse', timeoutMs: 2000 }, signing: { timeoutMs: 2000 } });
    expect(parse().revocation).toBeUndefined();
  });

  it('refuses other values', () => {
    expect(refusal(['--signing-revocation-unreachable', 'allow'])).toMatch(/refuse or warn/);
    expect(refusal(['--revocation-timeout-ms', '5'])).toMatch(/100–120000/);
  });
});

describe('timestamp (TSA) options', () => {
  it('is off without --tsa-url, and defaults to refuse with a 10 s timeout', () => {
    expect(parse().timestamps).toBeUndefined();
    expect(parse('--tsa-url', 'http://127.0.0.1:9/tsa').timestamps).toEqual({
      url: 'http://127.0.0.1:9/tsa',
      timeoutMs: 10_000,
      unreachable: 'refuse',
    });
  });

  it('reads DIENHONG_TSA_* from the environment; flags win', () => {
    const options = parseServerArgs(['--tsa-unreachable', 'sign-b-b'], {
      webRoot: null,
      env: {
        DIENHONG_TSA_URL: 'https://tsa.example/tsr',
        DIENHONG_TSA_USERNAME: 'phong-hop',
        DIENHONG_TSA_PASSWORD: 'mật khẩu',
        DIENHONG_TSA_UNREACHABLE: 'refuse',
      },
    });
    expect(options.timestamps).toEqual({
      url: 'https://tsa.example/tsr',
      timeoutMs: 10_000,
      unreachable: 'sign-b-b',
      username: 'phong-hop',
      password: 'mật khẩu',
    });
  });

  it('refuses bad values', () => {
    expect(refusal(['--tsa-timeout-ms', '50'])).toMatch(/needs --tsa-url/);
    expect(refusal(['--tsa-url', 'ftp://x'])).toMatch(/http\(s\)/);
    expect(refusal(['--tsa-url', 'http://x', '--tsa-unreachable', 'warn'])).toMatch(/sign-b-b/);
    expect(refusal(['--tsa-url', 'http://x', '--tsa-username', 'u'])).toMatch(/go together/);
  });
});

describe('parseServerArgs: --archive-timestamp-days (B-LTA renewal)', () => {
  it('is off by default and takes a day count with a TSA', () => {
    expect(parse().archiveTimestampDays).toBeUndefined();
    expect(
      parse('--tsa-url', 'http://x', '--archive-timestamp-days', '120').archiveTimestampDays,
    ).toBe(120);
  });

  it('needs --tsa-url and a sound number', () => {
    expect(refusal(['--archive-timestamp-days', '90'])).toMatch(/needs --tsa-url/);
    expect(refusal(['--tsa-url', 'http://x', '--archive-timestamp-days', '0'])).toMatch(/1–3650/);
  });
});
