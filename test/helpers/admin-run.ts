/**
 * Runs `admin sign` / `admin verify` as a process, the way the admin CLI dispatcher will:
 * `npx tsx test/helpers/admin-run.ts sign|verify ARGS...`; exits with the command's code.
 */
import { runSignCommand } from '../../sync-server/admin/sign';
import { runVerifyCommand } from '../../sync-server/admin/verify';

const [command, ...args] = process.argv.slice(2);
const io = { stdout: process.stdout, stderr: process.stderr };
const run =
  command === 'sign' ? runSignCommand : command === 'verify' ? runVerifyCommand : undefined;
if (!run) {
  process.stderr.write('usage: admin-run.ts sign|verify ARGS...\n');
  process.exitCode = 64;
} else {
  run(args, io).then((code) => {
    process.exitCode = code;
  });
}
