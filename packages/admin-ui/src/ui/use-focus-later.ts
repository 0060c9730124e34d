import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * A place to put focus once the screen has changed: when the control that had it goes away
 * (a plan aborted, a row revoked) and a modal dialog was open, focusing at once would fail,
 * since the page outside a modal cannot take focus. `focusLater()` focuses after the render.
 *
 * @example
 * const heading = useFocusLater<HTMLHeadingElement>();
 * <h3 ref={heading.ref} tabIndex={-1}>…</h3>; revoke.mutate(id, { onSuccess: heading.focusLater });
 */
export function useFocusLater<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [requests, setRequests] = useState(0);
  useEffect(() => {
    if (requests > 0) ref.current?.focus();
  }, [requests]);
  const focusLater = useCallback(() => setRequests((count) => count + 1), []);
  return { ref, focusLater };
}
