// For @llm/* packages only: no stability promise to users.
export { resolveResilienceSettings, type ResilienceSettings } from './resolve-resilience-settings';
