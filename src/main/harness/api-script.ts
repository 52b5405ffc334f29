import { CHANNELS } from '../../shared/contract';

/**
 * The browser harness's stand-in for the preload: `window.api` with one function per contract channel,
 * each POSTing its input as JSON to /api/<channel> and resolving to the dispatcher's Result. Served as a
 * file (/harness-api.js), not inline, because the CSP forbids inline script.
 */
export function harnessApiScript(channels: readonly string[] = CHANNELS): string {
  return `'use strict';
(function () {
  var channels = ${JSON.stringify(channels)};
  function transportError(status) {
    // The session cookie is gone (harness restarted) or the server is unreachable: say so in the
    // same Result shape the page already handles.
    return { ok: false, error: { code: 'INTERNAL', message: 'Harness transport error (HTTP ' + status + ')' } };
  }
  function call(channel, input) {
    return fetch('/api/' + channel, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: input === undefined ? '' : JSON.stringify(input),
    }).then(
      function (response) {
        if (!response.ok) return transportError(response.status);
        return response.json();
      },
      function () {
        return transportError(0);
      },
    );
  }
  var api = {};
  channels.forEach(function (channel) {
    api[channel] = function (input) {
      return call(channel, input);
    };
  });
  Object.defineProperty(window, 'api', { value: Object.freeze(api), enumerable: true });
})();
`;
}
