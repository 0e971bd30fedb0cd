"use client";
// A landscape's leaderboard: the top 20 and, when the link carries ?me=, the player's own rank.
import { Suspense, use, useEffect, useState } from "react";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import type { LandscapePublic } from "@/lib/protocol/server";
import { fmtLoss } from "@/lib/game/debrief";
import { TopBar } from "../../_components/TopBar";

interface Row { id: string; rank: number; nickname: string; score: number; finalLoss: number | null; steps: number; budget: number; batch: number; createdAt: string }
interface Board { landscape: LandscapePublic; total: number; top: Row[]; me: Row | null }

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
      <td className="num">{r.finalLoss === null ? "diverged" : fmtLoss(r.finalLoss)}</td><td className="num">{r.steps}/{r.budget}</td>
      <td className="small muted">{r.batch === 0 ? "full" : r.batch}</td>
    </tr>
  );
  return (
    <>
      <TopBar />
      <main className="page">
        {error ? <div className="error-banner" role="alert">{error}</div> : null}
        {!board ? (error ? null : <p className="muted">Loading…</p>) : (
          <>
            <h1>Leaderboard: {board.landscape.name}</h1>
            <p className="muted">{board.landscape.lesson} · {board.total} round{board.total === 1 ? "" : "s"} played.</p>
            {board.me ? <div className="notice" data-testid="my-rank">Your round: rank <strong>{board.me.rank}</strong> of {board.total}, score {board.me.score}.</div> : null}
            <div className="panel">
              <table className="board">
                <thead><tr><th className="num">#</th><th>Nickname</th><th className="num">Score</th><th className="num">Final loss</th><th className="num">Steps</th><th>Batch</th></tr></thead>
                <tbody>
                  {board.top.map(row)}
                  {board.me && !mineInTop ? <><tr><td colSpan={6} className="muted">…</td></tr>{row(board.me)}</> : null}
                  {board.top.length === 0 ? <tr><td colSpan={6} className="muted">Nobody has played this landscape yet.</td></tr> : null}
                </tbody>
              </table>
            </div>
            <p className="row" style={{ marginTop: 14 }}><Link className="button primary" href={`/play?landscape=${board.landscape.id}`}>Play {board.landscape.name}</Link></p>
          </>
        )}
      </main>
    </>
  );
}
