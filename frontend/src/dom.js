// A tiny element builder for the views: h('li', {class: 'x', title: '...'}, 'text', child, ...). Text always
// goes in as text nodes, never as HTML, so what the server or the learner wrote (a hostname, a check message)
// cannot become markup.

/** An element with attributes (null, undefined and false are left out; true sets an empty one) and children. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else {
      element.setAttribute(name === 'className' ? 'class' : name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

/** Replaces the children of `element` with `children` (strings, nodes, arrays of them; null is skipped). */
export function replaceChildren(element, ...children) {
  element.replaceChildren();
  append(element, children);
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}
