// A race's own result at its reveal: who won and how (first into the valley, or the lowest at the
// end), your place among the racers, and every racer's place.
import { fmtLoss } from "@/lib/game/debrief";
import type { ServerMsgOf } from "@/lib/protocol/server";
import { ordinal, racePlacings } from "../../_lib/race-placing";
import { TrophyIcon } from "../icons";

type RevealMsg = ServerMsgOf<"reveal">;

/** The winner and your placing, said first at a race's reveal. */
export function RaceHeadline({ reveal, me }: { reveal: RevealMsg; me: string | null }) {
  const { rows, victory } = racePlacings(reveal);
  if (!victory) return null;
  const mine = rows.find((r) => r.playerId === me);
  const racers = rows.filter((r) => !r.ghost).length;
  const you = victory.playerId === me;
  return (
    <div className="race-headline" data-testid="race-winner">
      <p className="winner-line"><TrophyIcon /> <strong>{you ? "You won the race!" : `${victory.nickname} won the race.`}</strong></p>
      <p className="small">
        {victory.how === "valley"
          ? `${you ? "You" : victory.nickname} reached the valley first, on step ${victory.steps}.`
          : `Nobody reached the valley; ${you ? "you" : victory.nickname} ended lowest${victory.finalLoss !== null ? `, at loss ${fmtLoss(victory.finalLoss)}` : ""}.`}
      </p>
      {mine?.place ? <p className="placing" data-testid="race-placing">You placed <strong>{ordinal(mine.place)}</strong> of {racers} {racers === 1 ? "racer" : "racers"}.</p> : null}
    </div>
  );
}

/** Every racer's place, then the ghosts. */
export function RacePlacings({ reveal, me }: { reveal: RevealMsg; me: string | null }) {
  const { rows } = racePlacings(reveal);
  return (
    <section className="panel" data-testid="race-placings">
      <h2 className="panel-title">The race</h2>
      <ol className="placings small">
        {rows.map((r) => (
          <li key={r.playerId} className={r.playerId === me ? "me" : undefined}>
            <span>{r.place ? ordinal(r.place) : "ghost"}</span>
            <span>{r.nickname}{r.playerId === me ? " (you)" : ""}</span>
            <span className="num">{r.finalLoss === null ? "off the map" : fmtLoss(r.finalLoss)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
