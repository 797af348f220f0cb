import type { INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { AUTH_RULE, type AuthRule } from '../../common/decorators/auth.decorator';

export interface DeclaredRoute {
  /** `Controller.method` */
  name: string;
  rule: AuthRule | undefined;
}

/** Every route handler of every controller of the application, with the @Auth rule it carries. */
export function declaredRoutes(app: INestApplication): DeclaredRoute[] {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const reflector = new Reflector();
  return discovery.getControllers().flatMap(({ metatype }) => {
    if (typeof metatype !== 'function') return [];
    const controller = metatype as abstract new (...args: never[]) => object;
    return scanner.getAllMethodNames(controller.prototype).flatMap((methodName) => {
      const handler = (controller.prototype as Record<string, unknown>)[methodName];
      if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined || Reflect.getMetadata(PATH_METADATA, handler) === undefined) {
        return [];
      }
      return [{ name: `${controller.name}.${methodName}`, rule: reflector.getAllAndOverride<AuthRule | undefined>(AUTH_RULE, [handler, controller]) }];
    });
  });
}

