import type { Metadata } from "next";

export const metadata: Metadata = { title: "Play solo" };

/** The page's own title before its screens name themselves (usePageTitle). */
export default function Layout({ children }: { children: React.ReactNode }) {
  return children;
}
