/*
 * The in-page half of the UI benchmark (tests/bench/ui.ts). `probeScript` is installed before the renderer's
 * own scripts (Playwright's addInitScript, so the page's CSP does not apply to it) and:
 *   - times every contract call the page makes (the harness's window.api POSTs /api/<channel> with fetch):
 *     from the request until its JSON answer is read, noting the first row's case number of a list answer;
 *   - notes when the last click and the last input event reached the page (performance.now());
 *   - `__uiBench.arm(target)` before the action, `__uiBench.armed()` after it: resolves in the first
 *     animation frame after the action in which the target is on screen (a heading with a given name, or
 *     the case-number link of the first row of a list's answer), with the step's start (the click or the
 *     input event), its end and the calls made in between.
 * Plain JavaScript in a string: it runs in the page as written (no transpiler helpers in it).
 */

/** A contract call as the page saw it (milliseconds on the page's performance clock). */
export interface PageCall {
  channel: string;
  start: number;
  /** 0 while unanswered. */
  end: number;
  poll: boolean;
  /** cases.list / search.cases: the first row's case number (null for no rows). */
  first: string | null;
}

export type WaitTarget =
  /** A heading whose accessible name (its text) matches `pattern` (a RegExp source). */
  | { kind: 'heading'; pattern: string; since: 'click' | 'input'; timeoutMs?: number }
  /**
   * The first answer of `channel` asked for after the click (or input) is drawn: the case-number link of
   * its first row is on screen, or, for an answer without rows, the text `emptyText`.
   */
  | { kind: 'firstRow'; channel: string; emptyText: string; since: 'click' | 'input'; timeoutMs?: number };

export interface WaitResult {
  start: number;
  end: number;
  /** What was found: the heading's name, the first row's case number, or 'empty'. */
  found: string;
  calls: PageCall[];
}

export function probeScript(pollChannels: readonly string[]): string {
  return `(() => {
  const POLL = new Set(${JSON.stringify(pollChannels)});
  const state = { calls: [], click: 0, input: 0 };
  const fetchNative = window.fetch.bind(window);
  window.fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input.url;
    const m = /^(?:https?:\\/\\/[^/]+)?\\/api\\/([^?#]+)/.exec(url);
    if (!m) return fetchNative(input, init);
    const call = { channel: m[1], start: performance.now(), end: 0, poll: POLL.has(m[1]), first: null };
    state.calls.push(call);
    if (state.calls.length > 2000) state.calls.splice(0, 1000);
    return fetchNative(input, init).then(
      (response) => {
        const json = response.json.bind(response);
        response.json = () =>
          json().then((value) => {
            const rows = value && value.ok && value.value && Array.isArray(value.value.rows) ? value.value.rows : null;
            if (rows) call.first = rows.length > 0 ? String(rows[0].caseNumber) : null;
            call.end = performance.now();
            return value;
          });
        return response;
      },
      (error) => {
        call.end = performance.now();
        throw error;
      },
    );
  };
  addEventListener('click', () => { state.click = performance.now(); }, true);
  addEventListener('input', () => { state.input = performance.now(); }, true);

  const text = (el) => (el.textContent || '').replace(/\\s+/g, ' ').trim();
  const visible = (el) => {
    if (!el.isConnected || el.getClientRects().length === 0) return false;
    const style = getComputedStyle(el);
    return style.visibility !== 'hidden' && style.display !== 'none';
  };
  const find = (target, since) => {
    if (target.kind === 'heading') {
      const re = new RegExp(target.pattern);
      for (const el of document.querySelectorAll('h1,h2,h3,h4,h5,h6,[role=heading]')) {
        if (re.test(text(el)) && visible(el)) return text(el);
      }
      return null;
    }
    const call = state.calls.find((c) => c.channel === target.channel && c.start >= since);
    if (!call || call.end === 0) return null;
    if (call.first === null) {
      for (const el of document.querySelectorAll('.ant-empty-description')) {
        if (text(el) === target.emptyText && visible(el)) return 'empty';
      }
      return null;
    }
    for (const el of document.querySelectorAll('.ant-table a')) {
      if (text(el) === call.first && visible(el)) return call.first;
    }
    return null;
  };
  let armed = null;
  window.__uiBench = {
    /** Arms the watch before the action, so a fast answer is not missed between the action and the wait. */
    arm(target) {
      const armedAt = performance.now();
      state.click = 0;
      state.input = 0;
      const deadline = armedAt + (target.timeoutMs || 60000);
      armed = new Promise((resolve, reject) => {
        const tick = () => {
          const since = target.since === 'input' ? state.input : state.click;
          const found = since > 0 ? find(target, since) : null;
          if (found !== null) {
            const end = performance.now();
            resolve({ start: since, end, found, calls: state.calls.filter((c) => c.start >= since && c.start <= end) });
          } else if (performance.now() > deadline) {
            reject(new Error('ui bench: not on screen in time: ' + JSON.stringify(target)));
          } else {
            requestAnimationFrame(tick);
          }
        };
        requestAnimationFrame(tick);
      });
    },
    armed() {
      return armed;
    },
  };
})();`;
}

/** Milliseconds of [start, end] during which at least one non-poll call was waiting for its answer. */
export function waitingOnCalls(calls: readonly PageCall[], start: number, end: number): number {
  const spans = calls
    .filter((c) => !c.poll)
    .map((c) => [Math.max(start, c.start), Math.min(end, c.end === 0 ? end : c.end)] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let total = 0;
  let reach = start;
  for (const [a, b] of spans) {
    if (b <= reach) continue;
    total += b - Math.max(a, reach);
    reach = b;
  }
  return total;
}
