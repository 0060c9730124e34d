import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * After a refused submit, focus goes to the form's first field marked invalid, once it shows
 * its message: the keyboard lands where the correction is, not on the page (a submit button
 * disabled while the request ran has lost the focus by then).
 *
 * @example
 * const invalid = useFocusInvalid();
 * <form ref={invalid.formRef}>…</form>; create.mutate(body, { onError: invalid.focusLater });
 */
export function useFocusInvalid() {
  const formRef = useRef<HTMLFormElement>(null);
  const [refusals, setRefusals] = useState(0);
  useEffect(() => {
    if (refusals > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [refusals]);
  const focusLater = useCallback(() => setRefusals((count) => count + 1), []);
  return { formRef, focusLater };
}
