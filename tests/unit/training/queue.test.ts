// The pool's two-lane queue: interactive tasks overtake bulk ones; FIFO within a lane.
import { queueOptionsSymbol, type PiscinaTask } from "piscina";
import { describe, expect, it } from "vitest";
import { PriorityTaskQueue, type Priority } from "../../../server/training/queue";

const task = (name: string, priority: Priority) => ({ name, [queueOptionsSymbol]: { priority } }) as unknown as PiscinaTask & { name: string };

describe("PriorityTaskQueue", () => {
  it("serves interactive tasks first, each lane in order", () => {
    const q = new PriorityTaskQueue();
    const [b1, i1, b2, i2] = [task("b1", "bulk"), task("i1", "interactive"), task("b2", "bulk"), task("i2", "interactive")];
    for (const t of [b1, i1, b2, i2]) q.push(t);
    expect(q.size).toBe(4);
    expect(q.lanes).toEqual({ interactive: 2, bulk: 2 });
    q.remove(b2);
    q.unshift(b2); // a task put back goes to the head of its lane
    const order: string[] = [];
    for (let t = q.shift(); t; t = q.shift()) order.push((t as unknown as { name: string }).name);
    expect(order).toEqual(["i1", "i2", "b2", "b1"]);
    expect(q.shift()).toBeNull();
  });
});

describe("PriorityTaskQueue under a burst", () => {
  it("keeps FIFO order through many pushes, shifts and put-backs", () => {
    const q = new PriorityTaskQueue();
    const names: string[] = [];
    for (let k = 0; k < 5000; k++) q.push(task(`b${k}`, "bulk"));
    for (let k = 0; k < 3000; k++) names.push((q.shift() as unknown as { name: string }).name);
    const back = q.shift()!;
    q.unshift(back);
    for (let t = q.shift(); t; t = q.shift()) names.push((t as unknown as { name: string }).name);
    expect(names).toEqual(Array.from({ length: 5000 }, (_, k) => `b${k}`));
  });
});
