/** A request field Claude cannot take as given; validateRequest reports it with its field path. */
export class UnsupportedRequestError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'UnsupportedRequestError';
  }
}
