"use client";
// Each screen names itself in the browser's title (and so to screen readers and in the tab list).
import { useEffect } from "react";

/** The site's name, after every page's own title. */
export const SITE = "Downhill";

/** Sets the document's title to "`title` · Downhill" while the component is shown. */
export function usePageTitle(title: string | null): void {
  useEffect(() => {
    if (title) document.title = `${title} · ${SITE}`;
  }, [title]);
}
