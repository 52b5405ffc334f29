import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError } from '../../shared/errors';
import type { ChannelOutput, ChannelParsed } from '../../shared/contract';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings';
import { checkPassword } from '../../shared/password-strength';
import {
  openStore,
  type Store,
  uuidv7,
  createKeyring,
  DATABASE_FILE,
  generateDatabaseKey,
  KEYRING_FILE,
  type DeskContext,
  newRecoveryCode,
} from '../desk';
import { appendAudit } from '../audit';
import { DEVICE_ID_KEY, loadDeskSettings, RECOVERY_PENDING_KEY, writeSettingRows } from '../settings';
import { toSessionUser } from '../users';

/*
 * First-run setup: a new database key, the keyring (admin slot + recovery slot), the encrypted database
 * with the admin account and the office's settings. Either all of it exists afterwards or none of it:
 * a failure removes what this call created, so setup can simply be run again.
 */

const DATABASE_FILES = [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`];

export async function createDesk(
  ctx: DeskContext,
  input: ChannelParsed<'setup.create'>,
): Promise<ChannelOutput<'setup.create'>> {
  if (ctx.session.phase !== 'setup') throw new DomainError('ALREADY_SET_UP');
  const { office, admin: who } = input;
  const weak = checkPassword(who.password, [
    who.username,
    who.displayName,
    office.county,
    office.registryOffice,
    office.centreName,
  ]).problem;
  if (weak) throw new DomainError('WEAK_PASSWORD', { reason: weak });
  const now = ctx.clock.now();
  setAsideOrphanDatabase(ctx.dataDir, now);

  const adminId = uuidv7(now);
  const deviceId = uuidv7(now);
  const recovery = newRecoveryCode();
  const settings: Settings = { ...DEFAULT_SETTINGS, office: input.office, language: input.language };
  const dbKey = generateDatabaseKey();
  let createdKeyring = false;
  let store: Store | null = null;
  try {
    const { username, password } = input.admin;
    createKeyring(ctx.dataDir, dbKey, { userId: adminId, username, password }, recovery.code);
    createdKeyring = true;
    store = await openStore(ctx.dataDir, dbKey, { create: true });
    const openedStore = store;
    const admin = await store.db.transaction().execute(async (trx) => {
      const at = now.toISOString();
      const row = await trx
        .insertInto('users')
        .values({
          id: adminId,
          username: input.admin.username,
          display_name: input.admin.displayName,
          role: 'admin',
          disabled: 0,
          must_change_password: 0,
          last_login_at: at,
          created_at: at,
          updated_at: at,
          origin_device: deviceId,
          deleted_at: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await writeSettingRows(
        trx,
        { ...settings, [DEVICE_ID_KEY]: deviceId, [RECOVERY_PENDING_KEY]: true },
        now,
        adminId,
      );
      await appendAudit(
        trx,
        {
          actorId: adminId,
          actorName: row.display_name,
          action: 'setup.completed',
          targetType: 'user',
          targetId: adminId,
          detail: { level: input.office.level, language: input.language },
        },
        now,
      );
      return row;
    });
    ctx.prefs.setLanguage(input.language);
    const desk = await loadDeskSettings(openedStore.db);
    ctx.session.begin(openedStore, dbKey, toSessionUser(admin), desk);
  } catch (e) {
    await store?.close().catch(() => undefined);
    dbKey.fill(0);
    if (createdKeyring) removeSetupFiles(ctx.dataDir);
    throw e;
  }
  ctx.recovery.remember(recovery.group, recovery.groupValue);
  return { recoveryCode: recovery.code, confirmGroup: recovery.group };
}

/**
 * A database with no keyring can never be opened by the desk (its key lived only in the keyring), but
 * it might be rescued with a keyring from a backup: move it aside rather than overwrite or delete it.
 */
function setAsideOrphanDatabase(dataDir: string, now: Date): void {
  if (!existsSync(join(dataDir, DATABASE_FILE))) return;
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  for (const name of DATABASE_FILES) {
    const path = join(dataDir, name);
    if (existsSync(path)) renameSync(path, join(dataDir, `${name}.orphaned-${stamp}`));
  }
}

function removeSetupFiles(dataDir: string): void {
  for (const name of [KEYRING_FILE, ...DATABASE_FILES]) {
    try {
      rmSync(join(dataDir, name), { force: true });
    } catch {
      // Best effort: a leftover database without a keyring is set aside by the next attempt.
    }
  }
}
