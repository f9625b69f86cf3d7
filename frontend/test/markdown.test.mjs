// Lesson markdown becomes safe HTML, and ```sh blocks become runnable commands: node --test frontend/test
// These test layer 1 (marked's renderer, no DOM needed); DOMPurify's layer runs in the browser and
// frontend/e2e/lesson-zh.e2e.mjs tests both layers together there.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { keystrokesFor, markdownToHtml as renderMarkdown, renderMarkdown as sanitized } from '../src/markdown.js';

const LABELS = { run: 'Run', runTitle: 'Type this into the terminal' };

test('sh blocks get a run button; other blocks do not', () => {
  const html = renderMarkdown('```sh\nunshare --uts bash\n```\n\n```yaml\nid: x\n```', LABELS);
  assert.equal((html.match(/class="command"/g) || []).length, 1);
  assert.match(html, /<button type="button" class="run" title="Type this into the terminal">/);
  assert.match(html, /unshare --uts bash/);
});

test('raw HTML is shown as text, never as markup', () => {
  const html = renderMarkdown('hello <script>alert(1)</script> <img src=x onerror=alert(1)>', LABELS);
  assert.doesNotMatch(html, /<script|<img/);
  assert.match(html, /&lt;script&gt;/);
});

test('code is escaped', () => {
  assert.match(renderMarkdown('```sh\necho "<b>" > /tmp/x\n```', LABELS), /echo &quot;&lt;b&gt;&quot; &gt; \/tmp\/x/);
});

test('javascript: links lose their link; external links open in a new tab', () => {
  assert.doesNotMatch(renderMarkdown('[x](javascript:alert(1))', LABELS), /href/);
  assert.match(renderMarkdown('[man](https://man7.org/)', LABELS), /target="_blank" rel="noopener noreferrer"/);
  assert.doesNotMatch(renderMarkdown('[api](/api/lessons)', LABELS), /target=/);
});

test('images only come from this server', () => {
  assert.doesNotMatch(renderMarkdown('![t](https://example.com/t.png)', LABELS), /<img/);
  assert.match(renderMarkdown('![t](/assets/t.png)', LABELS), /<img src="\/assets\/t.png"/);
});

test('author headings sit below the stage title', () => {
  assert.match(renderMarkdown('# Why', LABELS), /<h4>Why<\/h4>/);
});

test('a block is typed line by line, each with Enter, without trailing blank lines', () => {
  assert.equal(keystrokesFor('hostname box1\r\nhostname\n\n'), 'hostname box1\rhostname\r');
  assert.equal(keystrokesFor('\n'), '');
});

test('without a DOM the page renderer refuses rather than answer unsanitized HTML', () => {
  assert.throws(() => sanitized('hello', LABELS), /DOMPurify needs a DOM/);
});
