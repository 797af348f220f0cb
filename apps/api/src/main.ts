// First, so that its hold on the young generation covers the loading of every other module.
import { startupOver } from './app/startup-memory';
// Before the first fetch compiles undici's WebAssembly parser.
import './app/wasm-baseline';
import { PersistenceStartError } from '@hfd/persistence';
import { createApp } from './app/create-app';
import { stopGracefullyOn } from './app/graceful-stop';
import { runDbBackup } from './cli/db-backup';
import { AppConfigService } from './config/app-config.service';
import { ConfigValidationError } from './config/env.schema';
import { InventoryService } from './spaces/inventory.service';

async function bootstrap(): Promise<void> {
  const app = await createApp();
  const config = app.get(AppConfigService);
  await app.listen(config.get('PORT'), config.get('HOST'));
  stopGracefullyOn(app);
  // Start-up ends with the first inventory read, whose parsing is part of the burst.
  void app.get(InventoryService).read(config.get('HUB_TIMEOUT')).finally(startupOver);
}

function fail(error: unknown): never {
  if (error instanceof ConfigValidationError || error instanceof PersistenceStartError) {
    // One line, then stop: the operator fixes the variable or file it names.
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
}

// `node main.js db:backup FILE` (what `npm run db:backup -- FILE` runs): the one command besides serving.
const [command, ...args] = process.argv.slice(2);
if (command === 'db:backup') {
  runDbBackup(args).then((code) => process.exit(code), fail);
} else {
  bootstrap().catch(fail);
}
