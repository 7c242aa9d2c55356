/** Facts about the request that error messages mention. */
export interface ErrorContext {
  readonly model: string | undefined;
  readonly requestId: string;
  readonly apiVersion: string | undefined;
}
