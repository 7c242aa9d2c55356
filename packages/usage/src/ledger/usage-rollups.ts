// The ledger's rollups: exact totals, hourly buckets and each segment's index of them.
import { LLMError, type UsageRecord } from '@llm/core';
import { Decimal, DecimalSum } from '../money/decimal';
import { DEFAULT_CURRENCY } from '../money/currency-converter';
import { hourStart } from './utc-time';

/**
 * How a call ended, for summaries: `failed` means the provider or the network failed it; a caller's
 * abort, a budget refusal and a client-side validation refusal are counted apart.
 */
export type CallOutcome = 'success' | 'failed' | 'aborted' | 'blocked' | 'rejected';

/** The outcome a record states (by its `error_type` and `error_code`, never by its message). */
export function callOutcome(record: UsageRecord): CallOutcome {
  if (record.success) return 'success';
  const code = record.error_code;
  if (record.error_type === 'aborted' || code === 'aborted') return 'aborted';
  if (
    record.error_type === 'budget_exceeded' ||
    code === 'budget_exceeded' ||
    code === 'budget_unpriced'
  )
    return 'blocked';
  if (code === 'validation_failed') return 'rejected';
  return 'failed';
}

/**
 * Serialized totals: counts, then `{ currency: exact decimal }`, then (since index version 2) the
 * aborted, blocked and rejected counts, then (since version 3) the attempts, the failed attempts and
 * their costs, and the cache hits, the tokens they saved and the cost they saved. An index of an older version lacks some of them; its segment is read again instead
 * (see SegmentIndex.fromJSON), so every count comes from the records themselves.
 */
export type UsageTotalsJson = [
  requests: number,
  successful: number,
  prompt: number,
  completion: number,
  total: number,
  cached: number,
  cacheWrite: number,
  reasoning: number,
  unpriced: number,
  responseTime: number,
  first: number,
  last: number,
  costs: Record<string, string>,
  aborted?: number,
  blocked?: number,
  rejected?: number,
  attempts?: number,
  failedAttempts?: number,
  failedAttemptCosts?: Record<string, string>,
  cacheHits?: number,
  savedTokens?: number,
  savedCosts?: Record<string, string>,
];

/** The numeric fields of UsageTotals in the order of UsageTotalsJson (costs follow them). */
const SERIALIZED_NUMBERS = [
  'requests',
  'successful',
  'promptTokens',
  'completionTokens',
  'totalTokens',
  'cachedTokens',
  'cacheWriteTokens',
  'reasoningTokens',
  'unpriced',
  'responseTimeSum',
  'first',
  'last',
] as const;

/**
 * Whether a record stands for a whole call: a per-attempt record (one with `call_id`) does only when
 * it is the attempt that ended its call (`final`); a record without `call_id` always does.
 */
export function endsCall(record: UsageRecord): boolean {
  return record.call_id === undefined || record.final === true;
}

/** The provider requests one record stands for: 1 for a per-attempt record, else its `attempts`. */
function attemptsOf(record: UsageRecord): number {
  return record.call_id === undefined ? (record.attempts ?? 1) : 1;
}

/**
 * Running aggregates over a set of usage records; costs are summed exactly, per currency. Calls
 * (`requests`, the outcomes, the response time) are counted once, at the record that ended the
 * call, under its deployment; tokens, costs and attempts come from every record, since every
 * attempt that reached a provider may be billed.
 */
export class UsageTotals {
  requests = 0;
  successful = 0;
  promptTokens = 0;
  completionTokens = 0;
  totalTokens = 0;
  cachedTokens = 0;
  cacheWriteTokens = 0;
  reasoningTokens = 0;
  unpriced = 0;
  aborted = 0;
  blocked = 0;
  rejected = 0;
  responseTimeSum = 0;
  first = Number.POSITIVE_INFINITY;
  last = Number.NEGATIVE_INFINITY;
  attempts = 0;
  failedAttempts = 0;
  readonly costs = new Map<string, DecimalSum>();
  /** The part of `costs` billed for attempts that failed. */
  readonly failedAttemptCosts = new Map<string, DecimalSum>();
  /** Calls the response cache answered, and what they saved (tokens, exact cost per currency). */
  cacheHits = 0;
  savedTokens = 0;
  readonly savedCosts = new Map<string, DecimalSum>();

