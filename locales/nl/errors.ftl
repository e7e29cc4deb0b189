### Microsoft 365 Defender REST API: foutberichten in het Nederlands.
### Vertaald uit locales/en/errors.ftl; daar staan de variabelen beschreven.
### Id's, foutcodes, $variabelen en de eigenschapsnaam target worden niet vertaald.

## HTTP-statusberichten

status-400 = Ongeldige aanvraag
status-401 = Niet geautoriseerd
status-403 = Toegang geweigerd
status-404 = Niet gevonden
status-500 = Interne serverfout

## Tracking-id

tracking-id = Tracking-id
    .help = Vermeld deze id (de waarde van target in het foutantwoord) als u over deze fout contact opneemt met de ondersteuning.

## Een fout met een onbekende code, zonder HTTP-status en zonder bericht.

unknown-error = Er is een onverwachte fout opgetreden.

## 400 Ongeldige aanvraag

BadRequest = De aanvraag is ongeldig.

ODataError = Ongeldige OData-URI-query: { $specific_error }.
    .generic = De OData-URI-query is ongeldig.

InvalidInput = Ongeldige invoer: { $input }.
    .generic = De invoer is ongeldig.

InvalidRequestBody = De hoofdtekst van de aanvraag is ongeldig.
    .hint = Parameters in de hoofdtekst zijn hoofdlettergevoelig, dus meestal is een typefout de oorzaak. Controleer of de verzonden parameters overeenkomen met het voorbeeld in de API-documentatie.

InvalidHashValue = De hashwaarde { $hash } is ongeldig.
    .generic = De hashwaarde is ongeldig.

InvalidDomainName = De domeinnaam { $domain } is ongeldig.
    .generic = De domeinnaam is ongeldig.

InvalidIpAddress = Het IP-adres { $ip } is ongeldig.
    .generic = Het IP-adres is ongeldig.

InvalidUrl = De URL { $url } is ongeldig.
    .generic = De URL is ongeldig.

MaximumBatchSizeExceeded = De maximale batchgrootte is overschreden. Ontvangen batchgrootte: { $batch_size_received }, maximaal toegestaan: { $batch_size_allowed }.
    .generic = De maximale batchgrootte is overschreden.

MissingRequiredParameter = De parameter { $parameter } ontbreekt.
    .generic = Er ontbreekt een verplichte parameter.
    .hint = Parameters in de hoofdtekst zijn hoofdlettergevoelig, dus meestal is een typefout de oorzaak. Controleer of de verzonden parameters overeenkomen met het voorbeeld in de API-documentatie.

OsPlatformNotSupported = Het besturingssysteemplatform { $os_platform } wordt voor deze actie niet ondersteund.
    .generic = Dit besturingssysteemplatform wordt voor deze actie niet ondersteund.

ClientVersionNotSupported = De actie { $action } vereist clientversie { $client_version } of hoger.
    .generic = Deze actie wordt niet ondersteund in deze clientversie.

## 401 Niet geautoriseerd

Unauthorized = Niet geautoriseerd.
    .note = Deze fout wordt meestal veroorzaakt door een ongeldige of verlopen autorisatieheader.

## 403 Toegang geweigerd

Forbidden = Toegang geweigerd.
    .note = Het token is geldig, maar heeft onvoldoende machtigingen voor deze actie.

DisabledFeature = De aangevraagde functie is niet ingeschakeld voor uw tenant.

DisallowedOperation = Bewerking niet toegestaan: { $operation }.
    .generic = Deze bewerking is niet toegestaan.

## 404 Niet gevonden

NotFound = Het gevraagde item is niet gevonden.

ResourceNotFound = De resource { $resource } is niet gevonden.
    .generic = De gevraagde resource is niet gevonden.

## 500 Interne serverfout

InternalServerError = Er is een interne serverfout opgetreden.
    .note = Voer de bewerking opnieuw uit of neem contact op met Microsoft als het probleem zich blijft voordoen.
