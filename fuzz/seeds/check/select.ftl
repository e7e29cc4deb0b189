MaximumBatchSizeExceeded = { $batch_size_received ->
    [one] Eins
   *[other] { NUMBER($batch_size_received) } von { $batch_size_allowed }
}
    .generic = Zu viele.
-term = Begriff
NotFound = { -term } { "\u00e9" } nicht gefunden.
