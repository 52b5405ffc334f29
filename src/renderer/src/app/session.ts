import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { call, flushPendingWrites } from '../api';

/** Lock, log out and re-read the desk's phase; every screen change after them follows app.status. */
export function useSession() {
  const client = useQueryClient();
  const navigate = useNavigate();

  const refresh = useCallback(async () => {
    await client.invalidateQueries({ queryKey: ['app.status'] });
  }, [client]);

  const lock = useCallback(async () => {
    // A draft typed a moment ago is saved before the session closes.
    await flushPendingWrites();
    try {
      await call('auth.lock', null);
    } catch {
      // Already locked in main (idle) or gone: the status read below shows the truth either way.
    }
    await refresh();
  }, [refresh]);

  const logout = useCallback(async () => {
    await flushPendingWrites();
    try {
      await call('auth.logout', null);
    } catch {
      // As above: whatever happened, re-read the phase.
    }
    // The next person starts on the desk's home page, not on whatever the last one had open.
    void navigate('/', { replace: true });
    await refresh();
  }, [navigate, refresh]);

  return { refresh, lock, logout };
}
