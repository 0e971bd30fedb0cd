// The CLI's commands, over a TrainingCore where they need one (list reads the catalog on this
// thread; probe starts a single worker). Each validates what it can before the core starts, so
// a bad argument fails fast and changes nothing; results go to stdout, progress to stderr.
import { existsSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { CATALOG, checkGridSize, getRecipe, MAX_GRID_SIZE, type LandscapeInfo } from "../../lib/landscape/index";
import { TrainingCore } from "../training/core";
import { catalogInfos, loadDataset } from "../training/datasets";
import { toNumber, UsageError, type ParsedArgs } from "./args";
import { landscapeExport } from "./export";
import { renderHeatmap } from "./heatmap";
import { progressBar } from "./progress";

/** What a command needs from its surroundings. */
export interface CommandContext {
  /** Starts the training core (after the command's own checks), with `threads` workers if given. */
  openCore(opts?: { threads?: number }): Promise<TrainingCore>;
  out: (text: string) => void;
}

/** One CLI command: checks its arguments, then runs. */
export interface Command {
  usage: string;
  options: Record<string, "boolean" | "string">;
  run(args: ParsedArgs, ctx: CommandContext): Promise<void>;
}

function expectPositionals(args: ParsedArgs, min: number, max: number, usage: string): void {
  const n = args.positionals.length;
  if (n < min || n > max) throw new UsageError(`Usage: ${usage}`);
}

function finite(text: string | undefined, what: string): number {
  const v = toNumber(text);
  if (!Number.isFinite(v)) throw new UsageError(`The ${what} must be a finite number, not "${text ?? ""}".`);
  return v;
}

async function withCore<T>(ctx: CommandContext, fn: (core: TrainingCore) => Promise<T>, opts?: { threads?: number }): Promise<T> {
  const core = await ctx.openCore(opts);
  try {
    return await fn(core);
  } finally {
    await core.close();
  }
}

/** Columns of the list table. */
function tableOf(infos: LandscapeInfo[]): string {
  const rows = [["ID", "DATASET", "ARCHITECTURE", "LESSON"], ...infos.map((i) => [i.id, `${i.dataset.name} (${i.dataset.samples}×${i.dataset.features})`, i.architecture, i.lesson])];
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c < 3 ? cell.padEnd(widths[c]!) : cell)).join("  ")).join("\n");
}

/** Every command by name. */
export const COMMANDS: Record<string, Command> = {
  list: {
    usage: "landscape list [--json]",
    options: { json: "boolean" },
    async run(args, ctx) {
      expectPositionals(args, 0, 0, this.usage);
      const infos = catalogInfos(); // on this thread, as export reads its dataset: no pool for a table
      ctx.out(args.options.json ? JSON.stringify(infos) : tableOf(infos));
    },
  },
  build: {
    usage: "landscape build [ID|all]",
    options: {},
    async run(args, ctx) {
      expectPositionals(args, 0, 1, this.usage);
      const which = args.positionals[0] ?? "all";
      const ids = which === "all" ? CATALOG.map((r) => r.id) : [getRecipe(which).id];
      await withCore(ctx, async (core) => {
        for (const id of ids) {
          const bar = progressBar(id);
          const t0 = performance.now();
          const s = await core.ensure(id, (f, label) => bar.update(f, label));
          bar.done(`ready in ${((performance.now() - t0) / 1000).toFixed(1)} s, lowest loss ${s.minimum.loss.toPrecision(4)} at (${s.minimum.x.toFixed(3)}, ${s.minimum.y.toFixed(3)})`);
        }
      });
    },
  },
  probe: {
    usage: "landscape probe ID X Y [--batch N] [--seed S]",
    options: { batch: "string", seed: "string" },
    async run(args, ctx) {
      expectPositionals(args, 3, 3, this.usage);
      const [id, xs, ys] = args.positionals as [string, string, string];
      getRecipe(id);
      const x = finite(xs, "X coordinate");
      const y = finite(ys, "Y coordinate");
      const batch = args.options.batch === undefined ? undefined : toNumber(args.options.batch);
      const seed = args.options.seed === undefined ? undefined : finite(args.options.seed as string, "--seed value");
      const felt = await withCore(ctx, (core) => core.probe(id, x, y, { batch, seed }), { threads: 1 }); // one probe, one worker
      ctx.out(JSON.stringify({ loss: felt.loss, grad: felt.grad }));
    },
  },
  export: {
    usage: "landscape export ID",
    options: {},
    async run(args, ctx) {
      expectPositionals(args, 1, 1, this.usage);
      const recipe = getRecipe(args.positionals[0]!);
      const built = await withCore(ctx, (core) => core.secret(recipe.id));
      ctx.out(JSON.stringify(landscapeExport(built, loadDataset(recipe.dataset))));
    },
  },
  grid: {
    usage: "landscape grid ID --size N --out FILE.png [--plain]",
    options: { size: "string", out: "string", plain: "boolean" },
    async run(args, ctx) {
      expectPositionals(args, 1, 1, this.usage);
      const id = getRecipe(args.positionals[0]!).id;
      if (args.options.size === undefined) throw new UsageError(`The grid command needs --size N (2 to ${MAX_GRID_SIZE} points a side).`);
      const size = toNumber(args.options.size);
      checkGridSize(size);
      const out = args.options.out;
      if (typeof out !== "string" || out.trim() === "") throw new UsageError("The grid command needs --out FILE.png, where the image goes.");
      if (!existsSync(dirname(resolve(out)))) throw new UsageError(`The folder of --out ${out} does not exist.`);
      const grid = await withCore(ctx, async (core) => {
        const bar = progressBar(`${id} ${size}×${size}`);
        await core.ensure(id, (f, label) => bar.update(0.5 * f, label));
        const g = await core.grid(id, size, (f) => bar.update(0.5 + 0.5 * f, "mapping the landscape"));
        bar.done();
        return g;
      });
      writeFileSync(out, renderHeatmap(grid, { markMinimum: args.options.plain !== true }));
      ctx.out(JSON.stringify({ out, size, min: grid.min, max: grid.max }));
    },
  },
};
