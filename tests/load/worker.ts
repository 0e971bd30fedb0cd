// A bot worker thread of the load tool (`--workers W`): drives its share of the rooms. The main
// thread sends "go" with the common start time once every worker is ready, and gets the tally.
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import type { LoadOptions } from "./args";
import { Fleet } from "./bots";
import type { Tally } from "./stats";

/** Main thread → worker. */
export type ToWorker = { type: "go"; startAt: number } | { type: "close" };
/** Worker → main thread. */
export type FromWorker = { type: "ready" } | { type: "done"; tally: Tally } | { type: "failed"; error: string };

if (!isMainThread && parentPort) {
  const port = parentPort;
  const { options, rooms } = workerData as { options: LoadOptions; rooms: number[] };
  const fleet = new Fleet(options, rooms);
  const post = (m: FromWorker) => port.postMessage(m);
  port.on("message", (m: ToWorker) => {
    if (m.type === "go") {
      fleet.run(m.startAt).then((tally) => post({ type: "done", tally }), (e: unknown) => post({ type: "failed", error: String(e) }));
    } else {
      fleet.close();
      port.close();
    }
  });
  fleet.setup().then(() => post({ type: "ready" }), (e: unknown) => post({ type: "failed", error: e instanceof Error ? e.message : String(e) }));
}