  /** Calls the provider or the network failed (not aborted, blocked or rejected ones). */
  get failed(): number {
    return this.requests - this.successful - this.aborted - this.blocked - this.rejected;
  }

  addRecord(record: UsageRecord): void {
    const attempts = attemptsOf(record);
    this.attempts += attempts;
    // A whole-call record that failed counts its last attempt as failed (earlier ones are unknown).
    const failedAttempt =
      record.call_id === undefined ? !record.success : record.outcome !== 'success';
    if (failedAttempt) this.failedAttempts += 1;
    if (endsCall(record)) {
      this.requests += 1;
      const outcome = callOutcome(record);
      if (outcome === 'success') this.successful += 1;
      else if (outcome === 'aborted') this.aborted += 1;
      else if (outcome === 'blocked') this.blocked += 1;
      else if (outcome === 'rejected') this.rejected += 1;
      this.responseTimeSum += record.response_time;
    }
    this.promptTokens += record.prompt_tokens;
    this.completionTokens += record.completion_tokens;
    this.totalTokens += record.total_tokens;
    this.cachedTokens += record.cached_tokens ?? 0;
    this.cacheWriteTokens += record.cache_write_tokens ?? 0;
    this.reasoningTokens += record.reasoning_tokens ?? 0;
    if (record.pricing_missing) this.unpriced += 1;
    if (record.timestamp < this.first) this.first = record.timestamp;
    if (record.timestamp > this.last) this.last = record.timestamp;
    const currency = record.currency ?? DEFAULT_CURRENCY;
    const failedCost = failedAttempt && record.call_id !== undefined;
    if (record.cost_decimal !== undefined) {
      sumIn(this.costs, currency).addText(record.cost_decimal);
      if (failedCost) sumIn(this.failedAttemptCosts, currency).addText(record.cost_decimal);
    } else if (record.cost !== undefined) {
      const cost = Decimal.from(record.cost);
      sumIn(this.costs, currency).add(cost);
      if (failedCost) sumIn(this.failedAttemptCosts, currency).add(cost);
    }
    if (record.cache_hit) {
      this.cacheHits += 1;
      this.savedTokens += (record.saved_prompt_tokens ?? 0) + (record.saved_completion_tokens ?? 0);
      if (record.saved_cost_decimal !== undefined)
        sumIn(this.savedCosts, record.currency ?? DEFAULT_CURRENCY).addText(
          record.saved_cost_decimal,
        );
    }
  }

  addTotals(other: UsageTotals): void {
    this.requests += other.requests;
    this.successful += other.successful;
    this.promptTokens += other.promptTokens;
    this.completionTokens += other.completionTokens;
    this.totalTokens += other.totalTokens;
    this.cachedTokens += other.cachedTokens;
    this.cacheWriteTokens += other.cacheWriteTokens;
    this.reasoningTokens += other.reasoningTokens;
    this.unpriced += other.unpriced;
    this.aborted += other.aborted;
    this.blocked += other.blocked;
    this.rejected += other.rejected;
    this.attempts += other.attempts;
    this.failedAttempts += other.failedAttempts;
    this.responseTimeSum += other.responseTimeSum;
    if (other.first < this.first) this.first = other.first;
    if (other.last > this.last) this.last = other.last;
    for (const [currency, sum] of other.costs) sumIn(this.costs, currency).addSum(sum);
    for (const [currency, sum] of other.failedAttemptCosts)
      sumIn(this.failedAttemptCosts, currency).addSum(sum);
    this.cacheHits += other.cacheHits;
    this.savedTokens += other.savedTokens;
    for (const [currency, sum] of other.savedCosts) sumIn(this.savedCosts, currency).addSum(sum);
  }

  toJSON(): UsageTotalsJson {
    return [
      ...SERIALIZED_NUMBERS.map((field) => this[field]),
      sumsJSON(this.costs),
      this.aborted,
      this.blocked,
      this.rejected,
      this.attempts,
      this.failedAttempts,
      sumsJSON(this.failedAttemptCosts),
      this.cacheHits,
      this.savedTokens,
      sumsJSON(this.savedCosts),
    ] as unknown as UsageTotalsJson;
  }

