import { runCli } from './cli';

async function main(): Promise<void> {
  const result = await runCli(process.argv.slice(2), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  });
  if ('exitCode' in result) {
    process.exitCode = result.exitCode;
    return;
  }
  const stop = (signal: NodeJS.Signals) => {
    process.stdout.write(`Received ${signal}, closing the hub emulator\n`);
    // With the server and its timers gone the event loop empties and the process exits 0.
    void result.hub.close();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
