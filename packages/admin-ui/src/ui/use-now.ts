import { useEffect, useState } from 'react';

/**
 * The time, renewed every `everyMs`, for text such as "due in 4 minutes" that ages while the
 * data stays the same. It reads the clock only; nothing is fetched.
 */
export function useNow(everyMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
