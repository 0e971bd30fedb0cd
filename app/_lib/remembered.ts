// What this browser remembers across refreshes, in localStorage: its seats and host chairs (the
// tokens the server gave), its nickname, a random device id, and the teacher's setup drafts.
import { RoundRules, GhostKind } from "@/lib/protocol/common";
import { z } from "zod";

const HostDraft = z.object({ rules: RoundRules, ghosts: z.array(GhostKind) });
const HostedList = z.array(z.object({ code: z.string().regex(/^[A-Z0-9]{6}$/), at: z.number() }));

const store = {
  get(key: string): string | null {
    try { return window.localStorage.getItem(key); } catch { return null; }
  },
  set(key: string, value: string | null): void {
    try {
      if (value === null) window.localStorage.removeItem(key);
      else window.localStorage.setItem(key, value);
    } catch { /* private mode: no memory across refreshes, the game still works */ }
  },
};

/** Remembered tokens: a seat per join code, and the host secret per class code. */
export const remembered = {
  seat: (code: string) => store.get(`downhill:seat:${code}`),
  host: (code: string) => store.get(`downhill:host:${code}`),
  lastHostCode: () => store.get("downhill:host:last"),
  saveSeat: (code: string, token: string | null) => store.set(`downhill:seat:${code}`, token),
  saveHost: (code: string, secret: string | null) => {
    store.set(`downhill:host:${code}`, secret);
    store.set("downhill:host:last", secret ? code : null);
    const others = remembered.hostedClasses().filter((c) => c.code !== code);
    const kept = secret ? [{ code, at: remembered.hostedClasses().find((c) => c.code === code)?.at ?? Date.now() }, ...others] : others;
    store.set("downhill:host:classes", JSON.stringify(kept.slice(0, 100)));
  },
  /** The classes hosted from this browser (whose host secret it keeps), newest first. */
  hostedClasses: (): { code: string; at: number }[] => {
    try {
      const parsed = HostedList.safeParse(JSON.parse(store.get("downhill:host:classes") ?? "[]"));
      return parsed.success ? parsed.data.filter((c) => store.get(`downhill:host:${c.code}`) !== null).sort((a, b) => b.at - a.at) : [];
    } catch { return []; }
  },
  /** The room code of this browser's walk of a homework (its seat token is kept under the code, as any seat's). */
  homeworkRoom: (id: string) => store.get(`downhill:homework:${id}`),
  saveHomeworkRoom: (id: string, code: string | null) => store.set(`downhill:homework:${id}`, code),
  nickname: () => store.get("downhill:nickname"),
  saveNickname: (n: string) => store.set("downhill:nickname", n),
  /** Forgets which class a bare /host reopens (after its session ended), keeping its secret for ?code=. */
  forgetLastHost: () => store.set("downhill:host:last", null),
  /** The next round's rules and ghosts the teacher was choosing in a class, so a refresh keeps them. */
  hostDraft: (code: string): { rules: RoundRules; ghosts: GhostKind[] } | null => {
    try {
      const parsed = HostDraft.safeParse(JSON.parse(store.get(`downhill:host-draft:${code}`) ?? "null"));
      return parsed.success ? parsed.data : null;
    } catch { return null; }
  },
  saveHostDraft: (code: string, draft: { rules: RoundRules; ghosts: GhostKind[] }) => store.set(`downhill:host-draft:${code}`, JSON.stringify(draft)),
  /** Whether the projector hides students' names. */
  anonymous: () => store.get("downhill:host:anonymous") === "1",
  saveAnonymous: (on: boolean) => store.set("downhill:host:anonymous", on ? "1" : null),
  /** A random id this browser keeps, so a removed student stays removed after a refresh. */
  device: (): string => {
    let d = store.get("downhill:device");
    if (!d) {
      const bytes = new Uint8Array(18);
      crypto.getRandomValues(bytes);
      d = btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
      store.set("downhill:device", d);
    }
    return d;
  },
};

