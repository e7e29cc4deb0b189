### Microsoft 365 Defender REST API error messages: English, the source and the fallback.
###
### Each message id is the stable error code the API returns. Never translate or
### rename an id, a code, a $variable or the property name target.
### Attributes:
###   .note     the article's note on the error, shown under the message
###   .hint     what usually causes the error and how to fix it
###   .generic  the same message without any value: used when the values are not
###             known, for example when the API's own English text cannot be read
###             back into its parts. It must not contain a $variable.
### Source: the article "Common Microsoft 365 Defender REST API error codes".

## HTTP status phrases (RFC 9110, section 15; 429 and 431 from RFC 6585).
## A status without a code of its own in this file has a .generic: the message
## for an error whose code the catalog does not know, answered with that status.

status-400 = Bad Request
status-401 = Unauthorized
status-403 = Forbidden
status-404 = Not Found
status-405 = Method Not Allowed
    .generic = The request method is not supported for this resource.
status-408 = Request Timeout
    .generic = The request was not received in time.
status-409 = Conflict
    .generic = The request conflicts with the current state of the resource.
status-412 = Precondition Failed
    .generic = A precondition of the request was not met.
status-413 = Content Too Large
    .generic = The request is too large.
status-415 = Unsupported Media Type
    .generic = The content type of the request is not supported.
status-429 = Too Many Requests
status-431 = Request Header Fields Too Large
    .generic = The request headers are too large.
status-500 = Internal Server Error
status-502 = Bad Gateway
    .generic = The gateway received an invalid response from the service.
status-503 = Service Unavailable
    .generic = The service is temporarily unavailable. Try again later.
status-504 = Gateway Timeout
    .generic = The gateway did not receive a response from the service in time.

## The tracking id. Every error response carries a unique id in its property
## target; support uses it to find the root cause of the problem.

tracking-id = Tracking ID
    .help = Quote this ID (the value of target in the error response) when you contact support about this error.

## An error whose code the catalog does not know, with no HTTP status and no message.

unknown-error = An unexpected error occurred.

## 400 Bad Request

# Article: "General Bad Request error message."
BadRequest = The request is not valid.

# $specific_error (String) - the specific error is specified
ODataError = Invalid OData URI query { $specific_error }.
    .generic = The OData URI query is not valid.

# $input (String) - the invalid input
InvalidInput = Invalid input { $input }.
    .generic = The input is not valid.

InvalidRequestBody = Invalid request body.
    .hint = Body parameters are case-sensitive, so a typo is the usual cause. Check that the submitted parameters match the example in the API documentation.

# $hash (String) - the invalid hash
InvalidHashValue = Hash value { $hash } is invalid.
    .generic = The hash value is not valid.

# $domain (String) - the invalid domain
InvalidDomainName = Domain name { $domain } is invalid.
    .generic = The domain name is not valid.

# $ip (String) - the invalid IP
InvalidIpAddress = IP address { $ip } is invalid.
    .generic = The IP address is not valid.

# $url (String) - the invalid URL
InvalidUrl = URL { $url } is invalid.
    .generic = The URL is not valid.

# $batch_size_received (Number) - batch size received
# $batch_size_allowed (Number) - batch size allowed
MaximumBatchSizeExceeded = Maximum batch size exceeded. Received: { $batch_size_received }, allowed: { $batch_size_allowed }.
    .generic = Maximum batch size exceeded.

# $parameter (String) - the missing parameter
MissingRequiredParameter = Parameter { $parameter } is missing.
    .generic = A required parameter is missing.
    .hint = Body parameters are case-sensitive, so a typo is the usual cause. Check that the submitted parameters match the example in the API documentation.

# $os_platform (String) - the client OS Platform
OsPlatformNotSupported = OS Platform { $os_platform } is not supported for this action.
    .generic = This OS platform is not supported for this action.

# $action (String) - The requested action
# $client_version (String) - supported client version
ClientVersionNotSupported = { $action } is supported on client version { $client_version } and above.
    .generic = This action is not supported on this client version.

## 401 Unauthorized

Unauthorized = Unauthorized.
    .note = Usually caused by an invalid or expired authorization header.

## 403 Forbidden

Forbidden = Forbidden.
    .note = The token is valid, but it does not have enough permissions for this action.

DisabledFeature = Tenant feature is not enabled.

# $operation (String) - the disallowed operation and the reason
DisallowedOperation = { $operation }.
    .generic = This operation is not allowed.

## 404 Not Found

# Article: "General Not Found error message."
NotFound = The requested item was not found.

# $resource (String) - the requested resource
ResourceNotFound = Resource { $resource } was not found.
    .generic = The requested resource was not found.

## 429 Too Many Requests

# Article: "Response represents reaching quota limit either by number of requests
# or by CPU." The API's text: "Rate limit is exceeded. Try again in 12 seconds."
# $retry_after (Number) - seconds to wait before resubmitting
# The wait comes from the body's own text or from the Retry-After header, in
# whole seconds; long waits are still told in seconds (3,600 seconds). A wait
# of 0 (Retry-After: 0) means now: the variant [0] says so.
TooManyRequests = Rate limit is exceeded. Try again { $retry_after ->
        [0] now
        [one] in { $retry_after } second
       *[other] in { $retry_after } seconds
    }.
    .generic = Rate limit is exceeded. Try again later.
    .hint = Wait before you send the request again: the Retry-After header of the response gives the wait in seconds. Resubmitting before then prolongs the throttling.

## 500 Internal Server Error

# Article: "Note: No error message, retry the operation or contact Microsoft if it
# does not get resolved."
InternalServerError = An internal server error occurred.
    .note = Retry the operation, or contact Microsoft if the problem persists.
