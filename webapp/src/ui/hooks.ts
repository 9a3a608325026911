import { useEffect, useState } from 'preact/hooks';
import type { Store } from '../state/chat';

export function useStore<S>(store: Store<S>): S {
  const [state, setState] = useState(store.get());
  useEffect(() => store.subscribe(setState), [store]);
  return state;
}

/** The path and query of the URL, kept in sync with history navigation (client-side routes). */
export function usePath(): [string, (path: string, options?: { replace?: boolean }) => void] {
  const current = () => location.pathname + location.search;
  const [path, setPath] = useState(current());
  useEffect(() => {
    const onPop = () => setPath(current());
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);
  // `replace` keeps a used address (such as the reset link with its token) out of the history.
  const navigate = (next: string, options: { replace?: boolean } = {}) => {
    if (options.replace) history.replaceState(null, '', next);
    else if (next !== current()) history.pushState(null, '', next);
    setPath(next);
  };
  return [path, navigate];
}
