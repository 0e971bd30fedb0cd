"use client";
// A homework link: the round the teacher set, played on the student's own time before the
// deadline. The same start and map as every classmate; one walk per person, handed in when it
// ends (the teacher's page gets it at once). A refresh comes back into the walk.
import { useEffect, useRef, useState } from "react";
import { useParams } from "next/navigation";
import { TopBar } from "../../_components/TopBar";
import { Building } from "../../_components/Building";
import { Reveal } from "../../_components/walk/Reveal";
import { Walk } from "../../_components/walk/Walk";
import { remembered, useConnection } from "../../_lib/connection";
import { newRoomCode } from "../../_lib/room-code";
import { usePageTitle } from "../../_lib/page-title";

/** What the link's page knows before the walk (GET /api/homework/ID: no map, no start). */
interface HomeworkInfo {
  id: string;
  classCode: string;
  landscape: { name: string; lesson: string; dataset: { title: string } };
  budget: number;
  batch: number;
  deadline: number;
  closed: boolean;
}

/** /homework/ID: a student's homework walk. */
export default function HomeworkPage() {
  const { id } = useParams<{ id: string }>();
  const { state, send, route, rejoin, remember } = useConnection();
  const [info, setInfo] = useState<HomeworkInfo | null>(null);
  const [missing, setMissing] = useState<string | null>(null);
  const [nickname, setNickname] = useState("");
  const [started, setStarted] = useState(false);
  const tried = useRef(false);

  useEffect(() => {
    setNickname(remembered.nickname() ?? "");
    fetch(`/api/homework/${encodeURIComponent(id)}`)
      .then(async (r) => (r.ok ? setInfo((await r.json()) as HomeworkInfo) : setMissing(((await r.json()) as { message: string }).message)))
      .catch(() => setMissing("The homework could not be loaded: check your connection and reload the page."));
  }, [id]);

  // Back into a walk this browser started (a refresh, a dropped connection).
  useEffect(() => {
    if (tried.current) return;
    tried.current = true;
    const code = remembered.homeworkRoom(id);
    const token = code ? remembered.seat(code) : null;
    if (code && token) {
      setStarted(true);
      rejoin({ kind: "seat", code, token });
    }
  }, [id, rejoin]);

  // Keep the seat of the walk.
  const view = state.view;
  useEffect(() => {
    if (view?.kind === "solo" && view.code && view.you.token) {
      remembered.saveHomeworkRoom(id, view.code);
      remembered.saveSeat(view.code, view.you.token);
      remember({ kind: "seat", code: view.code, token: view.you.token });
    }
  }, [id, view?.kind, view?.code, view?.you.token, remember]);

  // A saved walk that is gone: forget it, show the start again.
  useEffect(() => {
    if (state.error?.code === "room_not_found" && !view && remembered.homeworkRoom(id)) {
      remembered.saveHomeworkRoom(id, null);
      remember(null);
      setStarted(false);
    }
  }, [state.error, view, id, remember]);

  function start(e: React.FormEvent) {
    e.preventDefault();
    const name = nickname.trim() || "Walker";
    remembered.saveNickname(name);
    setStarted(true);
    const code = newRoomCode();
    route(code);
    send({ type: "homework.start", id, code, nickname: name, device: remembered.device() });
  }

  const round = view?.kind === "solo" ? view.round : null;
  usePageTitle(round ? null : "Homework");
  if (started && round && view) {
    if (state.reveal && state.reveal.round === round.no) {
      return (
        <>
          <TopBar right={<span className="small muted">Homework · {round.landscape.name}</span>} />
          <Reveal state={state} send={send} headline={<p className="small" data-testid="handed-in">Handed in: your teacher sees your walk with the class&apos;s.</p>} />
        </>
      );
    }
    return <><TopBar right={<span className="small muted">Homework · {round.landscape.name}</span>} /><Walk state={state} send={send} /></>;
  }

  const building = started && !state.error && !round;
  const due = info ? new Date(info.deadline).toLocaleString(undefined, { weekday: "long", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit" }) : "";
  return (
    <>
      <TopBar />
      <main className="page narrow">
        <h1>Homework</h1>
        {missing ? <div className="error-banner" role="alert">{missing}</div> : !info ? <p className="muted" role="status">Loading…</p> : (
          <>
            <section className="panel" aria-label="The homework">
              <p><strong>{info.landscape.name}</strong> · {info.budget} steps · {info.batch > 0 ? `a minibatch of ${info.batch}` : "the true slope"} · from class {info.classCode}</p>
              <p className="small muted">{info.landscape.lesson}</p>
              <p className="small">{info.closed ? `It closed on ${due}.` : `Due ${due}. You walk it once: your walk is handed in when it ends.`}</p>
            </section>
            {state.error ? <div className="error-banner" role="alert" data-testid="error">{state.error.message}</div> : null}
            {!info.closed ? (
              <form className="panel form-actions" onSubmit={start}>
                <div className="field">
                  <label htmlFor="nickname">Your name (as your teacher knows you)</label>
                  <input id="nickname" value={nickname} maxLength={20} onChange={(e) => setNickname(e.target.value)} autoComplete="nickname" required />
                </div>
                <button className="primary" type="submit" data-testid="start-homework" disabled={building}>Start the walk</button>
                {building ? <Building progress={state.preparing} /> : null}
              </form>
            ) : null}
          </>
        )}
      </main>
    </>
  );
}
