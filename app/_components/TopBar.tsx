import Link from "next/link";

export function TopBar({ right }: { right?: React.ReactNode }) {
  return (
    <header className="topbar">
      <Link href="/" className="brand">Down<span>hill</span></Link>
      <nav className="row small">{right ?? <><Link href="/play">Play solo</Link><Link href="/join">Join</Link><Link href="/race">Race</Link><Link href="/host">Host a class</Link></>}</nav>
    </header>
  );
}
