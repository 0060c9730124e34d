import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { docsPage } from './docs-page.js';
import { createTestApp, type TestApp } from '../test-support/test-app.js';

interface FakeNode {
  tag: string;
  text?: string;
  textContent: string;
  children: FakeNode[];
  setAttribute(): void;
  appendChild(child: FakeNode): FakeNode;
}

/** Runs the page's script against a minimal DOM and returns every text it rendered. */
async function render(document: unknown): Promise<{ details: number; text: string }> {
  const script = /<script>([\s\S]*)<\/script>/.exec(docsPage())?.[1] ?? '';
  const nodes: FakeNode[] = [];
  const element = (tag: string): FakeNode => {
    const node: FakeNode = {
      tag,
      textContent: '',
      children: [],
      setAttribute: () => undefined,
      appendChild: (child) => (node.children.push(child), child),
    };
    nodes.push(node);
    return node;
  };
  const fakeDocument = {
    getElementById: element,
    createElement: element,
    createTextNode: (text: string) => Object.assign(element('#text'), { text }),
  };
  let rendered: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (rendered = resolve));
  const fakeFetch = () =>
    Promise.resolve({ json: () => Promise.resolve(document).finally(() => setTimeout(rendered, 0)) });
  new Function('document', 'fetch', script)(fakeDocument, fakeFetch);
  await done;
  return {
    details: nodes.filter((n) => n.tag === 'details').length,
    text: nodes.map((n) => `${n.text ?? ''}${n.textContent}`).join('\n'),
  };
}

describe('the docs page', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  it('renders every operation and schema of the served OpenAPI document', async () => {
    const document = (await t.get('/openapi.json', null)).json;
    const operations = Object.values(document.paths as Record<string, object>).reduce(
      (sum, methods) => sum + Object.keys(methods).length,
      0,
    );
    const schemas = Object.keys((document.components as { schemas: object }).schemas).length;
    const { details, text } = await render(document);
    expect(details).toBe(operations + schemas);
    expect(text).toContain('/api/v1/flags/{key}/environments/{env}/ramp');
    expect(text).toContain('percentage: number');
  });
});
