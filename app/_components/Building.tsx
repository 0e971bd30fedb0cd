// The wait while the server prepares a round: the first use of a landscape on a fresh server
// trains it, which takes seconds. An indeterminate progress bar says that something is happening
// (the server does not report progress yet).

/** "Building the landscape…" with an indeterminate progress bar, announced politely. */
export function Building() {
  return (
    <div className="building" role="status" data-testid="building">
      <progress aria-label="Building the landscape" />
      <span>Building the landscape… (this takes a few seconds the first time)</span>
    </div>
  );
}
