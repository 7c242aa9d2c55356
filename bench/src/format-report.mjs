// Turns the bench's medians into the Markdown the README shows, and swaps it in between markers.
export const START_MARKER = '<!-- bench:start -->';
export const END_MARKER = '<!-- bench:end -->';

const BASELINE = 'openai SDK (raw)';
const integer = (value) => Math.round(value).toLocaleString('en-US');
const times = (ratio) => `${ratio.toFixed(2)}×`;
const milliseconds = (value) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;
const signed = (value) => `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(3)}`;

function callRows(calls) {
  const base = calls[BASELINE];
  return Object.entries(calls).map(([variant, modes]) => {
    const cells = [variant];
    for (const mode of ['chat', 'stream']) {
      const run = modes[mode];
      cells.push(
        `${integer(run.callsPerSecond)} (${times(run.callsRatio)})`,
        `${integer(run.cpuUsPerCall)} µs (${times(run.cpuRatio)})`,
      );
    }
    for (const mode of ['chat', 'stream']) {
      const run = modes[mode];
      cells.push(
        variant === BASELINE
          ? `${run.p50Ms.toFixed(3)} / ${run.p99Ms.toFixed(3)} ms`
          : `${signed(run.p50Ms - base[mode].p50Ms)} / ${signed(run.p99Ms - base[mode].p99Ms)} ms`,
      );
    }
    const failed = modes.chat.failures + modes.stream.failures;
    if (failed > 0) cells[0] = `${variant} (${failed} failed calls)`;
    return `| ${cells.join(' | ')} |`;
  });
}

function measurementRows({ settings, startup, micro, routing, memory }) {
  const rows = [];
  for (const [label, run] of Object.entries(startup.imports)) {
    const target = label.endsWith('the three providers') ? '< 150 ms, < 60 MB' : '';
    rows.push([
      `import ${label} (fresh process)`,
      `${milliseconds(run.importMs)}, ${run.rssMb.toFixed(0)} MB RSS`,
      target,
    ]);
  }
  for (const { specifier, importMs, addedMb } of startup.importSteps ?? [])
    rows.push([
      `import step by step: ${specifier} on top of the packages above`,
      `+${milliseconds(importMs)}, +${addedMb.toFixed(1)} MB RSS`,
      '',
    ]);
  rows.push([
    'createLLMManager from a ten-provider config',
    milliseconds(startup.createManagerMs),
    '< 50 ms',
  ]);
  rows.push([
    'then its first chat call / its second (the first loads the SDK it calls through)',
    `${milliseconds(startup.firstCallMs)} / ${milliseconds(startup.secondCallMs)}`,
    '',
  ]);
  for (const { name, p50, p99 } of routing)
    rows.push([`routing decision: ${name}, p50 / p99`, `${p50} / ${p99}`, '< 5 µs']);
  rows.push([
    'price computation (lookup + exact cost of one call), p50 / p99',
    `${micro.price.p50.toFixed(2)} µs / ${micro.price.p99.toFixed(2)} µs`,
    '< 2 µs',
  ]);
  rows.push([
    'ledger appends, batched JSONL',
    `${integer(micro.ledgerRecordsPerSecond)} records/s`,
    '≥ 200,000 records/s',
  ]);
  for (const [variant, heap] of Object.entries(memory ?? {})) {
    const first = heap[0];
    const drift = Math.max(...heap.map((value) => Math.abs(value - first) / first));
    rows.push([
      `${variant}: heap after each ${settings.memoryEvery.toLocaleString('en-US')} calls`,
      `${heap.map((value) => value.toFixed(1)).join(' → ')} MB (max drift ${(drift * 100).toFixed(0)}%)`,
      'flat ±10%',
    ]);
  }
  return rows.map((cells) => `| ${cells.join(' | ')} |`);
}

function profileRows(profile) {
  if (!profile) return [];
  const shares = Object.entries(profile.byPackage)
    .sort((a, b) => b[1] - a[1])
    .map(([name, share]) => `${name} ${(share * 100).toFixed(1)}%`)
    .join(', ');
  return [
    '',
    `CPU profile of one manager chat run, self time in our packages: ${shares}.`,
    '',
    '| frame (ours) | self time |',
    '| --- | --- |',
    ...profile.ours.map((row) => `| \`${row.frame}\` | ${(row.share * 100).toFixed(2)}% |`),
  ];
}

/** The whole Markdown report: the call table, then start-up, micro-benchmarks and memory. */
export function formatReport({ settings, calls, startup, micro, routing, memory, profile }) {
  const header = [
    'variant',
    'chat calls/s',
    'client CPU / chat call',
    'stream calls/s',
    'client CPU / stream',
    'chat latency c=1, p50 / p99',
    'stream latency c=1, p50 / p99',
  ];
  return [
    `${settings.quick ? 'Quick run (smoke test counts, not comparable). ' : ''}` +
      `${settings.calls.toLocaleString('en-US')} calls at concurrency ${settings.concurrency} ` +
      `after ${settings.warmup.toLocaleString('en-US')} warm-up calls, ` +
      `${settings.rounds} alternated round${settings.rounds === 1 ? '' : 's'}, medians; ` +
      `ratios to the raw openai SDK's runs just before and after each run (their mean), median ` +
      `over rounds; latency at concurrency 1 over ${settings.latencyCalls} calls ` +
      `(the raw SDK's own, the others' added to it). Node ${process.version}.`,
    '',
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...callRows(calls),
    '',
    '| measurement | result | target |',
    '| --- | --- | --- |',
    ...measurementRows({ settings, startup, micro, routing, memory }),
    ...profileRows(profile),
  ].join('\n');
}

/** `text` with what lies between the bench markers replaced by `report` (markers kept). */
export function replaceBetweenMarkers(text, report) {
  const start = text.indexOf(START_MARKER);
  const end = text.indexOf(END_MARKER);
  if (start === -1 || end === -1 || end < start)
    throw new RangeError(`The README has no ${START_MARKER} … ${END_MARKER} section to rewrite`);
  return `${text.slice(0, start + START_MARKER.length)}\n${report}\n${text.slice(end)}`;
}
