/**
 * Writes that are waiting for a debounce (draft autosave). Locking or signing out first lets them finish,
 * so nothing typed is lost when the session ends right after typing.
 */
type Flush = () => Promise<void>;

const pending = new Set<Flush>();
const FLUSH_TIMEOUT_MS = 3_000;

/** Registers a flush; the returned function unregisters it. */
export function registerPendingWrite(flush: Flush): () => void {
  pending.add(flush);
  return () => {
    pending.delete(flush);
  };
}

/** Runs every registered flush, waiting at most a few seconds (a stuck save must not block the lock). */
export async function flushPendingWrites(): Promise<void> {
  if (pending.size === 0) return;
  const all = Promise.allSettled([...pending].map((flush) => flush()));
  await Promise.race([all, new Promise((resolve) => window.setTimeout(resolve, FLUSH_TIMEOUT_MS))]);
}
