import { useEffect, useState } from 'preact/hooks';
import type { Store } from '../state/chat';

export function useStore<S>(store: Store<S>): S {
  const [state, setState] = useState(store.get());
  useEffect(() => store.subscribe(setState), [store]);
  return state;
}

/** The path part of the URL, kept in sync with history navigation (client-side routes). */
export function usePath(): [string, (path: string) => void] {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const onPop = () => setPath(location.pathname);
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);
  const navigate = (next: string) => {
    if (next !== location.pathname) history.pushState(null, '', next);
    setPath(next);
  };
  return [path, navigate];
}
