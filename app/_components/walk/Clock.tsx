"use client";
// Time in a round, on the server's clock: the countdown before "go" and the time left.
import { useEffect, useState } from "react";

/** "Get ready… 3, 2, 1" until the server's start time (corrected for the clock difference). */
export function Countdown({ startsAt, serverNow }: { startsAt: number | null; serverNow: number }) {
  const now = useServerClock(serverNow, 200);
  const left = startsAt === null ? 0 : Math.max(0, Math.ceil((startsAt - now) / 1000));
  return <div className="notice" data-testid="countdown" role="status">Get ready… {left > 0 ? left : "go!"}</div>;
}

/** Minutes and seconds until the server's end of the round. */
export function Clock({ endsAt, serverNow }: { endsAt: number; serverNow: number }) {
  const now = useServerClock(serverNow, 500);
  const left = Math.max(0, Math.ceil((endsAt - now) / 1000));
  return <span data-testid="clock" className={left <= 10 ? "clock-low" : undefined}>{Math.floor(left / 60)}:{String(left % 60).padStart(2, "0")}</span>;
}

/**
 * The server's time now, re-read every `everyMs`: the local clock corrected by the difference
 * between it and `serverNow` (the server's time in the view) when the component appeared.
 */
function useServerClock(serverNow: number, everyMs: number): number {
  const [offset] = useState(() => serverNow - Date.now());
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now + offset;
}
