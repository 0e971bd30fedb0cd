// Directions on the map in words: x grows to the east, y to the north.

const NAMES = ["east", "north-east", "north", "north-west", "west", "south-west", "south", "south-east"];

/** The nearest of the eight compass points, e.g. "north-west". */
export function compassPoint([x, y]: readonly [number, number]): string {
  const deg = (Math.atan2(y, x) * 180) / Math.PI;
  return NAMES[((Math.round(deg / 45) % 8) + 8) % 8]!;
}

/** A compass point with its bearing counter-clockwise from east, e.g. "north-west (135°)". */
export function compass(dir: readonly [number, number]): string {
  const deg = (Math.atan2(dir[1], dir[0]) * 180) / Math.PI;
  return `${compassPoint(dir)} (${Math.round((deg + 360) % 360)}°)`;
}
