import type { Metadata } from "next";

/** The page's title before a screen names itself. */
export const metadata: Metadata = { title: "Homework" };

/** The page's own title before its screens name themselves (usePageTitle). */
export default function Layout({ children }: { children: React.ReactNode }) {
  return children;
}
