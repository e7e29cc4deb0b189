### Microsoft 365 Defender REST API: Fehlermeldungen auf Deutsch.
### Übersetzt aus locales/en/errors.ftl; dort sind die Variablen beschrieben.
### IDs, Fehlercodes, $Variablen und der Eigenschaftsname target werden nicht übersetzt.

## HTTP-Statusmeldungen

status-400 = Ungültige Anforderung
status-401 = Nicht autorisiert
status-403 = Zugriff verweigert
status-404 = Nicht gefunden
status-405 = Methode nicht zulässig
    .generic = Die Anforderungsmethode wird für diese Ressource nicht unterstützt.
status-408 = Zeitüberschreitung der Anforderung
    .generic = Die Anforderung ist nicht rechtzeitig eingegangen.
status-409 = Konflikt
    .generic = Die Anforderung steht im Konflikt mit dem aktuellen Zustand der Ressource.
status-412 = Vorbedingung nicht erfüllt
    .generic = Eine Vorbedingung der Anforderung ist nicht erfüllt.
status-413 = Inhalt zu groß
    .generic = Die Anforderung ist zu groß.
status-415 = Nicht unterstützter Medientyp
    .generic = Der Inhaltstyp der Anforderung wird nicht unterstützt.
status-429 = Zu viele Anforderungen
status-431 = Headerfelder der Anforderung zu groß
    .generic = Die Header der Anforderung sind zu groß.
status-500 = Interner Serverfehler
status-502 = Fehlerhaftes Gateway
    .generic = Das Gateway hat vom Dienst eine ungültige Antwort erhalten.
status-503 = Dienst nicht verfügbar
    .generic = Der Dienst ist vorübergehend nicht verfügbar. Versuchen Sie es später erneut.
status-504 = Gateway-Zeitüberschreitung
    .generic = Das Gateway hat vom Dienst nicht rechtzeitig eine Antwort erhalten.

## Nachverfolgungs-ID

tracking-id = Nachverfolgungs-ID
    .help = Geben Sie diese ID (den Wert von target in der Fehlerantwort) an, wenn Sie sich wegen dieses Fehlers an den Support wenden.

## Ein Fehler mit unbekanntem Code, ohne HTTP-Status und ohne Meldung.

unknown-error = Es ist ein unerwarteter Fehler aufgetreten.

## 400 Ungültige Anforderung

BadRequest = Die Anforderung ist ungültig.

ODataError = Ungültige OData-URI-Abfrage: { $specific_error }.
    .generic = Die OData-URI-Abfrage ist ungültig.

InvalidInput = Ungültige Eingabe: { $input }.
    .generic = Die Eingabe ist ungültig.

InvalidRequestBody = Der Anforderungstext ist ungültig.
    .hint = Bei Parametern im Anforderungstext wird die Groß-/Kleinschreibung beachtet, daher ist meist ein Tippfehler die Ursache. Prüfen Sie, ob die übermittelten Parameter mit dem Beispiel in der API-Dokumentation übereinstimmen.

InvalidHashValue = Der Hashwert { $hash } ist ungültig.
    .generic = Der Hashwert ist ungültig.

InvalidDomainName = Der Domänenname { $domain } ist ungültig.
    .generic = Der Domänenname ist ungültig.

InvalidIpAddress = Die IP-Adresse { $ip } ist ungültig.
    .generic = Die IP-Adresse ist ungültig.

InvalidUrl = Die URL { $url } ist ungültig.
    .generic = Die URL ist ungültig.

MaximumBatchSizeExceeded = Die maximale Batchgröße wurde überschritten. Empfangene Batchgröße: { $batch_size_received }, maximal zulässig: { $batch_size_allowed }.
    .generic = Die maximale Batchgröße wurde überschritten.

MissingRequiredParameter = Der Parameter { $parameter } fehlt.
    .generic = Ein erforderlicher Parameter fehlt.
    .hint = Bei Parametern im Anforderungstext wird die Groß-/Kleinschreibung beachtet, daher ist meist ein Tippfehler die Ursache. Prüfen Sie, ob die übermittelten Parameter mit dem Beispiel in der API-Dokumentation übereinstimmen.

OsPlatformNotSupported = Die Betriebssystemplattform { $os_platform } wird für diese Aktion nicht unterstützt.
    .generic = Diese Betriebssystemplattform wird für diese Aktion nicht unterstützt.

ClientVersionNotSupported = Die Aktion { $action } erfordert Clientversion { $client_version } oder höher.
    .generic = Diese Aktion wird von dieser Clientversion nicht unterstützt.

## 401 Nicht autorisiert

Unauthorized = Nicht autorisiert.
    .note = Dieser Fehler wird meist durch einen ungültigen oder abgelaufenen Autorisierungsheader verursacht.

## 403 Zugriff verweigert

Forbidden = Zugriff verweigert.
    .note = Das Token ist gültig, verfügt aber nicht über die erforderlichen Berechtigungen für diese Aktion.

DisabledFeature = Die angeforderte Funktion ist für Ihren Mandanten nicht aktiviert.

DisallowedOperation = Unzulässiger Vorgang: { $operation }.
    .generic = Dieser Vorgang ist nicht zulässig.

## 404 Nicht gefunden

NotFound = Das angeforderte Element wurde nicht gefunden.

ResourceNotFound = Die Ressource { $resource } wurde nicht gefunden.
    .generic = Die angeforderte Ressource wurde nicht gefunden.

## 429 Zu viele Anforderungen

TooManyRequests = Zu viele Anforderungen: Das Anforderungslimit wurde überschritten. Versuchen Sie es { $retry_after ->
        [0] jetzt
        [one] in { $retry_after } Sekunde
       *[other] in { $retry_after } Sekunden
    } erneut.
    .generic = Zu viele Anforderungen: Das Anforderungslimit wurde überschritten. Versuchen Sie es später erneut.
    .hint = Warten Sie, bevor Sie die Anforderung erneut senden. Der Header Retry-After der Antwort gibt die Wartezeit in Sekunden an. Wenn Sie die Anforderung zu früh erneut senden, hält die Drosselung länger an.

## 500 Interner Serverfehler

InternalServerError = Es ist ein interner Serverfehler aufgetreten.
    .note = Wiederholen Sie den Vorgang, oder wenden Sie sich an Microsoft, wenn das Problem weiterhin besteht.
