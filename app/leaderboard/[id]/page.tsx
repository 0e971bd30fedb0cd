"use client";
// A landscape's leaderboard: ranked rounds only, one best per player, the top 20 and, when the link
// carries ?me=, the player's own entry.
import { Suspense, use, useEffect, useState } from "react";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import type { LandscapePublic } from "@/lib/protocol/server";
import { fmtLoss } from "@/lib/game/debrief";
import { TopBar } from "../../_components/TopBar";

interface Row { id: string; rank: number; nickname: string; score: number; finalLoss: number | null; steps: number; budget: number; batch: number; createdAt: string }
interface Board { landscape: LandscapePublic; total: number; top: Row[]; me: Row | null }

/** /leaderboard/ID: a landscape's ranked best scores. */
export default function LeaderboardPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = use(params);
  return <Suspense><Leaderboard id={id} /></Suspense>;
}

function Leaderboard({ id }: { id: string }) {
  const me = useSearchParams().get("me");
  const [board, setBoard] = useState<Board | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    fetch(`/api/leaderboard/${encodeURIComponent(id)}${me ? `?me=${encodeURIComponent(me)}` : ""}`)
      .then(async (r) => { const b = await r.json(); if (!r.ok) throw new Error(b.message ?? `HTTP ${r.status}`); return b as Board; })
      .then(setBoard)
      .catch((e: Error) => setError(e.message));
  }, [id, me]);
  const mineInTop = board?.me && board.top.some((r) => r.id === board.me!.id);
  const row = (r: Row) => (
    <tr key={r.id} className={r.id === me ? "me" : undefined} data-testid={r.id === me ? "my-row" : undefined}>
      <td className="num">{r.rank}</td><td>{r.nickname}{r.id === me ? " (you)" : ""}</td><td className="num">{r.score}</td>
      <td className="num">{r.finalLoss === null ? "—" : fmtLoss(r.finalLoss)}</td><td className="num">{r.steps}</td>
    </tr>
  );
  return (
    <>
      <TopBar />
      <main className="page">
        {error ? <div className="error-banner" role="alert">{error}</div> : null}
        {!board ? (error ? <h1>Leaderboard</h1> : <><h1>Leaderboard</h1><p className="muted" role="status">Loading…</p></>) : (
          <>
            <div className="row" style={{ justifyContent: "space-between" }}>
              <h1>Leaderboard: {board.landscape.name}</h1>
              <Link className="button primary" href={`/play?landscape=${board.landscape.id}`}>Play {board.landscape.name}</Link>
            </div>
            <p className="muted">{board.landscape.lesson}</p>
            <p className="small muted">Ranked rounds only, on the landscape&apos;s own rules ({board.landscape.defaultBudget} steps, the true slope, a start and a map turned by the server). Each player&apos;s best counts once: {board.total} player{board.total === 1 ? "" : "s"} so far. Ties go to fewer steps, then to whoever got there first.</p>
            {board.me ? <div className="notice" data-testid="my-rank">Your best: rank <strong>{board.me.rank}</strong> of {board.total}, score {board.me.score}.</div> : null}
            <div className="panel">
              <table className="board">
                <thead><tr><th className="num">#</th><th>Nickname</th><th className="num">Score</th><th className="num">Final loss</th><th className="num">Steps</th></tr></thead>
                <tbody>
                  {board.top.map(row)}
                  {board.me && !mineInTop ? <><tr><td colSpan={5} className="muted">…</td></tr>{row(board.me)}</> : null}
                  {board.top.length === 0 ? <tr><td colSpan={5} className="muted">Nobody has played this landscape yet.</td></tr> : null}
                </tbody>
              </table>
            </div>
          </>
        )}
      </main>
    </>
  );
}
