/** One run of a search highlight: plain text, or text the server marked as a match. */
export interface HighlightPart {
  text: string;
  mark: boolean;
}

const OPEN = '<mark>';
const CLOSE = '</mark>';

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/**
 * Turns the server's escaped entities back into the characters they stand for, so a text node
 * shows `<b>` where the body said `<b>`. The result is only ever rendered as text, never parsed
 * as HTML; an entity it does not know stays as it was.
 */
export function decodeEntities(text: string): string {
  return text.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,6});/g, (entity, name: string) => {
    if (name[0] !== '#') return NAMED[name] ?? entity;
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : entity;
  });
}

/**
 * Splits a `highlight` of `GET /api/search/messages` on the exact `<mark>` and `</mark>` tokens
 * the server wraps matches in; everything else (including any other tag, had the server failed
 * to escape it) stays text. A stray closing token is dropped; an unclosed mark runs to the end.
 */
export function highlightParts(highlight: string): HighlightPart[] {
  const parts: HighlightPart[] = [];
  let inMark = false;
  let rest = highlight;
  const push = (raw: string) => {
    if (raw.length === 0) return;
    const text = decodeEntities(raw);
    const last = parts[parts.length - 1];
    if (last && last.mark === inMark) last.text += text;
    else parts.push({ text, mark: inMark });
  };
  while (rest.length > 0) {
    const token = inMark ? CLOSE : OPEN;
    const other = inMark ? OPEN : CLOSE;
    const at = rest.indexOf(token);
    const strayAt = rest.indexOf(other);
    if (strayAt >= 0 && (at < 0 || strayAt < at)) {
      // A nested open or a stray close: not markup we make, and not text the user wrote.
      push(rest.slice(0, strayAt));
      rest = rest.slice(strayAt + other.length);
      continue;
    }
    if (at < 0) {
      push(rest);
      break;
    }
    push(rest.slice(0, at));
    rest = rest.slice(at + token.length);
    inMark = !inMark;
  }
  return parts;
}
