import { describe, expect, it } from 'vitest';
import type { VNode } from 'preact';
import { Highlight } from './Highlight';

/** Every element of a rendered tree (type and props), and its text in order. */
function walk(node: unknown, elements: { type: unknown; props: Record<string, unknown> }[], text: string[]): void {
  if (node === null || node === undefined || typeof node === 'boolean') return;
  if (typeof node === 'string' || typeof node === 'number') {
    text.push(String(node));
    return;
  }
  if (Array.isArray(node)) {
    for (const child of node) walk(child, elements, text);
    return;
  }
  const vnode = node as VNode<Record<string, unknown>>;
  elements.push({ type: vnode.type, props: vnode.props });
  walk(vnode.props.children, elements, text);
}

function render(highlight: string) {
  const elements: { type: unknown; props: Record<string, unknown> }[] = [];
  const text: string[] = [];
  walk(Highlight({ highlight }), elements, text);
  return { elements, text: text.join(''), marks: elements.filter((e) => e.type === 'mark').map((e) => e.props.children) };
}

describe('Highlight', () => {
  it('renders only span and mark elements, never raw HTML', () => {
    const { elements } = render('&lt;b&gt;x&lt;/b&gt; <mark>x</mark>');
    expect(elements.map((e) => e.type)).toEqual(['span', 'mark']);
    for (const element of elements) expect(element.props).not.toHaveProperty('dangerouslySetInnerHTML');
  });

  it('shows an escaped <script> as text', () => {
    const { elements, text, marks } = render('&lt;script&gt;alert(1)&lt;/script&gt; said <mark>hello</mark>');
    expect(elements.map((e) => e.type)).toEqual(['span', 'mark']);
    expect(text).toBe('<script>alert(1)</script> said hello');
    expect(marks).toEqual(['hello']);
  });

  it('shows an <img onerror> that reached it unescaped as text, not an element', () => {
    const { elements, text } = render('<img src=x onerror=alert(1)> <mark>cat</mark> <script>alert(2)</script>');
    expect(elements.map((e) => e.type)).toEqual(['span', 'mark']);
    expect(text).toBe('<img src=x onerror=alert(1)> cat <script>alert(2)</script>');
  });

  it('keeps a marked <script> as text inside the mark', () => {
    const { elements, marks } = render('<mark>&lt;script&gt;</mark>');
    expect(elements.map((e) => e.type)).toEqual(['span', 'mark']);
    expect(marks).toEqual(['<script>']);
  });
});
