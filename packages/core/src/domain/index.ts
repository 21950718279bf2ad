export type { ValidationIssue } from './errors.js';
export {
  ChatcartError,
  ConflictError,
  DomainError,
  InvalidTransitionError,
  NotFoundError,
  ValidationError,
} from './errors.js';
