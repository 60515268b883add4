/** A mistake in how the CLI was called or fed: exit code 2 with this message, no stack trace. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Writes to stdout, waiting when the pipe is full so that memory stays bounded. */
export function writeOut(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (process.stdout.write(text)) resolve();
    else {
      process.stdout.once("drain", resolve);
      process.stdout.once("error", reject);
    }
  });
}
