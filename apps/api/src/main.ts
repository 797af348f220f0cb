import { createApp } from './app/create-app';
import { stopGracefullyOn } from './app/graceful-stop';
import { AppConfigService } from './config/app-config.service';
import { ConfigValidationError } from './config/env.schema';

async function bootstrap(): Promise<void> {
  const app = await createApp();
  const config = app.get(AppConfigService);
  await app.listen(config.get('PORT'), config.get('HOST'));
  stopGracefullyOn(app);
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigValidationError) {
    // One line, then stop: the operator fixes the variable it names.
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
