"use client";
// The round's teams: on the projector (who is in which team, in its colour), in a member's walk
// (your team and who has proposed in the open tick) and at the reveal (how much averaging cut the noise).
import { useEffect, useState } from "react";
import type { RevealedTeam, ServerMsgOf, TeamPublic } from "@/lib/protocol/server";
import { noiseLine } from "../_lib/team-paths";

/** Every team of the round, with its members; after the reveal, each team's noise. */
export function TeamList({ teams, revealed, name = (_id, nick) => nick, me = null }: {
  teams: readonly TeamPublic[];
  revealed?: readonly RevealedTeam[];
  name?: (playerId: string, nickname: string) => string;
  me?: string | null;
}) {
  return (
    <section className="panel teams" data-testid="teams" aria-labelledby="teams-title">
      <h2 id="teams-title" className="panel-title">Teams: each moves by the mean of its members&apos; steps</h2>
      <ul className="team-list">
        {teams.map((t) => {
          const r = revealed?.find((x) => x.id === t.id);
          return (
            <li key={t.id} data-testid={`team-${t.id}`}>
              <span className="team-dot" style={{ background: t.color }} aria-hidden /> <strong>{t.name}</strong>{" "}
              <span className="small">{t.members.map((m) => (me !== null && m.playerId === me ? "you" : m.playerId ? name(m.playerId, m.nickname) : m.nickname)).join(", ")}</span>
              {r ? <div className="small muted" data-testid="team-noise">{noiseLine(r)}</div> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** A member's team during the walk: who has proposed in the open tick, and when it closes. */
export function TeamTick({ team, tick, me, pending, skew }: { team: TeamPublic; tick: ServerMsgOf<"team"> | null; me: string | null; pending: boolean; skew: number }) {
  const open = tick && tick.teamId === team.id ? tick : null;
  // The seconds left in the open tick, counted down on this page's clock (skew: server − page, ms).
  const [now, setNow] = useState(() => Date.now() + skew);
  useEffect(() => {
    if (!open?.closesAt) return;
    const h = setInterval(() => setNow(Date.now() + skew), 500);
    return () => clearInterval(h);
  }, [open?.closesAt, skew]);
  const proposed = new Set(open?.proposed ?? []);
  const people = team.members.filter((m) => m.playerId !== null);
  const mates = team.members.length - people.length;
  const left = open?.closesAt ? Math.max(0, Math.ceil((open.closesAt - now) / 1000)) : null;
  return (
    <section className="panel team-tick" data-testid="team-tick" aria-live="polite" style={{ borderLeftColor: team.color }}>
      <div>
        <span className="team-dot" style={{ background: team.color }} aria-hidden /> <strong>Team {team.name}</strong>{" "}
        <span className="small muted">moves by the mean of its members&apos; steps, each felt on their own minibatch</span>
      </div>
      <ul className="team-members small">
        {people.map((m) => (
          <li key={m.key} data-proposed={proposed.has(m.key) ? "yes" : "no"}>{proposed.has(m.key) ? "✓" : "…"} {me !== null && m.playerId === me ? "you" : m.nickname}</li>
        ))}
        {mates ? <li>+ {mates} ghost teammate{mates === 1 ? "" : "s"} (each follows its own minibatch at your step size)</li> : null}
      </ul>
      {pending ? (
        <p className="small" data-testid="team-waiting">
          You proposed your step. {people.length > 1 ? `Waiting for ${people.length - proposed.size} teammate${people.length - proposed.size === 1 ? "" : "s"}${left !== null ? ` (at most ${left} s)` : ""}…` : "The team moves…"}
        </p>
      ) : null}
    </section>
  );
}