  loadJSON(json: UsageTotalsJson): this {
    SERIALIZED_NUMBERS.forEach((field, index) => {
      this[field] = json[index] as number;
    });
    const costsAt = SERIALIZED_NUMBERS.length;
    for (const [currency, amount] of Object.entries(json[costsAt] as Record<string, string>))
      sumIn(this.costs, currency).addText(amount);
    this.aborted = (json[costsAt + 1] as number | undefined) ?? 0;
    this.blocked = (json[costsAt + 2] as number | undefined) ?? 0;
    this.rejected = (json[costsAt + 3] as number | undefined) ?? 0;
    this.attempts = (json[costsAt + 4] as number | undefined) ?? this.requests;
    this.failedAttempts = (json[costsAt + 5] as number | undefined) ?? 0;
    const failedCosts = (json[costsAt + 6] as Record<string, string> | undefined) ?? {};
    for (const [currency, amount] of Object.entries(failedCosts))
      sumIn(this.failedAttemptCosts, currency).addText(amount);
    // Indexes written before the response cache existed hold no cache hits.
    this.cacheHits = (json[costsAt + 7] as number | undefined) ?? 0;
    this.savedTokens = (json[costsAt + 8] as number | undefined) ?? 0;
    const saved = (json[costsAt + 9] as Record<string, string> | undefined) ?? {};
    for (const [currency, amount] of Object.entries(saved))
      sumIn(this.savedCosts, currency).addText(amount);
    return this;
  }
}

function sumIn(sums: Map<string, DecimalSum>, currency: string): DecimalSum {
  let sum = sums.get(currency);
  if (!sum) {
    sum = new DecimalSum();
    sums.set(currency, sum);
  }
  return sum;
}

function sumsJSON(sums: ReadonlyMap<string, DecimalSum>): Record<string, string> {
  const json: Record<string, string> = {};
  for (const [currency, sum] of sums) json[currency] = sum.value().toString();
  return json;
}

/** Serialized bucket: identity, then totals. */
export type UsageBucketJson = [
  hour: number,
  provider: string,
  model: string,
  success: boolean,
  tagValue: string | null,
  totals: UsageTotalsJson,
];

/**
 * Totals of the records of one UTC hour, provider, model and outcome (and, in a tag index, one
 * value of the tag). Summaries merge buckets instead of rescanning records.
 */
export class UsageBucket extends UsageTotals {
  constructor(
    readonly hour: number,
    readonly provider: string,
    readonly model: string,
    readonly success: boolean,
    /** The tag's value in a tag index; null for records without the tag; undefined in the base index. */
    readonly tagValue?: string | null,
  ) {
    super();
  }

  static keyOf(record: UsageRecord, tagValue?: string | null): string {
    const base = `${hourStart(record.timestamp)}\u0000${record.provider_name}\u0000${record.model_name}\u0000${record.success ? 1 : 0}`;
    return tagValue === undefined ? base : `${base}\u0000${tagValue ?? '\u0001'}`;
  }

  static forRecord(record: UsageRecord, tagValue?: string | null): UsageBucket {
    return new UsageBucket(
      hourStart(record.timestamp),
      record.provider_name,
      record.model_name,
      record.success,
      tagValue,
    );
  }

  /** `tagged: false` for a bucket of the base index, saved with a null tag value like any other. */
  static fromJSON(json: UsageBucketJson, tagged = true): UsageBucket {
    const tagValue = tagged ? json[4] : undefined;
    return new UsageBucket(json[0], json[1], json[2], json[3], tagValue).loadJSON(json[5]);
  }

  key(): string {
    const base = `${this.hour}\u0000${this.provider}\u0000${this.model}\u0000${this.success ? 1 : 0}`;
    return this.tagValue === undefined ? base : `${base}\u0000${this.tagValue ?? '\u0001'}`;
  }

  bucketJSON(): UsageBucketJson {
    return [
      this.hour,
      this.provider,
      this.model,
      this.success,
      this.tagValue ?? null,
      this.toJSON(),
    ];
  }
}

