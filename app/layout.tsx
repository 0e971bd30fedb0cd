import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import "uplot/dist/uPlot.min.css";
import "./globals.css";
import "./play.css";
import "./projector.css";

/** Every page's title ends with the site's name. */
export const metadata: Metadata = {
  title: { default: "Downhill — you are gradient descent", template: "%s · Downhill" },
  description: "A multiplayer game about how neural networks learn: walk blindfolded down the loss landscape of a real network.",
};

/** Phones get the device's width and the game's dark background colour. */
export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#0b0f17" };

/** The document around every page. */
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request: the server's Content-Security-Policy carries a fresh nonce
  // each time, and Next can only put it on its scripts while rendering (a page prerendered at build
  // time has scripts without it, which the policy blocks). Measured: ~2 ms → ~6 ms a page.
  await connection();
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
