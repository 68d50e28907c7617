import { useCallback, useRef, useState } from 'react';

/**
 * State whose latest value key handlers can read at once. Ink calls an input handler from the last
 * committed render; keys typed faster than React renders would otherwise see a stale value.
 */
export function useRefState<T>(initial: T): [T, (next: T | ((prev: T) => T)) => void, { readonly current: T }] {
  const [value, setValue] = useState(initial);
  const ref = useRef(initial);
  const set = useCallback((next: T | ((prev: T) => T)) => {
    const v = typeof next === 'function' ? (next as (prev: T) => T)(ref.current) : next;
    ref.current = v;
    setValue(v);
  }, []);
  return [value, set, ref];
}
