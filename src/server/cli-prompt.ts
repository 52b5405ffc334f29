/**
 * The county passphrase for the CLI: $COUNTY_PASSPHRASE if set (services, scripts, tests), else typed at
 * the terminal without echo. Never printed, never logged.
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
        `没有口令：请设置 ${PASSPHRASE_ENV} 或在终端中运行（no passphrase: set ${PASSPHRASE_ENV})`,
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

/** The passphrase for an existing county. */
export async function askPassphrase(env: NodeJS.ProcessEnv): Promise<string> {
  const fromEnv = env[PASSPHRASE_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  return readHidden('县级密钥口令（county key passphrase）: ');
}

/** A new passphrase (init): typed twice at the terminal, at least MIN_PASSPHRASE_LENGTH characters. */
export async function askNewPassphrase(env: NodeJS.ProcessEnv): Promise<string> {
  let passphrase = env[PASSPHRASE_ENV] ?? '';
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
