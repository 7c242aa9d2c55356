import type { ChatTransform } from './chat-transform';

export interface RegisterTransformOptions {
  /** Replace a transform already registered under the name (default: throw). */
  override?: boolean;
}

/** Named transforms that configs can list (`transforms = ["…"]`). */
export class TransformRegistry {
  readonly #transforms = new Map<string, ChatTransform>();

  constructor(initial: Iterable<readonly [string, ChatTransform]> = []) {
    for (const [name, transform] of initial) this.register(name, transform);
  }

  register(name: string, transform: ChatTransform, options: RegisterTransformOptions = {}): void {
    if (name.trim() === '') throw new Error('A transform needs a non-empty name');
    const existing = this.#transforms.get(name);
    if (existing && existing !== transform && !options.override) {
      throw new Error(
        `Transform "${name}" is already registered; pass { override: true } to replace it.`,
      );
    }
    this.#transforms.set(name, transform);
  }

  unregister(name: string): boolean {
    return this.#transforms.delete(name);
  }

  get(name: string): ChatTransform | undefined {
    return this.#transforms.get(name);
  }

  /** Every registered name, sorted. */
  names(): string[] {
    return [...this.#transforms.keys()].sort();
  }
}
