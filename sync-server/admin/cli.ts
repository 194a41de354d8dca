/**
 * `npm run admin -- <command>`: operator commands on a data directory (default .dienhong-data,
 * or --data DIR). Commands that change members or meetings open the store, so the server
 * must be stopped (a clear error says so otherwise).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  ApiValidationError,
  parseMeetingDraft,
  parseMeetingSettingsPatch,
  parseMemberPositionRequest,
} from '../../core/api/meetings';
import { IdentityError } from '../../core/identity';
import { isMeetingRole } from '../../core/roles/permissions';
import { DEFAULT_DATA_DIR } from '../config';
import { MemberError } from '../identity/members';
import { MeetingError } from '../meetings/directory';
import { DataDirectoryInUseError } from '../store/open';
import { ArgumentError, flag, parseArgs, requiredFlag, type ParsedArgs } from './args';
import { withAdminContext } from './context';
import { seedDemo } from './demo';
import { runSignCommand } from './sign';
import { runVerifyCommand } from './verify';
import { runTimestampArchiveCommand } from './timestamp-archive';
import { runPendingCommand } from './pending';
import { runTrustCommand } from './trust';
import { runMinutesLayoutCommand } from './minutes-layout-cli';
import { runImagesCommand } from './images-cli';
import { SignatureImageError } from '../../node-shared/images/png-image';
import {
  AdminError,
  addMember,
  createMeeting,
  initCa,
  issueServerCert,
  loadCa,
  writeFileAtomic,
} from './operations';

const USAGE = `usage: npm run admin -- <command> [--data DIR]
  ca init [--name NAME] [--org ORGANISATION] [--days N]
  member add --name NAME --email EMAIL --out FILE.p12 (--password P | --password-file F) [--admin] [--id ID] [--days N] [--position P]
  member position --member ID --position P   position (chức vụ) printed in the minutes; "" clears it
  member list
  member signature-image --member ID --png FILE.png   signature image drawn when the member signs
  seal set --png FILE.png   the organisation's seal (PNG with transparency)
  member add-cert --member ID --cert FILE.cer|.pem [--name N --email E] [--chain FILE]...
                            enrol an existing certificate (by SHA-256 fingerprint); --name creates the member
  member pending             first logins of trusted, unenrolled certificates
  member approve FINGERPRINT (--member ID | --new --name N [--member ID])
  member reject FINGERPRINT  enrol the presented certificate, or drop the request
  trust add --name N --cert CA.pem --purpose login|signing|both [--policy OID]...
  trust list | trust remove --name N | trust add-intermediate --cert FILE
  meeting create --title T --starts-at ISO --location L [--org O] [--agenda TITLE]... [--id ID]
                 [--number 12/BB-UBND] [--place "Hà Nội"]
  meeting settings --meeting ID [--number N] [--place P]   Số/ký hiệu and place of the minutes; "" clears
  meeting minutes-layout --meeting ID [--recipient "…"]... [--archive "VT, CĐ"]
                 [--chair-authority TM|KT|TL|TUQ:"Ban Chấp hành"] [--secretary-authority …]
                            "Nơi nhận" and TM./KT./TL./TUQ. signature blocks; "" clears
  meeting role --meeting ID --member ID --role chair|secretary|delegate|observer
  meeting list
  server-cert (--host NAME | --ip ADDRESS)... --out-cert FILE --out-key FILE [--days N]
                            TLS certificate for the server from the CA (key file 0600)
  demo                      seed the demo CA, members and meeting (once)
  sign IN.pdf --p12 FILE --password-file F --out OUT.pdf [--reason R] [--location L] [--field NAME]
       [--role ROLE] [--visible [--page N] [--rect X1,Y1,X2,Y2]]
  verify FILE.pdf [--ca ca.pem]... [--data DIR [--revocation-unreachable refuse|warn]]
                                     prints JSON; exit 0 when every signature is valid;
                                     --data also checks each signer's revocation
  timestamp-archive [--before-days N] --tsa-url URL [--tsa-ca FILE]... [--tsa-username U --tsa-password-env VAR]
                            re-timestamp signed minutes verifiable for less than N days (90): B-LTA`;

async function password(args: ParsedArgs): Promise<string> {
  const file = flag(args, 'password-file');
  if (file) return (await readFile(file, 'utf8')).replace(/\r?\n$/, '');
  return requiredFlag(args, 'password');
}

type Out = (line: string) => void;

async function run(argv: string[], out: Out): Promise<void> {
  const args = parseArgs(argv, ['admin', 'new']);
  const dataDir = path.resolve(flag(args, 'data') ?? DEFAULT_DATA_DIR);
  const [group, action] = args.positional;
  const command = action ? `${group} ${action}` : (group ?? '');
  if (await runTrustCommand(command, args, dataDir, out)) return;
  if (await runMinutesLayoutCommand(command, args, dataDir, out)) return;
  if (await runImagesCommand(command, args, dataDir, out)) return;
  if (await runPendingCommand(command, args, dataDir, out)) return;
  switch (command) {
    case 'ca init': {
      const ca = await initCa(dataDir, {
        commonName: flag(args, 'name') ?? 'Diên Hồng CA',
        organisation: flag(args, 'org') ?? 'Diên Hồng',
        validDays: Number(flag(args, 'days') ?? 3650),
      });
      out(`CA created in ${dataDir}/ca (key readable by its owner only) and trusted for login`);
      out(ca.certificatePem.trim());
      return;
    }
    case 'member add': {
      const outFile = requiredFlag(args, 'out');
      const pass = await password(args);
      const ca = await loadCa(dataDir);
      const { member, p12 } = await withAdminContext(dataDir, (ctx) =>
        addMember(ctx, ca, {
          ...(flag(args, 'id') ? { id: flag(args, 'id') as string } : {}),
          name: requiredFlag(args, 'name'),
          email: requiredFlag(args, 'email'),
          isAdmin: flag(args, 'admin') === 'true',
          validDays: Number(flag(args, 'days') ?? 730),
          password: pass,
        }),
      );
      const position = flag(args, 'position');
      if (position !== undefined) {
        const { position: checked } = parseMemberPositionRequest({ position });
        await withAdminContext(dataDir, (ctx) => ctx.members.setPosition(member.id, checked));
      }
      await writeFileAtomic(path.resolve(outFile), p12, 0o600);
      out(
        JSON.stringify({
          id: member.id,
          name: member.name,
          email: member.email,
          isAdmin: member.isAdmin,
          p12: outFile,
        }),
      );
      return;
    }
    case 'member position': {
      const memberId = requiredFlag(args, 'member');
      const { position } = parseMemberPositionRequest({ position: requiredFlag(args, 'position') });
      const member = await withAdminContext(dataDir, async (ctx) => {
        if (!(await ctx.members.get(memberId)))
          throw new AdminError('bad-argument', `No member ${memberId}.`);
        const updated = await ctx.members.setPosition(memberId, position);
        await ctx.audit.appendAudit({
          at: new Date().toISOString(),
          action: 'member.position',
          target: memberId,
          by: 'admin-cli',
        });
        return updated;
      });
      out(JSON.stringify({ id: member.id, name: member.name, position: member.position ?? null }));
      return;
    }
    case 'member list': {
      const members = await withAdminContext(dataDir, (ctx) => ctx.members.list());
      for (const m of members)
        out(JSON.stringify({ id: m.id, name: m.name, email: m.email, isAdmin: m.isAdmin }));
      return;
    }
    case 'meeting create': {
      const draft = parseMeetingDraft({
        title: flag(args, 'title'),
        startsAt: flag(args, 'starts-at'),
        location: flag(args, 'location'),
        organisation: flag(args, 'org'),
        agenda: args.flags.get('agenda') ?? [],
        documentNumber: flag(args, 'number'),
        place: flag(args, 'place'),
      });
      const meeting = await withAdminContext(dataDir, (ctx) =>
        createMeeting(ctx, draft, [], flag(args, 'id')),
      );
      out(JSON.stringify({ id: meeting.id, title: meeting.title, agenda: meeting.agenda }));
      return;
    }
    case 'meeting role': {
      const role = requiredFlag(args, 'role');
      if (!isMeetingRole(role))
        throw new ArgumentError('--role must be chair, secretary, delegate or observer');
      const meetingId = requiredFlag(args, 'meeting');
      const memberId = requiredFlag(args, 'member');
      await withAdminContext(dataDir, async (ctx) => {
        if (!(await ctx.members.get(memberId)))
          throw new AdminError('bad-argument', `No member ${memberId}.`);
        await ctx.meetings.setRole(meetingId, memberId, role);
        await ctx.audit.appendAudit({
          at: new Date().toISOString(),
          action: 'meeting.role',
          meetingId,
          target: memberId,
          role,
          by: 'admin-cli',
        });
      });
      out(`${memberId} is ${role} of ${meetingId}`);
      return;
    }
    case 'meeting settings': {
      const meetingId = requiredFlag(args, 'meeting');
      const given: Record<string, string | null> = {};
      for (const [name, field] of [
        ['number', 'documentNumber'],
        ['place', 'place'],
      ] as const) {
        const value = flag(args, name);
        if (value !== undefined) given[field] = value === '' ? null : value;
      }
      const patch = parseMeetingSettingsPatch(given);
      const meeting = await withAdminContext(dataDir, async (ctx) => {
        const updated = await ctx.meetings.updateSettings(meetingId, patch);
        await ctx.audit.appendAudit({
          at: new Date().toISOString(),
          action: 'meeting.settings',
          meetingId,
          by: 'admin-cli',
        });
        return updated;
      });
      out(
        JSON.stringify({
          id: meeting.id,
          documentNumber: meeting.documentNumber ?? null,
          place: meeting.place ?? null,
        }),
      );
      return;
    }
    case 'meeting list': {
      const meetings = await withAdminContext(dataDir, (ctx) => ctx.meetings.list());
      for (const m of meetings)
        out(
          JSON.stringify({ id: m.id, title: m.title, startsAt: m.startsAt, location: m.location }),
        );
      return;
    }
    case 'server-cert': {
      const hosts = args.flags.get('host') ?? [];
      const ips = args.flags.get('ip') ?? [];
      if (hosts.length + ips.length === 0)
        throw new ArgumentError('server-cert needs at least one --host or --ip');
      const certFile = path.resolve(requiredFlag(args, 'out-cert'));
      const keyFile = path.resolve(requiredFlag(args, 'out-key'));
      const days = Number(flag(args, 'days') ?? 397);
      await issueServerCert(dataDir, { hosts, ips, validDays: days, certFile, keyFile });
      out(
        JSON.stringify({ cert: certFile, key: keyFile, hosts, ips, days }) +
          `\nstart the server with --tls-cert ${certFile} --tls-key ${keyFile}`,
      );
      return;
    }
    case 'demo': {
      const report = await withAdminContext(dataDir, (ctx) => seedDemo(ctx));
      out(report ? report.join('\n') : `${dataDir} already has a CA: nothing seeded`);
      return;
    }
    default:
      throw new ArgumentError(command === '' ? 'no command given' : `unknown command "${command}"`);
  }
}

/** Runs one admin command; returns the process exit code. */
export async function runAdmin(argv: string[], out: Out, err: Out): Promise<number> {
  // Signing works on files, not on a data directory: its own commands parse their flags.
  const io = {
    stdout: { write: (t: string) => out(t.replace(/\n$/, '')) },
    stderr: { write: (t: string) => err(t.replace(/\n$/, '')) },
  };
  if (argv[0] === 'sign') return runSignCommand(argv.slice(1), io);
  if (argv[0] === 'verify') return runVerifyCommand(argv.slice(1), io);
  if (argv[0] === 'timestamp-archive') return runTimestampArchiveCommand(argv.slice(1), io);
  try {
    await run(argv, out);
    return 0;
  } catch (error) {
    if (error instanceof ArgumentError) {
      err(`${error.message}\n${USAGE}`);
      return 64;
    }
    const known =
      error instanceof AdminError ||
      error instanceof MemberError ||
      error instanceof MeetingError ||
      error instanceof ApiValidationError ||
      error instanceof DataDirectoryInUseError ||
      error instanceof SignatureImageError ||
      error instanceof IdentityError;
    if (known) {
      err(`error [${(error as { code: string }).code}]: ${(error as Error).message}`);
      return 2;
    }
    err(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]).endsWith(path.join('admin', 'cli.ts'))) {
  const code = await runAdmin(
    process.argv.slice(2),
    (line) => process.stdout.write(`${line}\n`),
    (line) => process.stderr.write(`${line}\n`),
  );
  process.exit(code);
}
