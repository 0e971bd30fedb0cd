// The nickname filter sees through look-alike spellings and leaves ordinary names alone.
import { describe, expect, it } from "vitest";
import { isCleanNickname, suggestNames } from "../../../server/sockets/nicknames";

describe("nicknames", () => {
  it("refuses rude names however they are spelled: spaces, dots, leetspeak, capitals", () => {
    for (const n of ["fuck", "f.u.c.k", "f u c k", "FuCk", "fvck", "sh1t", "s h i t", "b1tch", "c.u.n.t", "a$$hole"]) expect(isCleanNickname(n), n).toBe(false);
  });
  it("lets ordinary names through", () => {
    for (const n of ["Ada", "Grace", "Hannah", "Titus", "Mr. Bass", "Scunthorpe", "Analyst", "Class 3b", "Peacock", "Hancock", "Brave Otter"]) expect(isCleanNickname(n), n).toBe(true);
  });
  it("suggests clean names of at most 20 characters", () => {
    const names = suggestNames(8);
    expect(names.length).toBe(8);
    for (const n of names) expect(isCleanNickname(n) && n.length <= 20).toBe(true);
  });
});
