// A room as plain data changed only by events: its state, its events, the fold of events into
// state, its rules (intents into events), and what each kind of room does differently.
export * from "./state";
export * from "./events";
export * from "./apply";
export * from "./rules";
export * from "./policy";
