import type { Metadata } from "next";
import { CATALOG } from "@/lib/landscape/catalog";

/** "Leaderboard: The Bowl", named from the catalog. */
export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  const name = CATALOG.find((r) => r.id === id)?.name;
  return { title: name ? `Leaderboard: ${name}` : "Leaderboard" };
}

/** The leaderboard page's title. */
export default function Layout({ children }: { children: React.ReactNode }) {
  return children;
}
