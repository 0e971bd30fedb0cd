import Link from "next/link";
import { TopBar } from "./_components/TopBar";

/** The home page: what the game is and the four ways in. */
export default function Home() {
  return (
    <>
      <TopBar />
      <main className="page">
        <section style={{ margin: "28px 0" }}>
          <h1 style={{ fontSize: "2.4em" }}>You are the training algorithm.</h1>
          <p style={{ fontSize: "1.2em", maxWidth: 720 }}>
            A neural network learns by walking downhill on a landscape whose altitude is its error. In Downhill you take
            its place, blindfolded on the loss landscape of a real network trained on real data: feel the altitude and
            the slope under your feet, choose a direction and a step size, and find the valley before your steps run out.
          </p>
          <div className="row" style={{ marginTop: 18 }}>
            <Link className="button primary" href="/play">Play solo</Link>
            <Link className="button" href="/join">Join a class or race</Link>
            <Link className="button" href="/race">Start a race</Link>
            <Link className="button" href="/host">Host a class</Link>
          </div>
        </section>
        <section className="grid2">
          <div className="panel">
            <h2 className="panel-title">What you will feel</h2>
            <p className="muted">Steps too big overshoot the valley and fly off the map. Steps too small crawl. Flat ground
              hides saddles. A noisy slope from a small batch wobbles, like real stochastic gradient descent.</p>
          </div>
          <div className="panel">
            <h2 className="panel-title">In a classroom</h2>
            <p className="muted">The teacher hosts from a projector; students join with a code on their phones; everyone walks
              the same landscape and the reveal shows every path on the map.</p>
          </div>
        </section>
        <footer className="small muted" style={{ marginTop: 32 }}>
          <p>Datasets: Iris (R. A. Fisher, 1936), Wine (Forina et al.), Breast Cancer Wisconsin (Diagnostic) (Wolberg, Street
            and Mangasarian) and Optical Recognition of Handwritten Digits (Alpaydin and Kaynak), all from the UCI Machine
            Learning Repository, plus seeded synthetic 2-D sets. Landscapes are slices through real trained networks
            (filter-normalised directions, Li et al. 2018).</p>
        </footer>
      </main>
    </>
  );
}
