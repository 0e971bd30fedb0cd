"use client";
// The classes this browser has hosted, to open again: a running class goes on where it was, an
// ended one shows its podium and exports its CSV. A class hosted elsewhere opens with its code and
// its teacher key (shown on the projector's Session panel).
import { useEffect, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { TopBar } from "../../_components/TopBar";
import { remembered } from "../../_lib/remembered";
import { usePageTitle } from "../../_lib/page-title";

/** /host/classes: your classes, and a class opened by code and teacher key. */
export default function ClassesPage() {
  const router = useRouter();
  const [classes, setClasses] = useState<{ code: string; at: number }[] | null>(null);
  const [code, setCode] = useState("");
  const [key, setKey] = useState("");
  usePageTitle("Your classes");
  useEffect(() => { setClasses(remembered.hostedClasses()); }, []);

  function open(e: React.FormEvent) {
    e.preventDefault();
    const c = code.trim().toUpperCase();
    remembered.saveHost(c, key.trim());
    router.push(`/host?code=${encodeURIComponent(c)}`);
  }

  return (
    <>
      <TopBar />
      <main className="page narrow">
        <h1>Your classes</h1>
        <p className="muted">Classes hosted from this browser. Open one to go on with it, or to see its podium and export its results.</p>
        {classes === null ? <p className="muted">Loading…</p> : classes.length === 0 ? (
          <p className="small muted">No class hosted from this browser yet. <Link href="/host">Host a class</Link>.</p>
        ) : (
          <ul className="class-list" data-testid="class-list">
            {classes.map((c) => (
              <li key={c.code} className="panel row">
                <strong className="code">{c.code}</strong>
                <span className="small muted">{new Date(c.at).toLocaleString()}</span>
                <Link className="button" href={`/host?code=${c.code}`}>Open</Link>
              </li>
            ))}
          </ul>
        )}
        <form className="panel" style={{ display: "grid", gap: 12 }} onSubmit={open} aria-labelledby="by-key">
          <h2 id="by-key" className="panel-title">A class hosted on another device</h2>
          <div className="field">
            <label htmlFor="class-code">Class code</label>
            <input id="class-code" value={code} onChange={(e) => setCode(e.target.value)} maxLength={6} autoCapitalize="characters" autoComplete="off" required pattern="[A-Za-z0-9]{6}" />
          </div>
          <div className="field">
            <label htmlFor="teacher-key">Teacher key</label>
            <input id="teacher-key" value={key} onChange={(e) => setKey(e.target.value)} autoComplete="off" required minLength={16} />
          </div>
          <div><button className="primary" type="submit">Open the class</button></div>
        </form>
      </main>
    </>
  );
}
