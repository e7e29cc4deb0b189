### The English each message of nl/errors.ftl was last reviewed against.
### Written by `defender-errors mark-reviewed nl [ID...]`; not edited by hand.
### `defender-errors check` reports a message whose English has changed since as outdated.

status-400 = Bad Request

status-401 = Unauthorized

status-403 = Forbidden

status-404 = Not Found

status-500 = Internal Server Error

tracking-id = Tracking ID
    .help = Quote this ID (the value of target in the error response) when you contact support about this error.

unknown-error = An unexpected error occurred.

BadRequest = The request is not valid.

ODataError = Invalid OData URI query { $specific_error }.
    .generic = The OData URI query is not valid.

InvalidInput = Invalid input { $input }.
    .generic = The input is not valid.

InvalidRequestBody = Invalid request body.
    .hint = Body parameters are case-sensitive, so a typo is the usual cause. Check that the submitted parameters match the example in the API documentation.

InvalidHashValue = Hash value { $hash } is invalid.
    .generic = The hash value is not valid.

InvalidDomainName = Domain name { $domain } is invalid.
    .generic = The domain name is not valid.

InvalidIpAddress = IP address { $ip } is invalid.
    .generic = The IP address is not valid.

InvalidUrl = URL { $url } is invalid.
    .generic = The URL is not valid.

MaximumBatchSizeExceeded = Maximum batch size exceeded. Received: { $batch_size_received }, allowed: { $batch_size_allowed }.
    .generic = Maximum batch size exceeded.

MissingRequiredParameter = Parameter { $parameter } is missing.
    .generic = A required parameter is missing.
    .hint = Body parameters are case-sensitive, so a typo is the usual cause. Check that the submitted parameters match the example in the API documentation.

OsPlatformNotSupported = OS Platform { $os_platform } is not supported for this action.
    .generic = This OS platform is not supported for this action.

ClientVersionNotSupported = { $action } is supported on client version { $client_version } and above.
    .generic = This action is not supported on this client version.

Unauthorized = Unauthorized.
    .note = Usually caused by an invalid or expired authorization header.

Forbidden = Forbidden.
    .note = The token is valid, but it does not have enough permissions for this action.

DisabledFeature = Tenant feature is not enabled.

DisallowedOperation = { $operation }.
    .generic = This operation is not allowed.

NotFound = The requested item was not found.

ResourceNotFound = Resource { $resource } was not found.
    .generic = The requested resource was not found.

InternalServerError = An internal server error occurred.
    .note = Retry the operation, or contact Microsoft if the problem persists.
