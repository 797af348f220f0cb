import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ERROR_CODES } from '@hfd/contracts';
import { ApiException } from '../errors/api.exception';

function firstProblem(errors: ValidationError[]): string {
  for (const error of errors) {
    const constraint = Object.values(error.constraints ?? {})[0];
    if (constraint) return constraint;
    if (error.children?.length) return firstProblem(error.children);
  }
  return 'Invalid input';
}

/** Validation for every body, query and parameter; unknown properties are refused. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new ApiException(400, ERROR_CODES.validationFailed, firstProblem(errors)),
  });
}
