// The wait while the server prepares a round: the first use of a landscape on a fresh server
// trains it, which takes seconds. An indeterminate progress bar says that something is happening;
// when the server reports how far the build is, pass it as `progress` and the bar fills.

/** "Building the landscape…" with a progress bar (indeterminate without `progress`, 0…1), announced politely. */
export function Building({ progress = null }: { progress?: number | null }) {
  return (
    <div className="building" role="status" data-testid="building">
      <progress aria-label="Building the landscape" max={1} value={progress ?? undefined} />
      <span>Building the landscape… {progress !== null ? `${Math.round(progress * 100)} %` : "(this takes a few seconds the first time)"}</span>
    </div>
  );
}
