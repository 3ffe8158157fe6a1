// The browser-side code of the offline GraphiQL page, kept as string constants.
//
// Why strings in a .ts module rather than a .js file next to the router: `tsc` does not copy .js
// files into dist/ (no allowJs), so a sibling file would be found under ts-jest but missing after
// `npm run build`. Why not `someFunction.toString()`: jest's coverage instrumentation rewrites
// function bodies with counters that do not exist in the browser, and the project's lib has no DOM
// types anyway. The script is plain ES2017 that every browser in a service hall runs without a
// build step; test/unit/graphiql.router.test.ts compiles it and runs it against fake globals.
//
// It is served as a separate file (not inline) so the page's CSP can say `script-src 'self'`.

/** Placeholder the headers editor shows until an operator pastes a real token. */
export const TOKEN_PLACEHOLDER = '<paste a token from npm run token>';

/** Shown in the headers editor of a new tab (GraphiQL's `defaultHeaders`). */
export const DEFAULT_HEADERS = JSON.stringify({ Authorization: `Bearer ${TOKEN_PLACEHOLDER}` }, null, 2);

/**
 * Shown in the query editor of a new tab. `__typename` works against any schema, so the first
 * Ctrl+Enter succeeds even before the operator knows the hub's types; the comments tell the next
 * step because nobody in a service hall reads a README.
 */
export const DEFAULT_QUERY = [
  '# 一门受理 hub · GraphiQL (served by the hub itself, works offline)',
  '#',
  '# 1. Run `npm run token` on the hub machine and copy the token.',
  '# 2. Open the Headers tab below and replace',
  `#    ${TOKEN_PLACEHOLDER} with it.`,
  '# 3. Press Ctrl+Enter (or the run button) to send the query.',
  '#',
  '# The Docs button on the left lists every query and mutation.',
  '{',
  '  __typename',
  '}',
  '',
].join('\n');

// JSON.stringify yields valid JS string literals, and `<` is escaped so the text could never close
// a <script> element even if someone later inlines it.
const jsString = (value: string): string => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * Runs after react, react-dom and graphiql's UMD bundles (all `defer`, so in document order).
 * Reads the endpoint from `data-endpoint` on #graphiql so the script itself is static and cacheable.
 */
export const GRAPHIQL_INIT_SCRIPT = `(function () {
  'use strict';
  var TOKEN_PLACEHOLDER = ${jsString(TOKEN_PLACEHOLDER)};
  var DEFAULT_HEADERS = ${jsString(DEFAULT_HEADERS)};
  var DEFAULT_QUERY = ${jsString(DEFAULT_QUERY)};

  var container = document.getElementById('graphiql');
  if (!container) return;
  var endpoint = container.getAttribute('data-endpoint') || '/graphql';

  function fail(message) {
    container.textContent = message;
  }
  if (typeof window.React === 'undefined' || typeof window.ReactDOM === 'undefined' ||
      typeof window.GraphiQL === 'undefined') {
    fail('GraphiQL could not start: one of its scripts did not load. Reload the page; if it persists, check the hub log.');
    return;
  }

  // An untouched headers editor still holds the placeholder: sending it would make the hub reject
  // the request as a malformed token, so such a header is left out and the request goes anonymous.
  function requestHeaders(editorHeaders) {
    var headers = {
      'Content-Type': 'application/json',
      Accept: 'application/graphql-response+json, application/json;q=0.9'
    };
    if (editorHeaders && typeof editorHeaders === 'object') {
      Object.keys(editorHeaders).forEach(function (name) {
        var value = editorHeaders[name];
        if (value === null || value === undefined) return;
        value = String(value);
        if (value.indexOf(TOKEN_PLACEHOLDER) !== -1) return;
        headers[name] = value;
      });
    }
    return headers;
  }

  // GraphiQL passes the parsed headers editor in opts.headers, both for queries and for the schema
  // introspection, so the Authorization header reaches the hub either way.
  function fetcher(graphQLParams, opts) {
    return window.fetch(endpoint, {
      method: 'POST',
      credentials: 'same-origin',
      headers: requestHeaders(opts && opts.headers),
      body: JSON.stringify(graphQLParams)
    }).then(function (response) {
      return response.text().then(function (text) {
        try {
          return JSON.parse(text);
        } catch (e) {
          // A proxy error page or an empty 502 is not JSON: show it instead of a parse error.
          return { errors: [{ message: 'HTTP ' + response.status + ' ' + response.statusText + ': ' + text.slice(0, 500) }] };
        }
      });
    });
  }

  // A browser opening /graphql?query=... (e.g. a link in a ticket) gets the query prefilled.
  var props = {
    fetcher: fetcher,
    defaultQuery: DEFAULT_QUERY,
    defaultHeaders: DEFAULT_HEADERS,
    isHeadersEditorEnabled: true,
    shouldPersistHeaders: true,
    defaultEditorToolsVisibility: 'headers'
  };
  var search = new URLSearchParams(window.location.search);
  if (search.get('query')) props.query = search.get('query');
  if (search.get('variables')) props.variables = search.get('variables');

  var React = window.React;
  var GraphiQL = window.GraphiQL;
  var logo = GraphiQL.Logo ? React.createElement(GraphiQL.Logo, null, '一门受理 hub') : null;
  window.ReactDOM.createRoot(container).render(React.createElement(GraphiQL, props, logo));
})();
`;

/** Page layout; a file rather than inline <style> so the page itself needs no inline anything. */
export const GRAPHIQL_PAGE_CSS = `html, body { height: 100%; margin: 0; overflow: hidden; }
#graphiql { height: 100vh; }
#graphiql > p.loading { font: 14px/1.5 system-ui, sans-serif; margin: 2em; color: #555; }
`;