export interface SegmentIndexJson {
  /**
   * 2 since summaries count aborted, blocked and rejected calls apart from failed ones; 3 since they
   * count calls and attempts apart (per-attempt records).
   */
  version: 1 | 2 | 3;
  /** Bytes of the segment file the index covers (JSONL store). */
  bytes: number;
  records: number;
  buckets: UsageBucketJson[];
  tags: Record<string, UsageBucketJson[]>;
}

/**
 * Hourly rollups of one segment (one day of one writer), plus rollups per value of each indexed
 * tag. Saved tag rollups are only parsed when a query asks for that tag.
 */
export class SegmentIndex {
  bytes = 0;
  records = 0;
  readonly buckets = new Map<string, UsageBucket>();
  private readonly tagBuckets = new Map<string, Map<string, UsageBucket>>();
  private readonly savedTags = new Map<string, UsageBucketJson[]>();

  constructor(tagKeys: Iterable<string> = []) {
    for (const key of tagKeys) this.tagBuckets.set(key, new Map());
  }

  add(record: UsageRecord): void {
    if (this.savedTags.size > 0)
      for (const key of [...this.savedTags.keys()]) this.tagBucketsFor(key);
    this.records += 1;
    addTo(this.buckets, record, undefined);
    for (const [tagKey, buckets] of this.tagBuckets)
      addTo(buckets, record, record.tags?.[tagKey] ?? null);
  }

  hasTag(tagKey: string): boolean {
    return this.tagBuckets.has(tagKey) || this.savedTags.has(tagKey);
  }

  tagKeys(): string[] {
    return [...this.tagBuckets.keys(), ...this.savedTags.keys()];
  }

  /** The rollups per value of `tagKey` (records without the tag under a null value), if indexed. */
  tagBucketsFor(tagKey: string): Map<string, UsageBucket> | undefined {
    const saved = this.savedTags.get(tagKey);
    if (saved) {
      const buckets = new Map<string, UsageBucket>();
      for (const item of saved) insert(buckets, UsageBucket.fromJSON(item));
      this.tagBuckets.set(tagKey, buckets);
      this.savedTags.delete(tagKey);
    }
    return this.tagBuckets.get(tagKey);
  }

  toJSON(): SegmentIndexJson {
    const tags: Record<string, UsageBucketJson[]> = Object.fromEntries(this.savedTags);
    for (const [tagKey, buckets] of this.tagBuckets)
      tags[tagKey] = [...buckets.values()].map((bucket) => bucket.bucketJSON());
    return {
      version: 3,
      bytes: this.bytes,
      records: this.records,
      buckets: [...this.buckets.values()].map((bucket) => bucket.bucketJSON()),
      tags,
    };
  }

  /**
   * Loads a saved index. An index older than version 3 does not count attempts: it is refused, and
   * the reader rebuilds the segment's rollups from its records, which say how each call ended and
   * how many attempts it made.
   */
  static fromJSON(json: SegmentIndexJson): SegmentIndex {
    if (json.version === 1 || json.version === 2)
      throw new LLMError({
        type: 'unknown',
        retryable: false,
        message: `A version-${json.version} segment index does not count attempts; the segment is read again`,
      });
    if (json.version !== 3)
      throw new LLMError({
        type: 'unknown',
        retryable: false,
        message: `Unsupported segment index version ${String(json.version)}`,
      });
    const index = new SegmentIndex();
    index.bytes = json.bytes;
    index.records = json.records;
    // Base buckets load untagged, so records added later land in the same bucket (same key).
    for (const item of json.buckets) insert(index.buckets, UsageBucket.fromJSON(item, false));
    for (const [tagKey, items] of Object.entries(json.tags)) index.savedTags.set(tagKey, items);
    return index;
  }
}

function addTo(
  buckets: Map<string, UsageBucket>,
  record: UsageRecord,
  tagValue: string | null | undefined,
): void {
  const key = UsageBucket.keyOf(record, tagValue);
  let bucket = buckets.get(key);
  if (!bucket) {
    bucket = UsageBucket.forRecord(record, tagValue);
    buckets.set(key, bucket);
  }
  bucket.addRecord(record);
}

function insert(buckets: Map<string, UsageBucket>, bucket: UsageBucket): void {
  buckets.set(bucket.key(), bucket);
}
