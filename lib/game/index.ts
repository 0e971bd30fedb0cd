// The game rules as pure functions: walks, the altitude scale, scoring, the map's turn, the round
// state machine, reading the ground, the walk analysis and the debrief.
export * from "./walk";
export * from "./altitude";
export * from "./score";
export * from "./transform";
export * from "./phase";
export * from "./terrain";
export * from "./analysis";
export * from "./debrief";
