// The lesson plan on the teacher's setup: the landscapes in teaching order, what each teaches,
// what to watch for and a suggested budget; "Use" puts one into the next round.
import type { LandscapePublic } from "@/lib/protocol/server";
import { LESSON_PLAN, type LessonStep } from "../../_lib/lesson-plan";

/** The plan, open before the first round. */
export function LessonPlan({ landscapes, current, open, use }: { landscapes: LandscapePublic[]; current: string; open: boolean; use: (step: LessonStep, land: LandscapePublic) => void }) {
  return (
    <details className="panel lesson-plan" open={open} data-testid="lesson-plan">
      <summary><h2 className="panel-title inline">Lesson plan</h2> <span className="small muted">six rounds, easiest first</span></summary>
      <ol>
        {LESSON_PLAN.map((step) => {
          const land = landscapes.find((l) => l.id === step.landscapeId);
          if (!land) return null;
          const here = current === land.id;
          return (
            <li key={step.landscapeId} className={here ? "current" : undefined}>
              <div className="plan-head">
                <strong>{land.name}</strong>
                <span className="small muted">{step.budget} steps</span>
                <button type="button" className="small-button" onClick={() => use(step, land)} disabled={here} aria-label={here ? `${land.name} is chosen` : `Use ${land.name}, ${step.budget} steps`}>{here ? "Chosen" : "Use"}</button>
              </div>
              <p className="small"><span className="muted">{land.lesson}</span> Watch for: {step.watchFor}</p>
            </li>
          );
        })}
      </ol>
    </details>
  );
}
