import { DynamicModule, Global, Injectable, Logger, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ApiKeysRepository, AuditRepository, AutomationRepository, Persistence, SessionsRepository, StoredSecrets, UsersRepository } from '@hfd/persistence';
import { RetentionService } from './retention.service';

/** Says what opening the database did, reports outages and their end, and closes it last. */
@Injectable()
class PersistenceLifecycle implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Persistence');
  private stopListening: (() => void) | undefined;

  constructor(
    private readonly persistence: Persistence,
    private readonly retention: RetentionService,
  ) {}

  onModuleInit(): void {
    this.logger.log(`Data in ${this.persistence.kind === 'sqlite' ? 'SQLite at' : 'PostgreSQL at'} ${this.persistence.location}`);
    for (const note of this.persistence.notes) this.logger.log(note);
    this.stopListening = this.persistence.status.onChange((health) => {
      if (health.reachable) this.logger.log(`The database answers again; ${this.persistence.writes.size} waiting write(s) are being written`);
      else this.logger.warn(`The database cannot be reached (${health.error}): writes wait in a queue, live data is still served`);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopListening?.();
    await this.retention.stop();
    const unwritten = await this.persistence.close();
    if (unwritten > 0) this.logger.error(`${unwritten} write(s) never reached the database before the server stopped`);
  }
}

/**
 * The database, opened before the application is built (so that a database that cannot be
 * used stops the start with one line) and provided to every module: the Persistence itself,
 * one provider per repository, and the stored secrets.
 */
@Global()
@Module({})
export class PersistenceModule {
  static forRoot(persistence: Persistence): DynamicModule {
    return {
      module: PersistenceModule,
      providers: [
        { provide: Persistence, useValue: persistence },
        { provide: SessionsRepository, useValue: persistence.sessions },
        { provide: UsersRepository, useValue: persistence.users },
        { provide: ApiKeysRepository, useValue: persistence.apiKeys },
        { provide: AuditRepository, useValue: persistence.audit },
        { provide: AutomationRepository, useValue: persistence.automation },
        { provide: StoredSecrets, useValue: persistence.secrets },
        RetentionService,
        PersistenceLifecycle,
      ],
      exports: [Persistence, SessionsRepository, UsersRepository, ApiKeysRepository, AuditRepository, AutomationRepository, StoredSecrets],
    };
  }
}
