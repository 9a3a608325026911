import { describe, expect, it } from 'vitest';
import { decodeEntities, highlightParts } from './highlight';

describe('highlightParts', () => {
  it('marks exactly what the server wrapped in <mark>', () => {
    expect(highlightParts('the <mark>quick</mark> fox <mark>jumps</mark>')).toEqual([
      { text: 'the ', mark: false },
      { text: 'quick', mark: true },
      { text: ' fox ', mark: false },
      { text: 'jumps', mark: true },
    ]);
  });

  it('keeps an escaped <script> as the text the user wrote', () => {
    expect(highlightParts('&lt;script&gt;alert(1)&lt;/script&gt; <mark>hello</mark>')).toEqual([
      { text: '<script>alert(1)</script> ', mark: false },
      { text: 'hello', mark: true },
    ]);
  });

  it('keeps a tag the server failed to escape as text, never markup', () => {
    const parts = highlightParts('<img src=x onerror=alert(1)><mark>cat</mark><script>alert(2)</script>');
    expect(parts).toEqual([
      { text: '<img src=x onerror=alert(1)>', mark: false },
      { text: 'cat', mark: true },
      { text: '<script>alert(2)</script>', mark: false },
    ]);
  });

  it('treats an escaped <mark> in the body as text, and only the exact tokens as marks', () => {
    expect(highlightParts('&lt;mark&gt;x&lt;/mark&gt; <MARK>y</MARK> <mark class="a">z')).toEqual([
      { text: '<mark>x</mark> <MARK>y</MARK> <mark class="a">z', mark: false },
    ]);
  });

  it('drops a stray closing token and a nested opening one, and runs an unclosed mark to the end', () => {
    expect(highlightParts('a</mark>b')).toEqual([{ text: 'ab', mark: false }]);
    expect(highlightParts('<mark>a<mark>b</mark>c')).toEqual([{ text: 'ab', mark: true }, { text: 'c', mark: false }]);
    expect(highlightParts('x<mark>y')).toEqual([{ text: 'x', mark: false }, { text: 'y', mark: true }]);
  });

  it('gives nothing for an empty highlight', () => {
    expect(highlightParts('')).toEqual([]);
    expect(highlightParts('<mark></mark>')).toEqual([]);
  });
});

describe('decodeEntities', () => {
  it('decodes the entities an HTML escaper writes', () => {
    expect(decodeEntities('&amp;lt; &lt;&gt;&quot;&#39;&#x27;&#34;&apos;')).toBe('&lt; <>"\'\'"\'');
  });

  it('leaves unknown or invalid entities as they are', () => {
    expect(decodeEntities('&bogus; &#0; &#xD800; &#99999999; & alone')).toBe('&bogus; &#0; &#xD800; &#99999999; & alone');
  });

  it('decodes astral code points', () => {
    expect(decodeEntities('&#128077;&#x1F44D;')).toBe('👍👍');
  });
});
