// Errors as the real endpoints send them. Two families exist on the wire:
// - modeled IVS errors: the body carries one member, `exceptionMessage` (the SDK maps it onto the
//   exception, `error.message` then stays "UnknownError" exactly as with the live service);
// - errors from the AWS front end (authentication, unknown operation, malformed JSON), which carry
//   `message` instead, so the SDK surfaces them with a readable `error.message`.

export type ErrorBodyStyle = 'service' | 'frontend';

export class ApiError extends Error {
  constructor(
    readonly errorType: string,
    readonly status: number,
    message: string,
    readonly bodyStyle: ErrorBodyStyle = 'service',
  ) {
    super(message);
    this.name = errorType;
  }

  responseBody(): Record<string, string> {
    return this.bodyStyle === 'service' ? { exceptionMessage: this.message } : { message: this.message };
  }
}

export const validationError = (message: string): ApiError => new ApiError('ValidationException', 400, message);

export const resourceNotFound = (arn: string): ApiError =>
  new ApiError('ResourceNotFoundException', 404, `Resource: ${arn} not found`);

export const conflict = (message: string): ApiError => new ApiError('ConflictException', 409, message);

export const quotaExceeded = (message: string): ApiError => new ApiError('ServiceQuotaExceededException', 402, message);

export const accessDenied = (principalArn: string, action: string): ApiError =>
  new ApiError('AccessDeniedException', 403, `User: ${principalArn} is not authorized to perform: ${action}`);

export const pendingVerification = (): ApiError =>
  new ApiError(
    'PendingVerification',
    403,
    'Your account is pending verification. Until the verification process is complete, you may not be able to carry out requests with this account. If you have questions, contact AWS Support.',
  );

export const throttled = (): ApiError => new ApiError('ThrottlingException', 429, 'Rate exceeded');

export const internalError = (): ApiError =>
  new ApiError('InternalServerException', 500, 'Unexpected error during processing of request.');

export const unrecognizedClient = (): ApiError =>
  new ApiError('UnrecognizedClientException', 403, 'The security token included in the request is invalid.', 'frontend');

export const invalidSignature = (
  message = 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
): ApiError => new ApiError('InvalidSignatureException', 403, message, 'frontend');

export const expiredToken = (): ApiError =>
  new ApiError('ExpiredTokenException', 403, 'The security token included in the request is expired', 'frontend');

export const missingAuthentication = (): ApiError =>
  new ApiError('MissingAuthenticationTokenException', 403, 'Missing Authentication Token', 'frontend');

export const incompleteSignature = (message: string): ApiError =>
  new ApiError('IncompleteSignatureException', 400, message, 'frontend');

export const unknownOperation = (): ApiError => new ApiError('UnknownOperationException', 404, 'Unknown operation', 'frontend');

export const serializationError = (message: string): ApiError =>
  new ApiError('SerializationException', 400, message, 'frontend');

export const payloadTooLarge = (): ApiError =>
  new ApiError('RequestEntityTooLargeException', 413, 'Request entity too large', 'frontend');
