// A child process that records usage into a ledger directory, for the crash, concurrency and signal tests.
// It imports the built package (the tests run after `build`). Settings come from the environment.
import { createUsageTracker } from '../../../dist/index.js';

const directory = process.env.LEDGER_DIR;
const durability = process.env.DURABILITY ?? 'sync';
const prefix = process.env.PREFIX ?? `p${process.pid}`;
const count = Number(process.env.COUNT ?? 0); // 0: until killed
const stayAlive = process.env.STAY_ALIVE === '1';

const tracker = createUsageTracker({
  dataDir: directory,
  settings: {
    durability,
    flush_interval: Number(process.env.FLUSH_INTERVAL ?? 1000),
    batch_size: Number(process.env.BATCH_SIZE ?? 1000),
  },
});
process.stdout.write('ready\n');

for (let index = 0; count === 0 || index < count; index++) {
  const requestId = `${prefix}-${index}`;
  await tracker.recordUsage({
    model_name: 'gpt-4o',
    provider_name: 'openai',
    timestamp: Date.now(),
    request_id: requestId,
    prompt_tokens: 100 + (index % 7),
    completion_tokens: 20,
    total_tokens: 120 + (index % 7),
    cost: 0.00045,
    cost_decimal: '0.00045',
    currency: 'USD',
    success: true,
    response_time: 5,
    tags: { writer: prefix },
  });
  // Printed only after recordUsage resolved: in sync mode the record is on disk by now.
  if (durability === 'sync') process.stdout.write(`ack ${requestId}\n`);
}
process.stdout.write(`recorded ${count}\n`);
if (stayAlive) setInterval(() => undefined, 60_000);
else await tracker.close();
