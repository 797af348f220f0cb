import { PersistenceStartError } from '@hfd/persistence';
import { createApp } from './app/create-app';
import { stopGracefullyOn } from './app/graceful-stop';
import { runDbBackup } from './cli/db-backup';
import { AppConfigService } from './config/app-config.service';
import { ConfigValidationError } from './config/env.schema';

async function bootstrap(): Promise<void> {
  const app = await createApp();
  const config = app.get(AppConfigService);
  await app.listen(config.get('PORT'), config.get('HOST'));
  stopGracefullyOn(app);
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
