import type { Metadata, Viewport } from "next";
import "uplot/dist/uPlot.min.css";
import "./globals.css";

export const metadata: Metadata = {
  title: "Downhill — you are gradient descent",
  description: "A multiplayer game about how neural networks learn: walk blindfolded down the loss landscape of a real network.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#0b0f17" };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
