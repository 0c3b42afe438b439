// Typed input errors: the CLI maps InputError to exit 2 with its one-line message.

/** The input file or directory cannot be read as cdk.tf.json, plan JSON or a cdktf.out directory. */
export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = "InputError";
  }
}
