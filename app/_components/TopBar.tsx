import Link from "next/link";

/** The site's header: the name (home) and the main links, or, inside a game, what the game is. */
export function TopBar({ right }: { right?: React.ReactNode }) {
  return (
    <header className="topbar">
      <Link href="/" className="brand" aria-label="Downhill, home">Down<span>hill</span></Link>
      {right ? <div className="topbar-right">{right}</div> : (
        <nav aria-label="Main" className="topbar-nav small">
          <Link href="/play">Play solo</Link><Link href="/join">Join</Link><Link href="/race">Race</Link><Link href="/host">Host a class</Link>
        </nav>
      )}
    </header>
  );
}
