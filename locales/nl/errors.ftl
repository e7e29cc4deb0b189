### Microsoft 365 Defender REST API: foutberichten in het Nederlands.
### Vertaald uit locales/en/errors.ftl; daar staan de variabelen beschreven.
### Id's, foutcodes, $variabelen en de eigenschapsnaam target worden niet vertaald.

## HTTP-statusberichten

status-400 = Ongeldige aanvraag
status-401 = Niet geautoriseerd
status-403 = Toegang geweigerd
status-404 = Niet gevonden
status-405 = Methode niet toegestaan
    .generic = De aanvraagmethode wordt voor deze resource niet ondersteund.
status-408 = Time-out van aanvraag
    .generic = De aanvraag is niet op tijd ontvangen.
status-409 = Aanvraagconflict
    .generic = De aanvraag is in strijd met de huidige status van de resource.
status-412 = Niet voldaan aan voorwaarde
    .generic = Er is niet voldaan aan een voorwaarde van de aanvraag.
status-413 = Inhoud te groot
    .generic = De aanvraag is te groot.
status-415 = Niet-ondersteund mediatype
    .generic = Het inhoudstype van de aanvraag wordt niet ondersteund.
status-429 = Te veel aanvragen
status-431 = Headervelden van aanvraag te groot
    .generic = De headers van de aanvraag zijn te groot.
status-500 = Interne serverfout
status-502 = Gatewayfout
    .generic = De gateway heeft een ongeldig antwoord van de service ontvangen.
status-503 = Service niet beschikbaar
    .generic = De service is tijdelijk niet beschikbaar. Probeer het later opnieuw.
status-504 = Time-out van gateway
    .generic = De gateway heeft niet op tijd een antwoord van de service ontvangen.

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

## 429 Te veel aanvragen

TooManyRequests = Te veel aanvragen: de limiet voor het aantal aanvragen is overschreden. Probeer het { $retry_after ->
        [0] nu
        [one] over { $retry_after } seconde
       *[other] over { $retry_after } seconden
    } opnieuw.
    .generic = Te veel aanvragen: de limiet voor het aantal aanvragen is overschreden. Probeer het later opnieuw.
    .hint = Wacht voordat u de aanvraag opnieuw verzendt: de header Retry-After van het antwoord vermeldt de wachttijd in seconden. Als u de aanvraag te vroeg opnieuw verzendt, duurt de beperking langer.

## 500 Interne serverfout

InternalServerError = Er is een interne serverfout opgetreden.
    .note = Voer de bewerking opnieuw uit of neem contact op met Microsoft als het probleem zich blijft voordoen.
