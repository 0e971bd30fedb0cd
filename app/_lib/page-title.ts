"use client";
// Each screen names itself in the browser's title (and so to screen readers and in the tab list).
import { useEffect } from "react";

/** The site's name, after every page's own title. */
export const SITE = "Downhill";

/**
 * Sets the document's title to "`title` · Downhill" while the component is shown, and keeps it:
 * a client-side navigation (the host page puts its class code in the address) makes Next write
 * the route's own title again afterwards.
 */
export function usePageTitle(title: string | null): void {
  useEffect(() => {
    if (!title) return;
    const want = `${title} · ${SITE}`;
    const apply = () => { if (document.title !== want) document.title = want; };
    apply();
    const watch = new MutationObserver(apply);
    watch.observe(document.head, { subtree: true, childList: true, characterData: true });
    return () => watch.disconnect();
  }, [title]);
}
