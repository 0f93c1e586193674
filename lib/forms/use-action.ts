// client-safe: client components use it; no server imports, so no server imports (scripts/check-layers.ts).
"use client";

import { useCallback, useRef, useState } from "react";
import { errorText, fieldError } from "@/lib/swr/fetcher";

/**
 * One mutation's state: `pending` while it runs, the error it threw (an ApiRequestError names the
 * field the server blamed) and `failure`, the message for a whole-form notice. Every button that
 * calls the API goes through this instead of its own busy/error state.
 */
export function useAction<A extends unknown[], R>(action: (...args: A) => Promise<R>) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const latest = useRef(action);
  latest.current = action;

  const run = useCallback(async (...args: A): Promise<R | undefined> => {
    setPending(true);
    setError(null);
    try {
      return await latest.current(...args);
    } catch (thrown) {
      setError(thrown);
      return undefined;
    } finally {
      setPending(false);
    }
  }, []);

  return {
    run,
    pending,
    error,
    setError,
    /** The message to show, or null when the last run succeeded. */
    failure: error ? errorText(error) : null,
    /** The server's reason for `field`, when it blamed that field. */
    fieldError: (field: string) => fieldError(error, field),
  };
}
