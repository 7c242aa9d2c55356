// The one loopback simulator every variant of a bench run talks to, in its own process so that its
// CPU never counts as the client's. Prints its base URLs as one JSON line, then serves until stdin
// closes (the parent exiting closes it too).
import { startSimulator } from '@llm/testing';

const simulator = await startSimulator();
process.stdout.write(
  `${JSON.stringify({
    openaiBaseURL: simulator.openaiBaseURL,
    anthropicBaseURL: simulator.anthropicBaseURL,
  })}\n`,
);
process.stdin.resume();
process.stdin.on('end', () => {
  void simulator.close().then(() => process.exit(0));
});
