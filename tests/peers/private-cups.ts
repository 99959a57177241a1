import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * Real print peers from a temporary folder, never the system's (docs/devices.md §2.6): a private CUPS
 * 2.4 scheduler on 127.0.0.1, and an IPP Everywhere printer (`ippeveprinter`) that keeps every
 * document it receives. ippeveprinter refuses to start without DNS-SD, so it gets a private D-Bus
 * and an avahi-daemon inside an empty network namespace, where no mDNS can leave the machine.
 */

const run = promisify(execFile);

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitForPort(port: number, child: ChildProcess, what: string, log: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited (${child.exitCode}): ${log()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not listen on ${port}: ${log()}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

function logOf(file: string): () => string {
  return () => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').slice(-2000) : '');
}

export interface PrivateCups {
  /** For `lp -h` and `CUPS_SERVER`: `127.0.0.1:<port>`. */
  server: string;
  dir: string;
  lpadmin(args: string[]): Promise<void>;
  /** The state word `lpstat` shows for a job: completed, canceled, aborted… */
  jobs(which: 'completed' | 'not-completed'): Promise<string>;
  errorLog(): string;
  stop(): Promise<void>;
}

/** Why the private scheduler cannot run here, or null when it can. */
export function privateCupsUnavailable(): string | null {
  if (process.platform !== 'linux') return 'not Linux';
  if (!fs.existsSync('/usr/sbin/cupsd')) return 'cupsd is not installed (Debian package cups-daemon)';
  if (!fs.existsSync('/usr/lib/cups/backend/socket')) return 'the socket:// backend is missing (Debian package cups)';
  if (process.getuid?.() !== 0) return 'cupsd must start as root to drop to User lp';
  return null;
}

export async function startPrivateCups(): Promise<PrivateCups> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quay-cups-'));
  fs.chmodSync(dir, 0o755);
  for (const sub of ['spool', 'cache', 'state', 'log', 'tmp']) {
    fs.mkdirSync(path.join(dir, sub));
    // cupsd drops to lp; its own folders must be writable by that user.
    fs.chownSync(path.join(dir, sub), 7, 7);
  }
  const port = await freePort();
  fs.writeFileSync(
    path.join(dir, 'cupsd.conf'),
    [
      `Listen 127.0.0.1:${port}`,
      'Browsing No',
      'WebInterface No',
      'LogLevel info',
      '<Location />',
      '  Order allow,deny',
      '  Allow 127.0.0.1',
      '</Location>',
      '<Policy default>',
      '  <Limit All>',
      '    Order deny,allow',
      '  </Limit>',
      '</Policy>',
      '',
    ].join('\n'),
  );
  fs.writeFileSync(
    path.join(dir, 'cups-files.conf'),
    [
      `ServerRoot ${dir}`,
      `RequestRoot ${dir}/spool`,
      `CacheDir ${dir}/cache`,
      `StateDir ${dir}/state`,
      `TempDir ${dir}/tmp`,
      `AccessLog ${dir}/log/access_log`,
      `ErrorLog ${dir}/log/error_log`,
      `PageLog ${dir}/log/page_log`,
      `Printcap ${dir}/printcap`,
      'User lp',
      'Group lp',
      'SystemGroup root',
      '',
    ].join('\n'),
  );
  const errorLog = logOf(path.join(dir, 'log', 'error_log'));
  const child = spawn('/usr/sbin/cupsd', ['-f', '-c', path.join(dir, 'cupsd.conf'), '-s', path.join(dir, 'cups-files.conf')], {
    stdio: 'ignore',
  });
  try {
    await waitForPort(port, child, 'cupsd', errorLog);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  const server = `127.0.0.1:${port}`;
  const env = { ...process.env, CUPS_SERVER: server };
  return {
    server,
    dir,
    async lpadmin(args) {
      await run('lpadmin', args, { env, timeout: 30_000 });
    },
    async jobs(which) {
      return (await run('lpstat', ['-W', which, '-o'], { env, timeout: 10_000 })).stdout;
    },
    errorLog,
    async stop() {
      await stopChild(child);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface IppEvePrinter {
  /** `ipp://127.0.0.1:<port>/ipp/print` */
  uri: string;
  /** Where every received document is kept (`-k`). */
  spoolDir: string;
  documents(): string[];
  stop(): Promise<void>;
}

export function ippEvePrinterUnavailable(): string | null {
  for (const tool of ['/usr/sbin/ippeveprinter', '/usr/sbin/avahi-daemon', '/usr/bin/dbus-daemon', '/usr/bin/unshare']) {
    if (!fs.existsSync(tool)) return `${tool} is missing`;
  }
  if (process.getuid?.() !== 0) return 'unshare of the network and mount namespaces needs root';
  return null;
}

export async function startIppEvePrinter(name = 'A5Test'): Promise<IppEvePrinter> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quay-ipp-'));
  const spoolDir = path.join(dir, 'spool');
  fs.mkdirSync(spoolDir);
  const children: ChildProcess[] = [];
  const stop = async () => {
    for (const child of children.reverse()) await stopChild(child);
    // avahi-daemon keeps its pid file here even with --no-chroot.
    fs.rmSync('/run/avahi-daemon', { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const bus = path.join(dir, 'dbus.sock');
    fs.writeFileSync(
      path.join(dir, 'dbus.conf'),
      `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig><type>system</type><listen>unix:path=${bus}</listen><auth>EXTERNAL</auth>
<policy context="default"><allow user="*"/><allow own="*"/><allow send_destination="*"/><allow receive_sender="*"/></policy></busconfig>\n`,
    );
    children.push(spawn('dbus-daemon', ['--config-file', path.join(dir, 'dbus.conf'), '--nofork'], { stdio: 'ignore' }));
    await waitForFile(bus);
    const env = { ...process.env, DBUS_SYSTEM_BUS_ADDRESS: `unix:path=${bus}` };
    fs.writeFileSync(
      path.join(dir, 'avahi.conf'),
      '[server]\nuse-ipv4=yes\nuse-ipv6=no\nenable-dbus=yes\n[wide-area]\nenable-wide-area=no\n[publish]\npublish-addresses=no\npublish-hinfo=no\npublish-workstation=no\n',
    );
    const avahiLog = path.join(dir, 'avahi.log');
    const avahi = spawn(
      'unshare',
      ['-n', 'avahi-daemon', '-f', path.join(dir, 'avahi.conf'), '--no-drop-root', '--no-chroot', '--no-rlimits'],
      { env, stdio: ['ignore', fs.openSync(avahiLog, 'w'), fs.openSync(avahiLog, 'a')] },
    );
    children.push(avahi);
    await waitForText(avahiLog, 'Server startup complete', avahi);
    // ippeveprinter also listens on ::1 and gives up when `localhost` has no IPv6 entry.
    fs.writeFileSync(path.join(dir, 'hosts'), '127.0.0.1 localhost\n::1 localhost\n');
    const port = await freePort();
    const ippLog = path.join(dir, 'ippeveprinter.log');
    const printer = spawn(
      'unshare',
      [
        '-m',
        'sh',
        '-c',
        `mount --bind "$1" /etc/hosts && shift && exec ippeveprinter "$@"`,
        'sh',
        path.join(dir, 'hosts'),
        '-p',
        String(port),
        '-n',
        'localhost',
        '-r',
        'off',
        '-d',
        spoolDir,
        '-k',
        '-f',
        'application/pdf',
        '-M',
        'Quay',
        '-m',
        'Form printer',
        name,
      ],
      { env, stdio: ['ignore', fs.openSync(ippLog, 'w'), fs.openSync(ippLog, 'a')] },
    );
    children.push(printer);
    await waitForPort(port, printer, 'ippeveprinter', logOf(ippLog));
    return {
      uri: `ipp://127.0.0.1:${port}/ipp/print`,
      spoolDir,
      documents: () => fs.readdirSync(spoolDir).map((f) => path.join(spoolDir, f)),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function waitForFile(file: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!fs.existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`${file} did not appear`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function waitForText(file: string, text: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!fs.readFileSync(file, 'utf8').includes(text)) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`${path.basename(file)}: ${fs.readFileSync(file, 'utf8').slice(-1000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
