### Microsoft 365 Defender REST API : messages d’erreur en français.
### Traduit de locales/en/errors.ftl, où les variables sont décrites.
### Les identifiants, les codes d’erreur, les $variables et le nom de propriété target ne se traduisent pas.
### Devant « : », l’espace est insécable (U+00A0), selon l’usage typographique français.

## Libellés des statuts HTTP

status-400 = Requête incorrecte
status-401 = Non autorisé
status-403 = Accès interdit
status-404 = Introuvable
status-405 = Méthode non autorisée
    .generic = La méthode de la requête n’est pas prise en charge pour cette ressource.
status-408 = Délai d’attente de la requête dépassé
    .generic = La requête n’a pas été reçue à temps.
status-409 = Conflit
    .generic = La requête est en conflit avec l’état actuel de la ressource.
status-412 = Condition préalable non remplie
    .generic = Une condition préalable de la requête n’est pas remplie.
status-413 = Contenu trop volumineux
    .generic = La requête est trop volumineuse.
status-415 = Type de média non pris en charge
    .generic = Le type de contenu de la requête n’est pas pris en charge.
status-429 = Trop de requêtes
status-431 = Champs d’en-tête de la requête trop volumineux
    .generic = Les en-têtes de la requête sont trop volumineux.
status-500 = Erreur interne du serveur
status-502 = Passerelle incorrecte
    .generic = La passerelle a reçu une réponse non valide du service.
status-503 = Service indisponible
    .generic = Le service est temporairement indisponible. Réessayez plus tard.
status-504 = Délai d’attente de la passerelle dépassé
    .generic = La passerelle n’a pas reçu de réponse du service à temps.

## ID de suivi

tracking-id = ID de suivi
    .help = Indiquez cet ID (la valeur de target dans la réponse d’erreur) lorsque vous contactez le support au sujet de cette erreur.

## Une erreur dont le code est inconnu, sans statut HTTP ni message.

unknown-error = Une erreur inattendue s’est produite.

## 400 Requête incorrecte

BadRequest = La requête n’est pas valide.

ODataError = Chaîne de requête de l’URI OData non valide : { $specific_error }.
    .generic = La chaîne de requête de l’URI OData n’est pas valide.

InvalidInput = Entrée non valide : { $input }.
    .generic = L’entrée n’est pas valide.

InvalidRequestBody = Le corps de la requête n’est pas valide.
    .hint = Les paramètres du corps de la requête respectent la casse. Cette erreur est donc généralement due à une faute de frappe. Vérifiez que les paramètres envoyés correspondent à l’exemple de la documentation de l’API.

InvalidHashValue = La valeur de hachage { $hash } n’est pas valide.
    .generic = La valeur de hachage n’est pas valide.

InvalidDomainName = Le nom de domaine { $domain } n’est pas valide.
    .generic = Le nom de domaine n’est pas valide.

InvalidIpAddress = L’adresse IP { $ip } n’est pas valide.
    .generic = L’adresse IP n’est pas valide.

InvalidUrl = L’URL { $url } n’est pas valide.
    .generic = L’URL n’est pas valide.

MaximumBatchSizeExceeded = La taille de lot maximale est dépassée. Taille reçue : { $batch_size_received }, taille maximale autorisée : { $batch_size_allowed }.
    .generic = La taille de lot maximale est dépassée.

MissingRequiredParameter = Le paramètre { $parameter } est manquant.
    .generic = Un paramètre obligatoire est manquant.
    .hint = Les paramètres du corps de la requête respectent la casse. Cette erreur est donc généralement due à une faute de frappe. Vérifiez que les paramètres envoyés correspondent à l’exemple de la documentation de l’API.

OsPlatformNotSupported = La plateforme de système d’exploitation { $os_platform } n’est pas prise en charge pour cette action.
    .generic = Cette plateforme de système d’exploitation n’est pas prise en charge pour cette action.

ClientVersionNotSupported = L’action { $action } nécessite la version { $client_version } du client ou une version ultérieure.
    .generic = Cette action n’est pas prise en charge par cette version du client.

## 401 Non autorisé

Unauthorized = Non autorisé.
    .note = Cette erreur est généralement due à un en-tête d’autorisation non valide ou expiré.

## 403 Accès interdit

Forbidden = Accès interdit.
    .note = Le jeton est valide, mais il ne dispose pas des autorisations nécessaires pour cette action.

DisabledFeature = Cette fonctionnalité n’est pas activée pour votre locataire.

DisallowedOperation = Opération non autorisée : { $operation }.
    .generic = Cette opération n’est pas autorisée.

## 404 Introuvable

NotFound = L’élément demandé est introuvable.

ResourceNotFound = La ressource { $resource } est introuvable.
    .generic = La ressource demandée est introuvable.

## 429 Trop de requêtes

TooManyRequests = Trop de requêtes : la limite du nombre de requêtes est dépassée. Réessayez { $retry_after ->
        [0] maintenant
        [one] dans { $retry_after } seconde
        [many] dans { $retry_after } de secondes
       *[other] dans { $retry_after } secondes
    }.
    .generic = Trop de requêtes : la limite du nombre de requêtes est dépassée. Réessayez plus tard.
    .hint = Attendez avant de renvoyer la requête : l’en-tête Retry-After de la réponse indique le délai d’attente en secondes. Une requête renvoyée trop tôt prolonge la limitation.

## 500 Erreur interne du serveur

InternalServerError = Une erreur interne du serveur s’est produite.
    .note = Réessayez l’opération ou contactez Microsoft si le problème persiste.
