// Lesson markdown to HTML (marked), sanitized (DOMPurify) before it goes into the page, and the "run"
// behaviour of its ```sh blocks.
//
// Lesson authors are trusted instructors, but their text still goes into the page as HTML, so two layers:
// 1. marked's renderer decides what the markdown may mean: raw HTML in the markdown is shown as text, never as
//    markup; links only go to http(s), mailto or this server, and open in a new tab (leaving would drop the
//    learner's terminal); images only come from this server (nothing is fetched from elsewhere). Fenced blocks
//    marked sh, shell, bash or console are commands: they get a "run" button, and clicking the block does the
//    same unless the learner is selecting text in it.
// 2. DOMPurify, run by the browser's own HTML parser, keeps only the elements and attributes that renderer
//    produces (ALLOWED_TAGS / ALLOWED_ATTR below) and drops script: and javascript: URLs, so a mistake in
//    layer 1 (or in marked) still cannot put script into the page.
// The unit tests (node, no DOM) check layer 1 through markdownToHtml; the browser test checks the two together.

import { Marked } from 'marked';
import createDOMPurify from 'dompurify';

const COMMAND_LANGUAGES = new Set(['sh', 'shell', 'bash', 'console']);
const SAFE_LINK = /^(https?:|mailto:|\/(?!\/)|#|\.{1,2}\/|[^:/?#]+(?:[/?#]|$))/i;
const SAME_SERVER = /^(\/(?!\/)|\.{1,2}\/|[^:/?#]+(?:[/?#]|$))/i;

/** Everything layer 1 produces, and nothing else (GFM tables and task lists included). */
const ALLOWED_TAGS = ['p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'em', 'del', 'code', 'pre',
  'blockquote', 'ul', 'ol', 'li', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'div', 'span',
  'button', 'input'];
const ALLOWED_ATTR = ['href', 'title', 'target', 'rel', 'class', 'type', 'src', 'alt', 'aria-hidden', 'start',
  'align', 'checked', 'disabled'];

/**
 * Renders `markdown` to sanitized HTML, ready for innerHTML. `labels` gives the run button's words ({run,
 * runTitle}), which follow the page's language. Needs a DOM (the page's): without one it throws rather than
 * answer unsanitized HTML.
 */
export function renderMarkdown(markdown, labels) {
  return purifier().sanitize(markdownToHtml(markdown, labels), {
    ALLOWED_TAGS, ALLOWED_ATTR, ALLOW_DATA_ATTR: false, ALLOW_ARIA_ATTR: false,
  });
}

/** Layer 1 alone: marked with the renderer below, not yet sanitized. For the unit tests; the page uses renderMarkdown. */
export function markdownToHtml(markdown, labels) {
  return markedFor(labels).parse(markdown || '');
}

/**
 * Makes the command blocks under `root` runnable: `run(text)` gets the block's text. One listener on the root
 * (the content is replaced whenever the stage or the language changes); answers a function that removes it.
 */
export function onRunCommand(root, run) {
  const listener = (event) => {
    const block = event.target.closest('.command');
    if (!block || !root.contains(block)) return;
    const fromButton = event.target.closest('button.run');
    // Clicking the code itself runs it too, but not when the click ends a text selection (copying a part).
    if (!fromButton && String(window.getSelection?.() || '').length > 0) return;
    run(block.querySelector('code').textContent);
  };
  root.addEventListener('click', listener);
  return () => root.removeEventListener('click', listener);
}

/**
 * What typing a block means: each line followed by Enter, all in one go (one paste), so a block of two
 * commands runs both. Trailing blank lines are dropped; a block with no command answers ''.
 */
export function keystrokesFor(text) {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
  return lines.length ? lines.map((line) => `${line}\r`).join('') : '';
}

// --- DOMPurify set-up ------------------------------------------------------------------------------------

let dompurify = null;

/** DOMPurify bound to the page's window, made on first use (importing this module needs no DOM). */
function purifier() {
  if (!dompurify) {
    const instance = createDOMPurify(globalThis.window);
    if (!instance.isSupported) {
      throw new Error('markdown: DOMPurify needs a DOM (a browser window) to sanitize lesson HTML; none is here');
    }
    // A link that opens a new tab must not hand the lesson page to it (window.opener), whatever made it.
    instance.addHook('afterSanitizeAttributes', (node) => {
      if (node.tagName === 'A' && node.getAttribute('target')) {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      }
    });
    dompurify = instance;
  }
  return dompurify;
}

// --- marked set-up ------------------------------------------------------------------------------------------

let cached = { key: null, marked: null };

function markedFor(labels) {
  const key = `${labels.run}\u0000${labels.runTitle}`;
  if (cached.key !== key) {
    cached = { key, marked: createMarked(labels) };
  }
  return cached.marked;
}

function createMarked(labels) {
  return new Marked({
    gfm: true,
    renderer: {
      // Raw HTML, block or inline: shown as the text the author typed.
      html({ text }) {
        return escapeHtml(text);
      },
      code({ text, lang }) {
        const language = (lang || '').trim().split(/\s+/)[0].toLowerCase();
        const code = `<pre><code${language ? ` class="language-${escapeHtml(language)}"` : ''}>${escapeHtml(text)}</code></pre>`;
        if (!COMMAND_LANGUAGES.has(language)) return code;
        return `<div class="command">${code}<button type="button" class="run" title="${escapeHtml(labels.runTitle)}">`
          + `<span aria-hidden="true">▶</span> ${escapeHtml(labels.run)}</button></div>`;
      },
      // The stage title is a heading of level 3 on the page; the author's headings go below it.
      heading({ tokens, depth }) {
        const level = Math.min(6, depth + 3);
        return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>`;
      },
      link({ href, title, tokens }) {
        const text = this.parser.parseInline(tokens);
        if (!SAFE_LINK.test(href)) return text;
        const external = !SAME_SERVER.test(href) && !href.startsWith('#');
        return `<a href="${escapeHtml(href)}"${title ? ` title="${escapeHtml(title)}"` : ''}`
          + `${external ? ' target="_blank" rel="noopener noreferrer"' : ''}>${text}</a>`;
      },
      image({ href, title, text }) {
        if (!SAME_SERVER.test(href)) return escapeHtml(text);
        return `<img src="${escapeHtml(href)}" alt="${escapeHtml(text)}"${title ? ` title="${escapeHtml(title)}"` : ''}>`;
      },
    },
  });
}

function escapeHtml(text) {
  return String(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
