// The class's debrief on the projector at the reveal; a note about one walk shows that path.
import type { DebriefNote } from "@/lib/protocol/server";
import type { Namer } from "../../_lib/anonymise";

/** What a note is about, in words (the server's kinds are identifiers). */
const KIND: Record<DebriefNote["kind"], string> = {
  summary: "summary", end: "the end", valley: "valley", saddle: "saddle", plateau: "plateau", local_minimum: "local minimum",
  floor: "valley floor", overshoot: "overshoot", noise: "noisy slope", left_map: "left the map", diverged: "diverged", crawl: "crawl",
  valleys: "two valleys", ghost: "ghost", schedule: "schedule", momentum: "momentum", replay: "replay", compute: "compute", probe: "probing", turn: "turned the map", team: "team",
};

/** The debrief; `show` highlights the path a note is about. */
export function HostDebrief({ notes, names, focus, show }: { notes: DebriefNote[]; names: Namer; focus: string | null; show: (playerId: string) => void }) {
  return (
    <section className="panel debrief" data-testid="host-debrief" aria-labelledby="debrief-title">
      <h2 id="debrief-title" className="panel-title">Debrief</h2>
      <ul>
        {notes.map((n, i) => (
          <li key={i} data-kind={n.kind}>
            {n.playerId ? (
              <button type="button" className="chip" aria-pressed={focus === n.playerId} onClick={() => show(n.playerId!)} title="Show this path on the map">{KIND[n.kind]}</button>
            ) : null}{" "}
            {names.text(n.text)}
          </li>
        ))}
      </ul>
    </section>
  );
}
