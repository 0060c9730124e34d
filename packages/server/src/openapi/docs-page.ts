import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../auth/principal.js';

const getDocsPage = createRoute({
  method: 'get',
  path: '/docs',
  operationId: 'getDocsPage',
  tags: ['documentation'],
  summary: 'A readable page of this document, self-contained (no external fetch)',
  security: [],
  responses: { 200: { description: 'the page', content: { 'text/html': { schema: z.string() } } } },
});

/**
 * Serves `/docs`, the page that `docsPage` makes.
 *
 * @example
 * registerDocsPage(app);
 */
export function registerDocsPage(app: OpenAPIHono<AppEnv>): void {
  app.openapi(getDocsPage, (c) => c.html(docsPage()));
}

/**
 * The `/docs` page: self-contained HTML (no CDN, no external fetch) that loads `/openapi.json`
 * from the same server and renders every operation and schema. Text is inserted with
 * `textContent` only, so nothing in the document can inject markup.
 *
 * @example
 * const html = docsPage();
 */
export function docsPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rampart API</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; margin: 0; color: #1d2330; background: #f7f8fa; }
  header, main { max-width: 960px; margin: 0 auto; padding: 16px 24px; }
  header h1 { margin: 8px 0 0; } header p { margin: 4px 0; color: #555; }
  h2 { border-bottom: 1px solid #d9dde5; padding-bottom: 4px; margin-top: 32px; text-transform: capitalize; }
  details { background: #fff; border: 1px solid #d9dde5; border-radius: 6px; margin: 8px 0; }
  summary { cursor: pointer; padding: 8px 12px; display: flex; gap: 12px; align-items: baseline; }
  .method { font: bold 12px monospace; text-transform: uppercase; padding: 2px 6px; border-radius: 4px; color: #fff; min-width: 52px; text-align: center; }
  .get { background: #2f6fdf; } .post { background: #1f9d55; } .put { background: #c77d00; } .patch { background: #8a4fd3; } .delete { background: #d23b3b; }
  .path { font-family: monospace; } .summary { color: #555; }
  .body { padding: 0 16px 12px; } h4 { margin: 12px 0 4px; }
  pre { background: #f0f2f6; padding: 8px; border-radius: 4px; overflow-x: auto; font-size: 13px; margin: 4px 0; }
  table { border-collapse: collapse; } td { padding: 2px 12px 2px 0; vertical-align: top; }
  code { font-size: 13px; } .muted { color: #777; }
</style>
</head>
<body>
<header><h1>Rampart API</h1><p id="about">Loading /openapi.json…</p></header>
<main id="content"></main>
<script>
(function () {
  var content = document.getElementById('content');
  var about = document.getElementById('about');
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return node;
  }
  function refName(ref) { return ref.split('/').pop(); }
  function describe(schema, doc, depth, seen) {
    if (!schema) return 'any';
    if (schema.$ref) {
      var name = refName(schema.$ref);
      if (depth > 3 || seen.indexOf(name) >= 0) return name;
      return describe(doc.components.schemas[name], doc, depth, seen.concat([name]));
    }
    var pad = new Array(depth + 1).join('  ');
    if (schema.anyOf || schema.oneOf) return (schema.anyOf || schema.oneOf).map(function (s) { return describe(s, doc, depth, seen); }).join(' | ');
    if (schema.enum) return schema.enum.map(function (v) { return JSON.stringify(v); }).join(' | ');
    var type = Array.isArray(schema.type) ? schema.type.join(' | ') : schema.type;
    if (type === 'array') return describe(schema.items, doc, depth, seen) + '[]';
    if (type === 'object' || schema.properties) {
      var required = schema.required || [];
      var props = schema.properties || {};
      var lines = Object.keys(props).map(function (key) {
        var p = props[key];
        var note = p.description ? '  // ' + p.description : '';
        return pad + '  ' + key + (required.indexOf(key) >= 0 ? '' : '?') + ': ' + describe(p, doc, depth + 1, seen) + note;
      });
      if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
        lines.push(pad + '  [key: string]: ' + describe(schema.additionalProperties, doc, depth + 1, seen));
      }
      return lines.length ? '{\\n' + lines.join('\\n') + '\\n' + pad + '}' : '{}';
    }
    return type || (schema.description ? 'any (' + schema.description + ')' : 'any');
  }
  function schemaBlock(title, schema, doc) {
    return [el('h4', {}, [title]), el('pre', {}, [describe(schema, doc, 0, [])])];
  }
  function operation(method, path, op, doc) {
    var body = el('div', { class: 'body' });
    if (op.description) body.appendChild(el('p', {}, [op.description]));
    var params = op.parameters || [];
    if (params.length) {
      var rows = params.map(function (p) {
        return el('tr', {}, [el('td', {}, [el('code', {}, [p.name])]), el('td', { class: 'muted' }, [p.in + (p.required ? ', required' : '')]),
          el('td', {}, [describe(p.schema, doc, 0, []) + (p.description ? ' — ' + p.description : '')])]);
      });
      body.appendChild(el('h4', {}, ['Parameters']));
      body.appendChild(el('table', {}, rows));
    }
    var request = op.requestBody && op.requestBody.content && op.requestBody.content['application/json'];
    if (request) schemaBlock('Request body' + (op.requestBody.required ? '' : ' (optional)'), request.schema, doc).forEach(function (n) { body.appendChild(n); });
    Object.keys(op.responses || {}).forEach(function (status) {
      var response = op.responses[status];
      var json = response.content && response.content['application/json'];
      var title = status + ' ' + (response.description || '');
      if (json && status < 400) schemaBlock(title, json.schema, doc).forEach(function (n) { body.appendChild(n); });
      else body.appendChild(el('p', {}, [el('code', {}, [status]), ' ' + (response.description || '')]));
    });
    var summary = el('summary', {}, [el('span', { class: 'method ' + method }, [method]), el('span', { class: 'path' }, [path]), el('span', { class: 'summary' }, [op.summary || ''])]);
    return el('details', {}, [summary, body]);
  }
  function render(doc) {
    about.textContent = (doc.info.description || '') + ' Version ' + doc.info.version + '. The raw document is at /openapi.json.';
    var groups = {};
    Object.keys(doc.paths).forEach(function (path) {
      Object.keys(doc.paths[path]).forEach(function (method) {
        var op = doc.paths[path][method];
        var tag = (op.tags && op.tags[0]) || 'other';
        (groups[tag] = groups[tag] || []).push(operation(method, path, op, doc));
      });
    });
    Object.keys(groups).forEach(function (tag) {
      content.appendChild(el('h2', {}, [tag]));
      groups[tag].forEach(function (node) { content.appendChild(node); });
    });
    content.appendChild(el('h2', {}, ['schemas']));
    Object.keys((doc.components && doc.components.schemas) || {}).sort().forEach(function (name) {
      var block = el('div', { class: 'body' }, [el('pre', {}, [describe(doc.components.schemas[name], doc, 0, [name])])]);
      content.appendChild(el('details', { id: 'schema-' + name }, [el('summary', {}, [el('span', { class: 'path' }, [name])]), block]));
    });
  }
  fetch('/openapi.json').then(function (r) { return r.json(); }).then(render, function (e) { about.textContent = 'Could not load /openapi.json: ' + e; });
})();
</script>
</body>
</html>
`;
}
