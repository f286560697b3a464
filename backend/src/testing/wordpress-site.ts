import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's `wordpress` package: the code, and the folder its wp-config.php reads site configs from. */
const WORDPRESS = '/usr/share/wordpress';
const CONFIGS = '/etc/wordpress';
const MARIADB = { host: '127.0.0.1', port: 3306, user: 'root' };

export interface WordPressSite {
  url: string;
  username: string;
  applicationPassword: string;
  /** Runs PHP inside the site (WordPress loaded), for reading what the REST API hides. */
  php(code: string): string;
  stop(): Promise<void>;
}

/** Why this machine cannot run a real WordPress, or null when it can. */
export function wordPressMissing(): string | null {
  if (!existsSync(join(WORDPRESS, 'wp-settings.php')))
    return `${WORDPRESS} is missing: apt-get install wordpress php-cli php-mysql (npm test does it as root)`;
  if (spawnSync('php', ['-r', 'exit(function_exists("mysqli_connect") ? 0 : 1);']).status !== 0)
    return 'php with mysqli is missing: apt-get install php-cli php-mysql';
  try {
    accessSync(CONFIGS, constants.W_OK);
  } catch {
    return `${CONFIGS} is not writable: the test writes its site's config there (run as root)`;
  }
  return null;
}

/**
 * A real WordPress on loopback: Debian's package, a fresh database in the local MariaDB, PHP's
 * built-in server (with workers, as WordPress calls itself while installing), installed through
 * wp-admin/install.php and given an application password for its administrator.
 */
export async function startWordPressSite(): Promise<WordPressSite> {
  const missing = wordPressMissing();
  if (missing) throw new Error(missing);
  const id = randomBytes(6).toString('hex');
  const name = `so-test-${id}`;
  const database = `so_wp_${id}`;
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const folder = mkdtempSync(join(tmpdir(), 'so-wordpress-'));
  mkdirSync(join(folder, 'wp-content', 'uploads'), { recursive: true });
  const configFile = join(CONFIGS, `config-${name}.php`);
  writeFileSync(configFile, siteConfig({ database, url, contentDir: join(folder, 'wp-content') }));
  writeFileSync(join(folder, 'router.php'), router(name));
  runPhp(
    `$db = new mysqli('${MARIADB.host}', '${MARIADB.user}', '', null, ${MARIADB.port}); $db->query('CREATE DATABASE ${database}');`,
  );
  const server = spawn(
    'php',
    [
      '-d',
      'upload_max_filesize=16M',
      '-d',
      'post_max_size=16M',
      '-S',
      `127.0.0.1:${port}`,
      '-t',
      WORDPRESS,
      join(folder, 'router.php'),
    ],
    {
      env: { ...process.env, PHP_CLI_SERVER_WORKERS: '4' },
      stdio: 'ignore',
      detached: true,
    },
  );
  const site = {
    url,
    username: 'admin',
    applicationPassword: '',
    php: (code: string) =>
      runPhp(
        `$_SERVER['WORDPRESS_CONFIG'] = '${name}'; $_SERVER['HTTP_HOST'] = '127.0.0.1:${port}'; require '${WORDPRESS}/wp-load.php'; ${code}`,
      ),
    stop: async () => {
      await stopServer(server);
      runPhp(
        `$db = new mysqli('${MARIADB.host}', '${MARIADB.user}', '', null, ${MARIADB.port}); $db->query('DROP DATABASE IF EXISTS ${database}');`,
      );
      rmSync(configFile, { force: true });
      rmSync(folder, { recursive: true, force: true });
    },
  };
  try {
    await waitForPort(port, server);
    await install(url);
    site.applicationPassword = site.php(
      "[$password] = WP_Application_Passwords::create_new_application_password(get_user_by('login', 'admin')->ID, ['name' => 'SocialOrchestrator tests']); echo $password;",
    );
    return site;
  } catch (error) {
    await site.stop();
    throw error;
  }
}

/** The site's wp-config part, read by Debian's /usr/share/wordpress/wp-config.php. */
function siteConfig(input: { database: string; url: string; contentDir: string }): string {
  const salts = [
    'AUTH_KEY',
    'SECURE_AUTH_KEY',
    'LOGGED_IN_KEY',
    'NONCE_KEY',
    'AUTH_SALT',
    'SECURE_AUTH_SALT',
    'LOGGED_IN_SALT',
    'NONCE_SALT',
  ];
  const constants: Record<string, string | boolean> = {
    DB_NAME: input.database,
    DB_USER: MARIADB.user,
    DB_PASSWORD: '',
    DB_HOST: `${MARIADB.host}:${MARIADB.port}`,
    WP_HOME: input.url,
    WP_SITEURL: input.url,
    WP_CONTENT_DIR: input.contentDir,
    WP_CONTENT_URL: `${input.url}/wp-content`,
    // Application passwords need HTTPS or a 'local' environment.
    WP_ENVIRONMENT_TYPE: 'local',
    DISABLE_WP_CRON: true,
    AUTOMATIC_UPDATER_DISABLED: true,
    // No calls to wordpress.org (version checks) from a test site.
    WP_HTTP_BLOCK_EXTERNAL: true,
    ...Object.fromEntries(salts.map((salt) => [salt, randomBytes(24).toString('hex')])),
  };
  const lines = Object.entries(constants).map(([key, value]) => `define('${key}', ${JSON.stringify(value)});`);
  return `<?php\n${lines.join('\n')}\n`;
}

/** Picks this site's config for every request and sends pretty URLs (/wp-json/…) to index.php. */
function router(name: string): string {
  return `<?php
$_SERVER['WORDPRESS_CONFIG'] = '${name}';
$root = '${WORDPRESS}';
$path = rawurldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH));
$file = realpath($root . $path);
if ($file !== false && str_starts_with($file, $root)) {
  if (is_dir($file)) $file = rtrim($file, '/') . '/index.php';
  if (is_file($file) && !str_ends_with($file, '.php')) return false;
} else {
  $file = false;
}
if ($file === false || !is_file($file)) $file = $root . '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $file;
$_SERVER['SCRIPT_NAME'] = $_SERVER['PHP_SELF'] = substr($file, strlen($root));
chdir(dirname($file));
require $file;
`;
}

async function install(url: string): Promise<void> {
  const form = new URLSearchParams({
    weblog_title: 'SocialOrchestrator test blog',
    user_name: 'admin',
    admin_password: randomBytes(12).toString('hex'),
    admin_email: 'admin@example.com',
    blog_public: '0',
    pw_weak: '1',
    language: '',
  });
  form.set('admin_password2', form.get('admin_password')!);
  const response = await fetch(`${url}/wp-admin/install.php?step=2`, { method: 'POST', body: form });
  const page = await response.text();
  if (!page.includes('<h1>Success!</h1>'))
    throw new Error(`WordPress did not install: HTTP ${response.status} ${page.slice(0, 500)}`);
}

function runPhp(code: string): string {
  const run = spawnSync('php', ['-r', code], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`php failed (${run.status}): ${run.stderr || run.stdout}`);
  return run.stdout;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

async function waitForPort(port: number, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 15_000;
  const listening = () =>
    new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' }, () => socket.end(() => resolve(true)));
      socket.on('error', () => resolve(false));
    });
  while (!(await listening())) {
    if (server.exitCode !== null || Date.now() > deadline) throw new Error('PHP built-in server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The server and its workers share a process group (detached), so the group is ended together. */
async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || !server.pid) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  process.kill(-server.pid, 'SIGTERM');
  await exited;
}
