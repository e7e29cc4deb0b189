### Microsoft 365 Defender REST API 错误消息：简体中文。
### 译自 locales/en/errors.ftl，变量说明见该文件。
### 不要翻译消息 ID、错误代码、$变量以及属性名称 target。

## HTTP 状态短语

status-400 = 错误的请求
status-401 = 未授权
status-403 = 禁止访问
status-404 = 未找到
status-405 = 不允许的方法
    .generic = 此资源不支持该请求方法。
status-408 = 请求超时
    .generic = 未能及时收到请求。
status-409 = 冲突
    .generic = 请求与资源的当前状态冲突。
status-412 = 未满足先决条件
    .generic = 未满足请求的先决条件。
status-413 = 内容过大
    .generic = 请求过大。
status-415 = 不支持的媒体类型
    .generic = 不支持请求的内容类型。
status-429 = 请求过多
status-431 = 请求标头字段过大
    .generic = 请求标头过大。
status-500 = 内部服务器错误
status-502 = 网关错误
    .generic = 网关从服务收到了无效的响应。
status-503 = 服务不可用
    .generic = 服务暂时不可用。请稍后重试。
status-504 = 网关超时
    .generic = 网关未能及时从服务收到响应。

## 跟踪 ID

tracking-id = 跟踪 ID
    .help = 就此错误联系支持人员时，请提供此 ID（错误响应中 target 属性的值）。

## 代码未知、没有 HTTP 状态也没有消息的错误。

unknown-error = 发生意外错误。

## 400 错误的请求

BadRequest = 请求无效。

ODataError = OData URI 查询无效：{ $specific_error }。
    .generic = OData URI 查询无效。

InvalidInput = 输入无效：{ $input }。
    .generic = 输入无效。

InvalidRequestBody = 请求正文无效。
    .hint = 由于正文参数区分大小写，此错误通常是拼写错误导致的。请检查提交的参数是否与 API 文档中的示例一致。

InvalidHashValue = 哈希值 { $hash } 无效。
    .generic = 哈希值无效。

InvalidDomainName = 域名 { $domain } 无效。
    .generic = 域名无效。

InvalidIpAddress = IP 地址 { $ip } 无效。
    .generic = IP 地址无效。

InvalidUrl = URL { $url } 无效。
    .generic = URL 无效。

MaximumBatchSizeExceeded = 已超出最大批大小。收到的批大小：{ $batch_size_received }，允许的最大值：{ $batch_size_allowed }。
    .generic = 已超出最大批大小。

MissingRequiredParameter = 缺少参数 { $parameter }。
    .generic = 缺少必需的参数。
    .hint = 由于正文参数区分大小写，此错误通常是拼写错误导致的。请检查提交的参数是否与 API 文档中的示例一致。

OsPlatformNotSupported = 此操作不支持操作系统平台 { $os_platform }。
    .generic = 此操作不支持该操作系统平台。

ClientVersionNotSupported = 操作 { $action } 需要 { $client_version } 或更高版本的客户端。
    .generic = 此客户端版本不支持该操作。

## 401 未授权

Unauthorized = 未授权。
    .note = 此错误通常是由授权标头无效或已过期引起的。

## 403 禁止访问

Forbidden = 禁止访问。
    .note = 令牌有效，但没有执行此操作所需的权限。

DisabledFeature = 你的租户未启用此功能。

DisallowedOperation = 不允许的操作：{ $operation }。
    .generic = 不允许执行此操作。

## 404 未找到

NotFound = 找不到请求的项。

ResourceNotFound = 找不到资源 { $resource }。
    .generic = 找不到请求的资源。

## 429 请求过多

TooManyRequests = 请求过多：已超出请求数量限制。{ $retry_after ->
        [0] 请立即重试
       *[other] 请在 { $retry_after } 秒后重试
    }。
    .generic = 请求过多：已超出请求数量限制。请稍后重试。
    .hint = 重新提交请求前请先等待：响应的 Retry-After 标头指明需要等待的秒数。过早重新提交会延长限制时间。

## 500 内部服务器错误

InternalServerError = 发生内部服务器错误。
    .note = 请重试该操作；如果问题仍未解决，请联系 Microsoft。
