import { closeSync, readSync } from 'node:fs';

/**
 * The county passphrase for the CLI, from (in this order) a file descriptor (`--passphrase-fd N`: a
 * service manager's credential, a pipe), $COUNTY_PASSPHRASE (scripts, tests), else typed at the terminal
 * without echo. Once read, $COUNTY_PASSPHRASE is deleted from the process environment, so nothing the
 * process starts or dumps later carries it. Never printed, never logged.
 */
export const PASSPHRASE_ENV = 'COUNTY_PASSPHRASE';
export const MIN_PASSPHRASE_LENGTH = 8;

export class PromptError extends Error {
  override readonly name = 'PromptError';
}

/** Reads one line from the TTY in raw mode, echoing nothing. Ctrl-C aborts. */
export function readHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    return Promise.reject(
      new PromptError(
        `没有口令：请用 --passphrase-fd、设置 ${PASSPHRASE_ENV} 或在终端中运行（no passphrase: use --passphrase-fd, ${PASSPHRASE_ENV} or a terminal）`,
      ),
    );
  }
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          finish();
          resolve(value);
          return;
        }
        if (ch === '\u0003' || ch === '\u0004') {
          finish();
          reject(new PromptError('已取消（cancelled）'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') {
          value = [...value].slice(0, -1).join('');
          continue;
        }
        if (ch >= ' ') value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** More than any passphrase; a descriptor that gives more is not a passphrase. */
const MAX_FD_BYTES = 4096;

/**
 * Reads the passphrase from an open file descriptor up to end-of-file (or the first line end), then
 * closes it (unless it is stdin). A trailing CR/LF is not part of the passphrase.
 */
export function readPassphraseFd(fd: number): string {
  const buffer = Buffer.alloc(MAX_FD_BYTES + 1);
  let size = 0;
  try {
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, buffer, size, buffer.length - size, null);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
          // A non-blocking pipe with nothing in it yet: wait a little rather than spin.
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
          continue;
        }
        const code = (e as NodeJS.ErrnoException).code ?? 'error';
        throw new PromptError(
          `无法从文件描述符 ${fd} 读取口令（cannot read the passphrase from fd ${fd}: ${code}）`,
        );
      }
      if (n === 0) break;
      size += n;
      if (buffer.subarray(0, size).includes(0x0a) || size > MAX_FD_BYTES) break;
    }
  } finally {
    // A descriptor handed over for the passphrase alone is closed; stdin (0) is left to the process.
    if (fd > 2) {
      try {
        closeSync(fd);
      } catch {
        // already closed: nothing to release
      }
    }
  }
  const text = buffer.subarray(0, size).toString('utf8');
  buffer.fill(0);
  const line = text.split(/\r?\n/)[0] ?? '';
  if (size > MAX_FD_BYTES || line === '') {
    throw new PromptError(`文件描述符 ${fd} 没有给出口令（no passphrase on fd ${fd}）`);
  }
  return line;
}

/** Where the passphrase comes from, besides the environment and the terminal. */
export interface PassphraseSource {
  fd?: number;
}

/** $COUNTY_PASSPHRASE, removed from `env` and from the process environment once read. */
function takeFromEnv(env: NodeJS.ProcessEnv): string {
  const value = env[PASSPHRASE_ENV] ?? '';
  delete env[PASSPHRASE_ENV];
  delete process.env[PASSPHRASE_ENV];
  return value;
}

/** The passphrase for an existing county. */
export async function askPassphrase(env: NodeJS.ProcessEnv, source: PassphraseSource = {}): Promise<string> {
  const fromEnv = takeFromEnv(env);
  if (source.fd !== undefined) return readPassphraseFd(source.fd);
  if (fromEnv !== '') return fromEnv;
  return readHidden('县级密钥口令（county key passphrase）: ');
}

/** A new passphrase (init): typed twice at the terminal, at least MIN_PASSPHRASE_LENGTH characters. */
export async function askNewPassphrase(
  env: NodeJS.ProcessEnv,
  source: PassphraseSource = {},
): Promise<string> {
  const fromEnv = takeFromEnv(env);
  let passphrase = source.fd !== undefined ? readPassphraseFd(source.fd) : fromEnv;
  if (passphrase === '') {
    passphrase = await readHidden('设置县级密钥口令（new county key passphrase）: ');
    const again = await readHidden('再输入一次（repeat it）: ');
    if (again !== passphrase) throw new PromptError('两次输入的口令不一致（the passphrases differ）');
  }
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) {
    throw new PromptError(
      `口令至少 ${MIN_PASSPHRASE_LENGTH} 个字符（the passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters）`,
    );
  }
  return passphrase;
}
