import type { ILLMProvider } from './llm-provider';
import type { LLMProviderConfig } from '../schemas/provider-config';
import type { Logger } from '../util/logger';

/** What a provider factory receives besides its config. */
export interface ProviderContext {
  logger: Logger;
}

/** A provider package registers one of these per `type` it serves. */
export interface ProviderFactory {
  readonly type: string;
  /** Other names for the same type, e.g. `anthropic` for `claude`. */
  readonly aliases?: readonly string[];
  readonly description?: string;
  create(config: LLMProviderConfig, context: ProviderContext): ILLMProvider;
}

export interface RegisterOptions {
  /** Replace a factory already registered under the same type (default: throw). */
  override?: boolean;
}

/**
 * Maps provider `type` names to factories. The manager builds providers from config through it, so a
 * third-party package adds a type by registering a factory, without touching ours.
 */
export class ProviderRegistry {
  readonly #factories = new Map<string, ProviderFactory>();

  register(factory: ProviderFactory, options: RegisterOptions = {}): void {
    for (const type of [factory.type, ...(factory.aliases ?? [])]) {
      const existing = this.#factories.get(type);
      if (existing && existing !== factory && !options.override) {
        throw new Error(
          `Provider type "${type}" is already registered; pass { override: true } to replace it.`,
        );
      }
    }
    for (const type of [factory.type, ...(factory.aliases ?? [])])
      this.#factories.set(type, factory);
  }

  unregister(type: string): boolean {
    const factory = this.#factories.get(type);
    if (!factory) return false;
    for (const name of [factory.type, ...(factory.aliases ?? [])]) this.#factories.delete(name);
    return true;
  }

  get(type: string): ProviderFactory | undefined {
    return this.#factories.get(type);
  }

  has(type: string): boolean {
    return this.#factories.has(type);
  }

  /** Every registered name, aliases included, sorted. */
  types(): string[] {
    return [...this.#factories.keys()].sort();
  }

  create(config: LLMProviderConfig, context: ProviderContext): ILLMProvider {
    const factory = this.#factories.get(config.type);
    if (!factory) {
      const known = this.types();
      throw new Error(
        `Provider type "${config.type}" (provider "${config.name}") is not registered` +
          (known.length ? ` (registered: ${known.join(', ')})` : '') +
          '. Install and import its package, e.g. @llm/providers-openai.',
      );
    }
    return factory.create(config, context);
  }
}

const GLOBAL_KEY = Symbol.for('@llm/provider-registry');

/**
 * The process-wide registry that provider packages register into on import. Kept on globalThis so
 * that duplicate installs of @llm/core share one.
 */
export function defaultProviderRegistry(): ProviderRegistry {
  const holder = globalThis as unknown as Record<symbol, ProviderRegistry | undefined>;
  return (holder[GLOBAL_KEY] ??= new ProviderRegistry());
}

/** Registers a factory in the default registry; re-registering the same factory is a no-op. */
export function registerProvider(factory: ProviderFactory, options?: RegisterOptions): void {
  defaultProviderRegistry().register(factory, options);
}
