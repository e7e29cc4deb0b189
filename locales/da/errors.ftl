### Microsoft 365 Defender REST API: fejlmeddelelser på dansk.
### Oversat fra locales/en/errors.ftl, hvor variablerne er beskrevet.
### Id'er, fejlkoder, $variabler og egenskabsnavnet target oversættes ikke.

## HTTP-statusmeddelelser

status-400 = Ugyldig anmodning
status-401 = Ikke godkendt
status-403 = Adgang nægtet
status-404 = Ikke fundet
status-405 = Metoden er ikke tilladt
    .generic = Anmodningsmetoden understøttes ikke for denne ressource.
status-408 = Timeout for anmodning
    .generic = Anmodningen blev ikke modtaget i tide.
status-409 = Konflikt
    .generic = Anmodningen er i konflikt med ressourcens aktuelle tilstand.
status-412 = Forudsætning ikke opfyldt
    .generic = En forudsætning for anmodningen er ikke opfyldt.
status-413 = Indholdet er for stort
    .generic = Anmodningen er for stor.
status-415 = Medietypen understøttes ikke
    .generic = Anmodningens indholdstype understøttes ikke.
status-429 = For mange anmodninger
status-431 = Anmodningens headerfelter er for store
    .generic = Anmodningens headere er for store.
status-500 = Intern serverfejl
status-502 = Gatewayfejl
    .generic = Gatewayen modtog et ugyldigt svar fra tjenesten.
status-503 = Tjenesten er ikke tilgængelig
    .generic = Tjenesten er midlertidigt utilgængelig. Prøv igen senere.
status-504 = Timeout for gateway
    .generic = Gatewayen modtog ikke svar fra tjenesten i tide.

## Sporings-id

tracking-id = Sporings-id
    .help = Oplys dette id (værdien af target i fejlsvaret), når du kontakter support om denne fejl.

## En fejl med en ukendt kode, uden HTTP-status og uden meddelelse.

unknown-error = Der opstod en uventet fejl.

## 400 Ugyldig anmodning

BadRequest = Anmodningen er ugyldig.

ODataError = Ugyldig OData-URI-forespørgsel: { $specific_error }.
    .generic = OData-URI-forespørgslen er ugyldig.

InvalidInput = Ugyldigt input: { $input }.
    .generic = Inputtet er ugyldigt.

InvalidRequestBody = Anmodningens brødtekst er ugyldig.
    .hint = Der skelnes mellem store og små bogstaver i brødtekstens parametre, så årsagen er som regel en tastefejl. Kontrollér, at de sendte parametre svarer til eksemplet i API-dokumentationen.

InvalidHashValue = Hashværdien { $hash } er ugyldig.
    .generic = Hashværdien er ugyldig.

InvalidDomainName = Domænenavnet { $domain } er ugyldigt.
    .generic = Domænenavnet er ugyldigt.

InvalidIpAddress = IP-adressen { $ip } er ugyldig.
    .generic = IP-adressen er ugyldig.

InvalidUrl = URL-adressen { $url } er ugyldig.
    .generic = URL-adressen er ugyldig.

MaximumBatchSizeExceeded = Den maksimale batchstørrelse er overskredet. Modtaget batchstørrelse: { $batch_size_received }, maksimalt tilladt: { $batch_size_allowed }.
    .generic = Den maksimale batchstørrelse er overskredet.

MissingRequiredParameter = Parameteren { $parameter } mangler.
    .generic = Der mangler en påkrævet parameter.
    .hint = Der skelnes mellem store og små bogstaver i brødtekstens parametre, så årsagen er som regel en tastefejl. Kontrollér, at de sendte parametre svarer til eksemplet i API-dokumentationen.

OsPlatformNotSupported = Styresystemplatformen { $os_platform } understøttes ikke til denne handling.
    .generic = Denne styresystemplatform understøttes ikke til handlingen.

ClientVersionNotSupported = Handlingen { $action } understøttes i klientversion { $client_version } og nyere.
    .generic = Handlingen understøttes ikke i denne klientversion.

## 401 Ikke godkendt

Unauthorized = Ikke godkendt.
    .note = Fejlen skyldes som regel en ugyldig eller udløbet godkendelsesheader.

## 403 Adgang nægtet

Forbidden = Adgang nægtet.
    .note = Tokenet er gyldigt, men har ikke de nødvendige tilladelser til handlingen.

DisabledFeature = Funktionen er ikke aktiveret for din lejer.

DisallowedOperation = Handlingen er ikke tilladt: { $operation }.
    .generic = Handlingen er ikke tilladt.

## 404 Ikke fundet

NotFound = Det ønskede element blev ikke fundet.

ResourceNotFound = Ressourcen { $resource } blev ikke fundet.
    .generic = Den ønskede ressource blev ikke fundet.

## 429 For mange anmodninger

TooManyRequests = For mange anmodninger: Grænsen for antallet af anmodninger er overskredet. Prøv igen { $retry_after ->
        [0] nu
        [one] om { $retry_after } sekund
       *[other] om { $retry_after } sekunder
    }.
    .generic = For mange anmodninger: Grænsen for antallet af anmodninger er overskredet. Prøv igen senere.
    .hint = Vent, før du sender anmodningen igen. Headeren Retry-After i svaret angiver ventetiden i sekunder. Hvis du sender anmodningen igen for tidligt, varer begrænsningen længere.

## 500 Intern serverfejl

InternalServerError = Der opstod en intern serverfejl.
    .note = Prøv handlingen igen, eller kontakt Microsoft, hvis problemet ikke forsvinder.
