import { highlightParts } from '../state/highlight';

/**
 * A search `highlight` as text nodes, with `<mark>` elements only where the server put its
 * exact `<mark>` tokens. Nothing of the string is ever parsed as HTML.
 */
export function Highlight({ highlight, id }: { highlight: string; id?: string }) {
  return (
    <span class="highlight" id={id}>
      {highlightParts(highlight).map((part, i) => (part.mark ? <mark key={i}>{part.text}</mark> : part.text))}
    </span>
  );
}
