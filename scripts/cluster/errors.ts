// The cluster script's failures: one line on stderr and exit code 1 (a bad argument is the CLI's
// UsageError: exit code 2).

/** Something the cluster could not do (start, reach, stop): one human line. */
export class ClusterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ClusterError";
  }
}
