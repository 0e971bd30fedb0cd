// The game rules as pure functions: walks, scoring, the round state machine, the debrief.
export * from "./walk";
export * from "./score";
export * from "./phase";
export * from "./debrief";
