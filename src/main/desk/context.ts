import { DomainError } from '../../shared/errors';
import type { Clock, Platform } from './platform';
import { LoginGuard } from './login-guard';
import { createDeskProgress, type DeskProgress } from './progress';
import { Preferences } from './preferences';
import { PendingRecovery } from './recovery-pending';
import { DeskSession } from './session';

/** Everything a service needs: built once per data directory by createApp, passed to every handler. */
export interface DeskContext {
  readonly dataDir: string;
  readonly clock: Clock;
  readonly session: DeskSession;
  readonly guard: LoginGuard;
  readonly prefs: Preferences;
  readonly recovery: PendingRecovery;
  /** The platform's HTML → PDF renderer (src/main/print uses it). */
  readonly printToPdf: Platform['printToPdf'];
  /** The platform's folder chooser (the sync USB courier). */
  readonly chooseFolder: Platform['chooseFolder'];
  /** The platform's file chooser (a case archive to import, a backup to restore). */
  readonly chooseFile: Platform['chooseFile'];
  /** Work a call leaves for right after its answer, before the next call (FollowUps). */
  readonly followUps: FollowUps;
  /** The progress of long work inside a pending call, for the poll channels that show it (progress.ts). */
  readonly progress: DeskProgress;
}

/**
 * Work a call hands on to run right after it has answered, ahead of the calls that come after it (the
 * dispatcher queues each as the next task): the registration sweep after a sign-in, so the sign-in answers
 * at once and whatever the user opens next already sees every status moved. A task catches its own errors.
 */
export class FollowUps {
  #tasks: (() => Promise<void>)[] = [];
  #idle: () => Promise<void> = () => Promise.resolve();

  /**
   * Resolves once no call is waiting or running: background work a follow-up starts waits for it before
   * each step (the dispatcher's queue, given by waitFor; at once without a dispatcher).
   */
  idle(): Promise<void> {
    return this.#idle();
  }

  /** The dispatcher: what idle() waits for. */
  waitFor(idle: () => Promise<void>): void {
    this.#idle = idle;
  }

  add(task: () => Promise<void>): void {
    this.#tasks.push(task);
  }

  /** The tasks added since the last take, in order; the list is empty afterwards. */
  take(): (() => Promise<void>)[] {
    return this.#tasks.splice(0);
  }
}

/** For contexts built without a platform (dispatcher unit tests): printing is not available. */
const noPrinting: Platform['printToPdf'] = () => Promise.reject(new DomainError('PRINT_FAILED'));

const noFolder: Platform['chooseFolder'] = () => Promise.resolve(null);
const noFile: Platform['chooseFile'] = () => Promise.resolve(null);

export function createDeskContext(
  dataDir: string,
  clock: Clock,
  printToPdf: Platform['printToPdf'] = noPrinting,
  chooseFolder: Platform['chooseFolder'] = noFolder,
  chooseFile: Platform['chooseFile'] = noFile,
  progress: DeskProgress = createDeskProgress(),
): DeskContext {
  return {
    dataDir,
    clock,
    session: new DeskSession(dataDir, clock),
    guard: new LoginGuard(dataDir, clock),
    prefs: new Preferences(dataDir),
    recovery: new PendingRecovery(),
    printToPdf,
    chooseFolder,
    chooseFile,
    followUps: new FollowUps(),
    progress,
  };
}
