import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ERROR_CODES, type ErrorCode } from '@hfd/contracts';
import { ApiException } from '../errors/api.exception';

interface Problem {
  message: string;
  /** A validator may name a more precise code through its `context`. */
  code: ErrorCode;
}

function firstProblem(errors: ValidationError[]): Problem {
  for (const error of errors) {
    const [name, message] = Object.entries(error.constraints ?? {})[0] ?? [];
    if (name !== undefined && message !== undefined) {
      const context = error.contexts?.[name] as { code?: ErrorCode } | undefined;
      return { message, code: context?.code ?? ERROR_CODES.validationFailed };
    }
    if (error.children?.length) return firstProblem(error.children);
  }
  return { message: 'Invalid input', code: ERROR_CODES.validationFailed };
}

/** Validation for every body, query and parameter; unknown properties are refused. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const problem = firstProblem(errors);
      return new ApiException(400, problem.code, problem.message);
    },
  });
}
