"use client";
// Slope as sound, so the game can be played with eyes closed: after each step a tone whose pitch
// rises with the steepness underfoot, and when aiming a tick whose pitch says how downhill the
// aimed direction is (high = steeply down, low = up).

let ctx: AudioContext | null = null;

function tone(freq: number, ms: number, gain = 0.12): void {
  if (typeof window === "undefined") return;
  ctx ??= new AudioContext();
  const osc = ctx.createOscillator();
  const amp = ctx.createGain();
  osc.type = "sine";
  osc.frequency.value = freq;
  const t = ctx.currentTime;
  amp.gain.setValueAtTime(0, t);
  amp.gain.linearRampToValueAtTime(gain, t + 0.01);
  amp.gain.exponentialRampToValueAtTime(0.0001, t + ms / 1000);
  osc.connect(amp).connect(ctx.destination);
  osc.start(t);
  osc.stop(t + ms / 1000 + 0.02);
}

/** Steepness |∇L| → a pitch between 200 Hz (flat) and about 1600 Hz (very steep). */
export function steepnessPitch(steepness: number): number {
  return 200 * Math.pow(2, Math.min(3, Math.log2(1 + steepness)));
}

/** The tone after a step: pitch for steepness; a low buzz when the walk diverged. */
export function playFelt(steepness: number | null): void {
  if (steepness === null) tone(90, 600, 0.2);
  else tone(steepnessPitch(steepness), 220);
}

/** The aiming tick: slope along the aim (negative = downhill) → pitch. */
export function playAim(slopeAlongAim: number, steepness: number): void {
  const t = steepness > 0 ? -slopeAlongAim / steepness : 0; // −1 uphill … +1 straight down
  tone(440 * Math.pow(2, t), 80, 0.08);
}
