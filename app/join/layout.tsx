import type { Metadata } from "next";

export const metadata: Metadata = { title: "Join a class or a race" };

/** The page's own title before its screens name themselves (usePageTitle). */
export default function Layout({ children }: { children: React.ReactNode }) {
  return children;
}
